import Marginalia
import XCTest

/// `CodePointIndex` against a byte-by-byte count: every offset of texts whose multi-byte
/// characters straddle the 16-byte lanes and 64-byte blocks it counts by, made from a
/// `String` (its own storage) and from bytes (valid or not).
final class CodePointIndexTests: XCTestCase {
    /// Code points before byte `offset`: the bytes that are not continuation bytes.
    private func expectedOffset(_ bytes: [UInt8], _ offset: Int) -> Int {
        bytes[..<offset].filter { $0 & 0xC0 != 0x80 }.count
    }

    private func assertMatchesByteCount(_ index: CodePointIndex, _ bytes: [UInt8], _ what: String) {
        XCTAssertEqual(index.byteCount, bytes.count, what)
        XCTAssertEqual(index.utf8, bytes, what)
        XCTAssertEqual(index.withUTF8 { Array($0) }, bytes, what)
        XCTAssertEqual(index.codePointCount, expectedOffset(bytes, bytes.count), what)
        XCTAssertEqual(index.isASCII, bytes.allSatisfy { $0 < 0x80 }, what)
        for offset in 0...bytes.count {
            XCTAssertEqual(index.codePointOffset(ofByte: offset), expectedOffset(bytes, offset), "\(what), byte \(offset)")
            let boundary = offset == bytes.count || bytes[offset] & 0xC0 != 0x80
            XCTAssertEqual(index.isBoundary(byte: offset), boundary, "\(what), byte \(offset)")
        }
        XCTAssertFalse(index.isBoundary(byte: -1), what)
        XCTAssertFalse(index.isBoundary(byte: bytes.count + 1), what)
        var byteOffsets = bytes.indices.filter { bytes[$0] & 0xC0 != 0x80 }
        byteOffsets.append(bytes.count)
        XCTAssertEqual(index.byteOffsetsOfCodePoints(), byteOffsets, what)
    }

    func testEveryOffsetOfMixedTextsAcrossLanesAndBlocks() {
        let pieces = ["a", "à", "ệ", "€", "🇻🇳", "Hà Nội ", "x y z ", "𝄞"]
        var texts = ["", "Tanks.", String(repeating: "a", count: 64), String(repeating: "b", count: 200), "Việt Nam"]
        // Lengths around 16, 64 and their multiples, the wide characters at every position.
        for shift in 0..<6 {
            for length in [15, 16, 17, 63, 64, 65, 130, 300] {
                var text = String(repeating: "-", count: shift)
                var piece = shift
                while text.utf8.count < length {
                    text += pieces[piece % pieces.count]
                    piece += 1
                }
                texts.append(text)
            }
        }
        for text in texts {
            assertMatchesByteCount(CodePointIndex(text), Array(text.utf8), "text '\(text)'")
            assertMatchesByteCount(CodePointIndex(utf8: Array(text.utf8)), Array(text.utf8), "bytes of '\(text)'")
        }
    }

    func testASubstringsTextAndInvalidBytesCountAsTheirBytes() {
        let long = String(repeating: "Đà Nẵng, ", count: 20)
        let middle = String(long.dropFirst(7).dropLast(5))
        assertMatchesByteCount(CodePointIndex(middle), Array(middle.utf8), "a substring's text")
        // Invalid UTF-8: lone continuation bytes and a cut sequence, kept as they are.
        let invalid: [UInt8] = Array(repeating: 0x41, count: 70) + [0x80, 0xBF, 0xE1, 0xBB] + Array(repeating: 0x42, count: 20)
        assertMatchesByteCount(CodePointIndex(utf8: invalid), invalid, "invalid bytes")
    }

    func testSpansOfANonASCIITextUseCodePoints() {
        let text = String(repeating: "Hà Nội ", count: 12) + "tanks"
        let start = text.utf8.count - 5
        let span = Span(byteStart: start, byteEnd: text.utf8.count, in: CodePointIndex(text))
        XCTAssertEqual(span.codePointStart, text.unicodeScalars.count - 5)
        XCTAssertEqual(span.codePointEnd, text.unicodeScalars.count)
    }
}
