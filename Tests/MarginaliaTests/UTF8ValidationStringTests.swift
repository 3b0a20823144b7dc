import XCTest
@testable import Marginalia

/// ``UTF8Validation/string(_:)`` must accept and refuse exactly what the standard library's
/// `String(validating:as:)` does, and give the same bytes.
final class UTF8ValidationStringTests: XCTestCase {
    private func check(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        let expected = String(validating: bytes, as: UTF8.self)
        let actual = bytes.withUnsafeBufferPointer { UTF8Validation.string($0) }
        XCTAssertEqual(actual.map { Array($0.utf8) }, expected.map { Array($0.utf8) }, "\(bytes)", file: file, line: line)
    }

    /// Ill-formed sequences whose repair is exactly as long as they are (one U+FFFD for three
    /// bytes) are refused too: the bytes are compared, not only counted.
    func testIllFormedSequencesOfTheLengthOfTheirRepairAreRefused() {
        for bytes: [UInt8] in [[0xF0, 0x90, 0x80], [0xF4, 0x8F, 0xBF], [0x61, 0xF0, 0x9F, 0x98], [0xE2, 0x82], [0xEF, 0xBF, 0xBD, 0xFF],
                               [0xED, 0xA0, 0x80], [0xC0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0x80]] {
            XCTAssertNil(bytes.withUnsafeBufferPointer { UTF8Validation.string($0) }, "\(bytes)")
            check(bytes)
        }
        XCTAssertEqual([0xEF, 0xBF, 0xBD].withUnsafeBufferPointer { UTF8Validation.string($0) }, "\u{FFFD}", "a real U+FFFD is kept")
        XCTAssertEqual([UInt8]().withUnsafeBufferPointer { UTF8Validation.string($0) }, "")
    }

    /// Random mutations of texts with one- to four-byte scalars, short (inline strings) and long.
    func testAgreesWithTheStandardLibraryOnRandomMutations() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "Hà Nội ", "été", "\u{1F600}", "\u{FFFD}", "e\u{301}", "\u{10FFFF}", "\n", "\"", "Ж", "中文"]
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                bytes += Array(pieces.randomElement(using: &generator)!.utf8)
            }
            for _ in 0..<Int.random(in: 0...2, using: &generator) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[at] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes.remove(at: at)
                default: bytes.insert(UInt8.random(in: 0x80...0xFF, using: &generator), at: at)
                }
            }
            check(bytes)
        }
    }
}
