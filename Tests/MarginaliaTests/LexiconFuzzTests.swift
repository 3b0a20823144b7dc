import XCTest
@testable import Marginalia

/// Compares `Lexicon` with a deliberately naive reference matcher on random text.
final class LexiconFuzzTests: XCTestCase {
    /// Naive reference: for every pair of scalar boundaries (i, j), fold the
    /// substring and compare it with every folded term; keep spans whose first
    /// scalar folds to something, whose neighbours are not word scalars; then
    /// pick leftmost-longest non-overlapping spans.
    static func reference(terms: [String], text: String) -> [LexiconMatch] {
        let keys = terms.map(referenceKey)
        let scalars = Array(text.unicodeScalars)
        var offsets = [0]
        for s in scalars { offsets.append(offsets.last! + String(s).utf8.count) }
        var candidates: [LexiconMatch] = []
        for i in 0..<scalars.count {
            guard !TextFolding.fold(String(scalars[i])).isEmpty else { continue }
            guard i == 0 || !TextFolding.isWordScalar(scalars[i - 1]) else { continue }
            for j in (i + 1)...scalars.count {
                guard j == scalars.count || !TextFolding.isWordScalar(scalars[j]) else { continue }
                var sub = String.UnicodeScalarView()
                sub.append(contentsOf: scalars[i..<j])
                let folded = TextFolding.fold(String(sub))
                if let t = keys.firstIndex(of: folded) {
                    candidates.append(LexiconMatch(byteStart: offsets[i], byteEnd: offsets[j], termIndex: t))
                }
            }
        }
        candidates.sort { $0.byteStart != $1.byteStart ? $0.byteStart < $1.byteStart : $0.byteEnd > $1.byteEnd }
        var result: [LexiconMatch] = []
        var lastEnd = -1
        for c in candidates where c.byteStart >= lastEnd {
            result.append(c)
            lastEnd = c.byteEnd
        }
        return result
    }

    /// Matches computed with the split (four-pass) scan forced on, whatever the text length.
    static func forcedSplitMatches(_ lexicon: Lexicon, _ text: String) -> [LexiconMatch] {
        var copy = text
        return copy.withUTF8 { lexicon.resolveLeftmostLongest(lexicon.scanCandidates($0, splitMinimum: 0)) }
    }

    /// Matches computed in a single pass, whatever the text length.
    static func singlePassMatches(_ lexicon: Lexicon, _ text: String) -> [LexiconMatch] {
        var copy = text
        return copy.withUTF8 { lexicon.resolveLeftmostLongest(lexicon.scanCandidates($0, splitMinimum: .max)) }
    }

    func testLongTextsSplitScanAgreesWithSinglePass() throws {
        let words = ["air", "defense", "Défense", "de\u{301}fense", "air defense", "UN", "u.n.", "Việt", "Nam",
                     "Vie\u{323}\u{302}t", "x", "’s", "-", ".", "\n", "  ", "Æ", "ß", "a\u{301}\u{302}"]
        let lexicon = try Lexicon(terms: ["air defense", "defense", "un", "u.n.", "viet nam", "viet", "nam x", "x",
                                          "a", "ae", "ss", "defense air defense air"])
        var rng = SplitMix64(seed: 99)
        var total = 0
        for _ in 0..<300 {
            let count = 50 + Int(rng.next() % 400)
            let text = (0..<count).map { _ in words[Int(rng.next() % UInt64(words.count))] }
                .joined(separator: rng.next() % 4 == 0 ? "" : " ")
            let single = Self.singlePassMatches(lexicon, text)
            XCTAssertEqual(lexicon.matches(in: text), single)
            XCTAssertEqual(Self.forcedSplitMatches(lexicon, text), single)
            total += single.count
        }
        XCTAssertGreaterThan(total, 10_000)
    }

    /// Term normalisation, written independently: fold, trim, collapse spaces.
    static func referenceKey(_ term: String) -> String {
        TextFolding.fold(term).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    func testRandomTextAgreesWithReference() throws {
        let alphabet: [String] = [
            "a", "b", "e", "n", "A", "B", "E", "N", " ", " ", " ", "é", "É", "è", "ê", "æ", "Æ", "ß",
            "\u{301}", "\u{323}", "\u{302}", "’", "-", ".", "\u{A0}", "\n", "ộ", "đ", "Đ", "s", "ss",
        ]
        var rng = SplitMix64(seed: 2024)
        func randomString(_ maxLength: Int) -> String {
            let length = 1 + Int(rng.next() % UInt64(maxLength))
            return (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
        }
        var checked = 0
        var nonEmpty = 0
        for round in 0..<6000 {
            var terms: [String] = []
            for _ in 0..<(1 + Int(rng.next() % 5)) {
                let term = randomString(4)
                if !Lexicon.key(for: term).isEmpty { terms.append(term) }
            }
            // Common short terms so that matches actually happen.
            terms += ["a", "be", "a b", "ae", "ss", "e n", "đe", "ne"].filter { _ in rng.next() % 2 == 0 }
            guard !terms.isEmpty else { continue }
            let lexicon = try Lexicon(terms: terms)
            let text = randomString(round % 10 == 0 ? 60 : 20)
            let expected = Self.reference(terms: terms, text: text)
            let actual = lexicon.matches(in: text)
            XCTAssertEqual(actual, expected, "terms \(terms.debugDescription) text \(text.debugDescription)")
            let split = Self.forcedSplitMatches(lexicon, text)
            XCTAssertEqual(split, expected, "split scan: terms \(terms.debugDescription) text \(text.debugDescription)")
            checked += 1
            if !expected.isEmpty { nonEmpty += 1 }
            if actual != expected || split != expected { break }
        }
        XCTAssertGreaterThan(checked, 5000)
        XCTAssertGreaterThan(nonEmpty, 1200)  // the fuzz exercises real matches
    }
}
