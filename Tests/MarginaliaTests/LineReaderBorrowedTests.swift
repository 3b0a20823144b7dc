import XCTest
import Marginalia

/// `LineReader.nextBorrowed()` (the corpus stream's, bytes left in the buffer) gives the
/// lines `next()` copies out: the same numbers and bytes, CR-LF and a last line without
/// a newline included, across reads of any size and lines longer than the buffer.
final class LineReaderBorrowedTests: XCTestCase {
    func testBorrowedLinesAreTheCopiedLines() throws {
        var generator = SplitMix64(seed: 0x0A)
        var bytes: [UInt8] = []
        for _ in 0..<400 {
            let length = Int.random(in: 0..<4, using: &generator) == 0 ? 0 : Int.random(in: 1...300, using: &generator)
            bytes += (0..<length).map { _ in UInt8.random(in: 0x20...0x7E, using: &generator) }
            bytes += Int.random(in: 0..<3, using: &generator) == 0 ? [0x0D, 0x0A] : [0x0A]
        }
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 2_500_000) + [0x0A]   // longer than the 1 MiB buffer
        bytes += Array("last line, no newline\r".utf8)
        var copied: [[UInt8]] = []
        var numbers: [Int] = []
        let copying = LineReader(source: ChunkedSource(bytes, seed: 1), name: "a")
        while let line = try copying.next() { copied.append(line.bytes); numbers.append(line.number) }
        var borrowed: [[UInt8]] = []
        var borrowedNumbers: [Int] = []
        let borrowing = LineReader(source: ChunkedSource(bytes, seed: 2), name: "b")
        while let line = try borrowing.nextBorrowed() { borrowed.append(Array(line.bytes)); borrowedNumbers.append(line.number) }
        XCTAssertEqual(copied.count, 402)
        XCTAssertEqual(borrowed, copied)
        XCTAssertEqual(borrowedNumbers, numbers)
        XCTAssertEqual(copied.last, Array("last line, no newline".utf8))
    }
}

/// Bytes in memory handed out in reads of random sizes.
private final class ChunkedSource: ByteSource {
    private let bytes: [UInt8]
    private var generator: SplitMix64
    private(set) var rawBytesRead = 0

    init(_ bytes: [UInt8], seed: UInt64) {
        self.bytes = bytes
        generator = SplitMix64(seed: seed)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(DocumentError) -> Int {
        let count = min(buffer.count, bytes.count - rawBytesRead, Int.random(in: 1...70_000, using: &generator))
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + rawBytesRead, byteCount: count) }
        rawBytesRead += count
        return count
    }
}
