import Foundation
import Marginalia
import XCTest

/// The corpus readers: .txt, .jsonl, .jsonl.gz, folders, long and malformed lines.
final class CorpusReaderTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "marginalia-reader-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    @discardableResult
    private func write(_ name: String, _ bytes: [UInt8]) -> String {
        let path = (directory as NSString).appendingPathComponent(name)
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        return path
    }

    @discardableResult
    private func write(_ name: String, _ text: String) -> String { write(name, Array(text.utf8)) }

    private func read(_ paths: [String]) -> (ids: [String], errors: [DocumentError]) {
        var ids: [String] = []
        var errors: [DocumentError] = []
        for item in CorpusReader(paths: paths) {
            switch item {
            case .success(let document): ids.append(document.id)
            case .failure(let error): errors.append(error)
            }
        }
        return (ids, errors)
    }

    /// Gzips `bytes` with the system's gzip (as a corpus provider would).
    private func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-c"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let writer = Thread { input.fileHandleForWriting.write(Data(bytes)); try? input.fileHandleForWriting.close() }
        writer.start()
        let compressed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        return [UInt8](compressed)
    }

    private func jsonl(_ count: Int, from first: Int = 0) -> String {
        (first..<first + count).map { #"{"id":"n\#($0)","text":"Article \#($0) about tanks."}"# + "\n" }.joined()
    }

    func testTextFileIsOneDocumentNamedAfterItsStem() {
        let path = write("a/story-1.txt", "Title line\n\nTanks rolled in.\n")
        let documents = CorpusReader(paths: [path]).compactMap { try? $0.get() }
        XCTAssertEqual(documents.map(\.id), ["story-1"])
        XCTAssertEqual(documents.first?.metadata.title, "Title line")
        XCTAssertEqual(documents.first?.text, "Title line\n\nTanks rolled in.\n")
    }

    func testFoldersAreWalkedRecursivelyInSortedOrderWithEveryKind() throws {
        write("corpus/b.txt", "Second.")
        write("corpus/a.txt", "First.")
        write("corpus/sub/c.jsonl", jsonl(2))
        write("corpus/sub/d.jsonl.gz", try gzip(Array(jsonl(1, from: 9).utf8)))
        write("corpus/notes.md", "not a corpus file")
        let (ids, errors) = read([(directory as NSString).appendingPathComponent("corpus")])
        XCTAssertEqual(errors, [])
        XCTAssertEqual(ids, ["a", "b", "n0", "n1", "n9"])
    }

    func testMalformedLineIsAnErrorForThatLineOnlyWithFileAndLineNumber() {
        let path = write("news.jsonl", jsonl(2) + "{\"id\": \"broken\", \"text\": \n" + "\n" + #"{"text":"no id"}"# + "\n" + jsonl(1, from: 5))
        let (ids, errors) = read([path])
        XCTAssertEqual(ids, ["n0", "n1", "n5"])
        XCTAssertEqual(errors.map(\.source), ["\(path):3", "\(path):5"])
        XCTAssertTrue(errors[0].description.hasPrefix("\(path):3: malformed JSON"), errors[0].description)
        XCTAssertTrue(errors[1].description.contains("missing string \"id\""), errors[1].description)
    }

    func testLargeJSONLIsStreamedLineByLineWithLinesLongerThanTheBuffer() {
        // 30,000 lines, one of them 3 MB (longer than the reader's 1 MiB buffer), CRLF endings.
        var text = ""
        for index in 0..<30_000 {
            if index == 12_345 {
                text += #"{"id":"long","text":""# + String(repeating: "tanks and missiles ", count: 160_000) + "\"}\r\n"
            } else {
                text += #"{"id":"n\#(index)","text":"Article \#(index)."}"# + "\r\n"
            }
        }
        text += "not json at the last line"
        let path = write("big.jsonl", text)
        let reader = try! LineReader(path: path)
        var lines = 0, longest = 0
        while let line = try! reader.next() {
            lines += 1
            longest = max(longest, line.bytes.count)
            XCTAssertNotEqual(line.bytes.last, 0x0D)
        }
        XCTAssertEqual(lines, 30_001)
        XCTAssertEqual(longest, 160_000 * 19 + #"{"id":"long","text":""}"#.utf8.count)
        let (ids, errors) = read([path])
        XCTAssertEqual(ids.count, 30_000)
        XCTAssertEqual(ids[12_345], "long")
        XCTAssertEqual(errors.map(\.source), ["\(path):30001"])
    }

    func testGzippedJSONLIsDecompressedAsItIsRead() throws {
        let plain = jsonl(5_000)
        let path = write("news.jsonl.gz", try gzip(Array(plain.utf8)))
        let (ids, errors) = read([path])
        XCTAssertEqual(errors, [])
        XCTAssertEqual(ids, (0..<5_000).map { "n\($0)" })
        let reader = try LineReader(path: path)
        while try reader.next() != nil {}
        XCTAssertEqual(reader.rawBytesRead, try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
    }

    func testConcatenatedGzipMembersAreReadLikeOneFile() throws {
        let path = write("parts.jsonl.gz", try gzip(Array(jsonl(3).utf8)) + gzip(Array(jsonl(2, from: 3).utf8)))
        XCTAssertEqual(read([path]).ids, ["n0", "n1", "n2", "n3", "n4"])
    }

    func testTruncatedOrCorruptGzipIsAnErrorNamingTheFileAndTheReadingGoesOn() throws {
        let compressed = try gzip(Array(jsonl(2_000).utf8))
        let truncated = write("truncated.jsonl.gz", Array(compressed.prefix(compressed.count / 2)))
        var corrupt = compressed
        for offset in 200..<260 { corrupt[offset] ^= 0x5A }
        let damaged = write("corrupt.jsonl.gz", corrupt)
        let after = write("after.jsonl", jsonl(1, from: 7))
        let (ids, errors) = read([truncated, damaged, after])
        let truncatedErrors = errors.filter { $0.source.hasPrefix(truncated + ":") }
        XCTAssertEqual(truncatedErrors.count, 1, "\(errors)")
        XCTAssertTrue(truncatedErrors[0].description.contains("the gzip data ends early (truncated file)"), truncatedErrors[0].description)
        // Garbage decompressed before zlib notices may also fail as malformed lines; the
        // file's last error is zlib's.
        let damagedErrors = errors.filter { $0.source.hasPrefix(damaged + ":") }
        XCTAssertEqual(damagedErrors.count, errors.count - 1, "\(errors)")
        XCTAssertTrue(damagedErrors.last!.description.contains("corrupt gzip data"), damagedErrors.last!.description)
        XCTAssertEqual(ids.last, "n7", "the next file is still read")
        XCTAssertEqual(Set(ids.dropLast()).count, ids.count - 1)
    }

    func testMissingPathsAreErrorsNamingThem() {
        let missing = (directory as NSString).appendingPathComponent("nowhere.jsonl")
        let (ids, errors) = read([missing])
        XCTAssertEqual(ids, [])
        XCTAssertEqual(errors.map(\.description), ["\(missing): cannot read file: no such file or directory"])
    }

    func testStreamTellsWhichFileEachDocumentCameFromAndHashesRecordFiles() throws {
        let first = write("one.jsonl", jsonl(2))
        let second = write("two.txt", "A text.")
        let stream = CorpusStream(paths: [first, second], hashFiles: true)
        var finished: [CorpusFile] = []
        var documents: [(String, Int)] = []
        while let event = stream.next() {
            switch event {
            case .document(let document, let index): documents.append((document.id, index))
            case .failure(let error, _): XCTFail("\(error)")
            case .fileFinished(let file): finished.append(file)
            case .fileSkipped: XCTFail("nothing is skipped without skipFile")
            }
        }
        XCTAssertEqual(documents.map(\.0), ["n0", "n1", "two"])
        XCTAssertEqual(documents.map(\.1), [0, 0, 1])
        XCTAssertEqual(finished.map(\.documents), [2, 1])
        XCTAssertEqual(finished[0].contentSHA256, ContentHash.sha256Hex(Array(jsonl(2).utf8)))
        XCTAssertEqual(finished[0].contentSHA256, try StreamingSHA256.ofFile(atPath: first))
        XCTAssertEqual(stream.rawBytesRead, jsonl(2).utf8.count + "A text.".utf8.count)
    }

    func testLanguageGuessReadsFunctionWordsInAnyCaseAndNormalisation() {
        XCTAssertEqual(LanguageGuesser.guess("The army and the navy met in the capital."), "en")
        XCTAssertEqual(LanguageGuesser.guess("LE MINISTRE EST ARRIVÉ DANS LA CAPITALE POUR LES ACCORDS."), "fr")
        XCTAssertEqual(LanguageGuesser.guess("Elle a e\u{301}te\u{301} la\u{300}, e\u{301}te\u{301} et pas ici."), "fr")
        XCTAssertEqual(LanguageGuesser.guess("12 34 56"), "und")
    }
}
