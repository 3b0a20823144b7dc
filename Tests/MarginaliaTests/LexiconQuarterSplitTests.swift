import XCTest
@testable import Marginalia

/// The four-pass scan (``Lexicon/scanCandidates(_:splitMinimum:)``): each pass reports the
/// matches that start in its quarter and runs past its end until no match that started
/// before the end can still be going on. Matches that straddle a split point, split points
/// moved by a longer scalar, and texts too short for four real passes all give exactly what
/// one pass gives.
final class LexiconQuarterSplitTests: XCTestCase {
    private let terms = ["air defense", "defense", "de", "e", "défense", "viet nam", "nam", "ss",
                         "defense air defense air defense air defense air defense air defense"]

    private func candidates(_ lexicon: Lexicon, _ text: [UInt8], splitMinimum: Int) -> [LexiconMatch] {
        text.withUnsafeBufferPointer { lexicon.scanCandidates($0, splitMinimum: splitMinimum) }
            .sorted { ($0.byteStart, $0.byteEnd, $0.termIndex) < ($1.byteStart, $1.byteEnd, $1.termIndex) }
    }

    /// Same candidates split and in one pass (not only the same resolved matches).
    private func assertSplitAgrees(_ lexicon: Lexicon, _ text: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        let single = candidates(lexicon, text, splitMinimum: .max)
        XCTAssertEqual(candidates(lexicon, text, splitMinimum: 0), single, "text \(String(decoding: text, as: UTF8.self).debugDescription)", file: file, line: line)
    }

    func testSplitPointsAreOrderedScalarBoundariesNearTheQuarters() {
        let ascii = [UInt8](repeating: UInt8(ascii: "."), count: 400)
        let points = ascii.withUnsafeBufferPointer { Lexicon.splitPoints($0.baseAddress!, $0.count) }
        XCTAssertEqual(points.map { [$0.0, $0.1, $0.2] }, [100, 200, 300])
        // A three-byte scalar over a quarter moves that split point to the scalar's end.
        var text = ascii
        text.replaceSubrange(99..<102, with: Array("’".utf8))
        let moved = text.withUnsafeBufferPointer { Lexicon.splitPoints($0.baseAddress!, $0.count) }
        XCTAssertEqual(moved.map { [$0.0, $0.1, $0.2] }, [102, 200, 300])
        // Nine continuation bytes from a quarter on: no split (the scan takes one pass).
        var malformed = ascii
        malformed.replaceSubrange(200..<209, with: [UInt8](repeating: 0x80, count: 9))
        XCTAssertNil(malformed.withUnsafeBufferPointer { Lexicon.splitPoints($0.baseAddress!, $0.count) })
        for n in 1..<12 {   // tiny texts: ordered, possibly equal (empty passes)
            let short = [UInt8](repeating: UInt8(ascii: "a"), count: n)
            guard let (m1, m2, m3) = short.withUnsafeBufferPointer({ Lexicon.splitPoints($0.baseAddress!, $0.count) }) else {
                return XCTFail("no split points for \(n) ASCII bytes")
            }
            XCTAssertTrue(0 <= m1 && m1 <= m2 && m2 <= m3 && m3 < n, "\(n): \(m1) \(m2) \(m3)")
        }
    }

    func testMatchesStraddlingEveryQuarterBoundary() throws {
        let lexicon = try Lexicon(terms: terms)
        let filler = [UInt8](repeating: UInt8(ascii: "."), count: 400)
        var checked = 0
        for term in [0, 1, 5, 8] {   // "air defense", "defense", "viet nam", the 67-byte one
            let bytes = Array(terms[term].utf8)
            for boundary in [100, 200, 300] {
                for start in (boundary - bytes.count)...(boundary + 1) where start >= 0 {
                    var text = filler
                    text.replaceSubrange(start..<(start + bytes.count), with: bytes)
                    let found = text.withUnsafeBufferPointer { lexicon.resolveLeftmostLongest(lexicon.scanCandidates($0, splitMinimum: 0)) }
                    XCTAssertEqual(found.first, LexiconMatch(byteStart: start, byteEnd: start + bytes.count, termIndex: term),
                                   "term \(term) at \(start), boundary \(boundary)")
                    assertSplitAgrees(lexicon, text)
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 300)
    }

    func testLongerScalarsAtTheSplitPoints() throws {
        let lexicon = try Lexicon(terms: terms)
        let pieces = ["défense", "de\u{301}fense", "’", "Viet Nam", "Việt Nam", "ß", " ", "e", ".", "\u{A0}", "de"]
        var rng = SplitMix64(seed: 416)
        var total = 0
        for _ in 0..<400 {
            // About 300 bytes of pieces, then a piece pushed over each quarter.
            var text: [UInt8] = []
            while text.count < 300 { text += Array(pieces[Int(rng.next() % UInt64(pieces.count))].utf8) }
            for quarter in 1...3 {
                let at = text.count * quarter / 4 - Int(rng.next() % 4)
                let piece = Array(pieces[Int(rng.next() % 5)].utf8)
                let cut = (at...min(text.count, at + 8)).first { $0 == text.count || text[$0] & 0xC0 != 0x80 } ?? at
                text.insert(contentsOf: piece, at: cut)
            }
            assertSplitAgrees(lexicon, text)
            total += candidates(lexicon, text, splitMinimum: .max).count
        }
        XCTAssertGreaterThan(total, 3_000)
    }

    func testShortTextsEveryLength() throws {
        let lexicon = try Lexicon(terms: terms)
        let alphabet = Array("de fnsé’ .aimtvß".unicodeScalars)
        var rng = SplitMix64(seed: 7)
        var matched = 0
        for length in 0...24 {
            for _ in 0..<60 {
                var text = String.UnicodeScalarView()
                for _ in 0..<length { text.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
                let bytes = Array(String(text).utf8)
                assertSplitAgrees(lexicon, bytes)
                matched += candidates(lexicon, bytes, splitMinimum: 0).count
            }
        }
        XCTAssertGreaterThan(matched, 250)
    }

    func testDefaultMinimumSplitsLongTextsTheSameWay() throws {
        let lexicon = try Lexicon(terms: terms)
        let text = Array(String(repeating: "Air defense, Việt Nam’s défense. ", count: 40).utf8)
        XCTAssertGreaterThanOrEqual(text.count, Lexicon.splitMinimum)
        let found = text.withUnsafeBufferPointer { lexicon.matches(inUTF8: $0) }
        XCTAssertEqual(found.count, 120)
        XCTAssertEqual(candidates(lexicon, text, splitMinimum: Lexicon.splitMinimum), candidates(lexicon, text, splitMinimum: .max))
    }
}
