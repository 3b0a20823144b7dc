import Foundation
import Marginalia
import MarginaliaBatch

/// The readers a fuzzer feeds (`scripts/fuzz.sh`, and the regression tests that replay what
/// it found): each takes arbitrary bytes and must answer with a value or a
/// thrown error, never a trap, a hang or a memory error. Where a reader can write back what
/// it read, the harness checks that the round trip gives the same value.
///
/// ```swift
/// FuzzHarness(rawValue: "gold")?.run(Array("document\tx\n".utf8))
/// ```
public enum FuzzHarness: String, CaseIterable, Sendable {
    case json, jsonl, txt, brat, gold, toml, lua

    /// The harness `MARGINALIA_FUZZ_TARGET` names (the process stops when it names none).
    public static let selected: FuzzHarness = {
        let name = ProcessInfo.processInfo.environment["MARGINALIA_FUZZ_TARGET"] ?? ""
        guard let harness = FuzzHarness(rawValue: name) else {
            let known = allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("set MARGINALIA_FUZZ_TARGET to one of: \(known)\n".utf8))
            exit(2)
        }
        return harness
    }()

    public func run(_ bytes: [UInt8]) {
        switch self {
        case .json: FuzzJSON.run(bytes)
        case .jsonl: FuzzJSONL.run(bytes)
        case .txt: FuzzTextFile.run(bytes)
        case .brat: FuzzBrat.run(bytes)
        case .gold: FuzzGoldTable.run(bytes)
        case .toml: FuzzProjectFile.run(bytes)
        case .lua: FuzzLuaAPI.run(bytes)
        }
    }
}

/// Splits fuzz input in two at the first 0xFF byte (never valid UTF-8), for readers that
/// take two texts.
func splitInTwo(_ bytes: [UInt8]) -> ([UInt8], [UInt8]) {
    guard let cut = bytes.firstIndex(of: 0xFF) else { return (bytes, []) }
    return (Array(bytes[..<cut]), Array(bytes[(cut + 1)...]))
}

/// `JSONParser`: any bytes parse or throw; what parses serializes and parses back equal.
enum FuzzJSON {
    static func run(_ bytes: [UInt8]) {
        guard let value = try? JSONParser.parse(bytes) else { return }
        let written = Array(value.serialized().utf8)
        guard let again = try? JSONParser.parse(written) else {
            fatalError("serialized JSON does not parse: \(value.serialized())")
        }
        if again.serialized() != value.serialized() { fatalError("JSON round trip changed the value: \(value.serialized())") }
    }
}

/// A JSONL file read line by line (`LineReader` over memory) and each line parsed into a
/// document (`JSONLRecordParser`), as `annotate` reads a `.jsonl` corpus.
enum FuzzJSONL {
    static func run(_ bytes: [UInt8]) {
        let reader = LineReader(source: MemoryByteSource(bytes), name: "fuzz.jsonl")
        while let line = try? reader.next() {
            _ = try? JSONLRecordParser.parse(line: line.bytes, source: "fuzz.jsonl:\(line.number)")
        }
    }
}

/// A `.txt` article (`TextFileParser`): the text is kept byte for byte.
enum FuzzTextFile {
    static func run(_ bytes: [UInt8]) {
        guard let document = try? TextFileParser.parse(bytes: bytes, id: "fuzz", source: "fuzz.txt") else { return }
        if Array(document.text.utf8) != bytes { fatalError("the .txt reader changed the text's bytes") }
    }
}

/// A brat `.ann` file checked against a document text (the two halves of the input).
enum FuzzBrat {
    static func run(_ bytes: [UInt8]) {
        let (ann, text) = splitInTwo(bytes)
        _ = try? BratFile.parse(String(decoding: ann, as: UTF8.self), file: "fuzz.ann",
                                documentText: String(decoding: text, as: UTF8.self))
    }
}

/// A gold table (`GoldTable`), and the split selection that evaluation uses.
enum FuzzGoldTable {
    static func run(_ bytes: [UInt8]) {
        guard let table = try? GoldTable.parse(String(decoding: bytes, as: UTF8.self), file: "fuzz.tsv") else { return }
        for split in Set(table.rows.compactMap(\.split)) { _ = try? table.inSplit(split) }
    }
}

/// `marginalia.toml` (`ProjectFile`, through TOMLKit's parser).
enum FuzzProjectFile {
    static func run(_ bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        _ = try? ProjectFile.parse(text, path: "fuzz.toml")
    }
}

/// Bytes in memory as a `ByteSource`, handed out in small reads so that lines cross chunks.
final class MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0
    private(set) var rawBytesRead = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(DocumentError) -> Int {
        let count = min(buffer.count, bytes.count - offset, 7)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        rawBytesRead = offset
        return count
    }
}
