import Foundation

/// Guesses whether a text is English or French from its commonest function words.
///
/// Works on the UTF-8 bytes: words are runs of letters, compared lower-cased against a
/// small table of function words packed into integers. ASCII is read 64 bytes at a time
/// as a bit mask of its letters, so that a word costs a few instructions and the bytes
/// between words almost none; a stretch holding other scalars is read scalar by scalar.
///
/// ```swift
/// LanguageGuesser.guess("La Russie était un partenaire important de la France.")  // "fr"
/// LanguageGuesser.guess("12 34")                                                   // "und"
/// ```
public enum LanguageGuesser {
    private static let words = PackedWordSet(
        english: ["the", "and", "of", "to", "in", "is", "that", "for", "with", "was", "on", "as", "by",
                  "it", "from", "his", "has", "have", "are", "this", "were", "be", "at", "an"],
        french: ["le", "la", "les", "des", "et", "est", "du", "une", "dans", "pour", "que", "qui", "au",
                 "sur", "avec", "aux", "ce", "il", "elle", "ont", "été", "sont", "par", "pas", "plus"])

    /// Unicode scalars read at most.
    static let sampleLimit = 20_000

    /// Returns `en`, `fr`, or `und` when fewer than three function words were seen.
    /// Reads at most the first 20,000 Unicode scalars.
    public static func guess(_ text: String) -> String {
        var text = text
        return text.withUTF8 { guess(utf8: $0) }
    }

    /// The same guess over UTF-8 bytes.
    ///
    /// ```swift
    /// Array("the cat and the hat".utf8).withUnsafeBufferPointer { LanguageGuesser.guess(utf8: $0) }  // "en"
    /// ```
    public static func guess(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        let (englishHits, frenchHits) = tally(utf8: bytes)
        if max(englishHits, frenchHits) < 3 { return "und" }
        return frenchHits > englishHits ? "fr" : "en"
    }

    /// How many English and French function words the first 20,000 scalars hold.
    ///
    /// A word is a maximal run of letters: ASCII letters, and other scalars that are
    /// alphabetic or non-spacing marks (the accents of NFD text); a malformed byte is no
    /// letter. A word of other than ASCII letters is composed (NFC) and lower-cased before
    /// the look-up.
    static func tally(utf8 bytes: UnsafeBufferPointer<UInt8>) -> (english: Int, french: Int) {
        guard let base = bytes.baseAddress else { return (0, 0) }
        var scan = WordScan(base: base, count: bytes.count, words: words)
        scan.run(upTo: sampleEnd(base, bytes.count))
        return (scan.englishHits, scan.frenchHits)
    }

    /// The byte offset just after the first `sampleLimit` scalars (malformed bytes count
    /// as one scalar each, as ``TextUTF8/decode(_:at:count:)`` reads them).
    private static func sampleEnd(_ base: UnsafePointer<UInt8>, _ count: Int) -> Int {
        if count <= sampleLimit { return count }   // never more scalars than bytes
        let raw = UnsafeRawPointer(base)
        var index = 0
        var scalars = 0
        while index < count && scalars < sampleLimit {
            if index + 8 <= count && scalars + 8 <= sampleLimit
                && raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index &+= 8
                scalars &+= 8
                continue
            }
            index &+= base[index] < 0x80 ? 1 : TextUTF8.decode(base, at: index, count: count).length
            scalars &+= 1
        }
        return index
    }
}

/// One pass of ``LanguageGuesser`` over a text: where the word being read started, and
/// the tallies so far.
private struct WordScan {
    let base: UnsafePointer<UInt8>
    let count: Int
    let words: PackedWordSet
    var englishHits = 0
    var frenchHits = 0
    /// The start of the word being read, or -1 between words.
    var wordStart = -1
    /// False once the word being read holds a scalar other than an ASCII letter.
    var wordIsASCII = true

    init(base: UnsafePointer<UInt8>, count: Int, words: PackedWordSet) {
        self.base = base
        self.count = count
        self.words = words
    }

    /// Reads the words of `0..<end`; a word running up to `end` ends there.
    mutating func run(upTo end: Int) {
        var index = 0
        while index < end {
            if index + 64 <= end, let letters = Self.asciiLetterMask(base + index) {
                readASCIIBlock(at: index, letters: letters)
                index &+= 64
            } else {
                index = readScalars(from: index, upTo: min(end, index + 64))
            }
        }
        if wordStart >= 0 { finishWord(at: end) }
    }

    /// The words of 64 ASCII bytes whose letters are the bits of `letters`: only those of
    /// a length some function word has are looked up, found for the whole block at once.
    @inline(__always)
    private mutating func readASCIIBlock(at offset: Int, letters: UInt64) {
        var letters = letters
        if wordStart >= 0 {
            // The word read so far goes on through the block's leading letters.
            let lead = (~letters).trailingZeroBitCount
            if lead == 64 { return }
            finishWord(at: offset &+ lead)
            letters &= ~0 << UInt64(lead)
        }
        if letters >> 63 != 0 {
            // The last run of letters may go on past the block: it is the word in progress.
            let runStart = 64 &- (~letters).leadingZeroBitCount
            wordStart = offset &+ runStart
            wordIsASCII = true
            letters &= (1 << UInt64(runStart)) &- 1
        }
        // Every other run of letters starts and ends inside the block.
        var starts = words.startsOfASCIIWordsOfKnownLength(letters)
        var languages = 0   // English hits in the low half, French in the high one
        while starts != 0 {
            let start = starts.trailingZeroBitCount
            let length = (~(letters >> UInt64(start))).trailingZeroBitCount
            let at = offset &+ start
            let found = Int(words.languages(of: PackedWordSet.key(asciiLetters: base + at, length: length, readable: count &- at)))
            languages &+= (found & 1) | (found >> 1) << 32
            starts &= starts &- 1
        }
        englishHits &+= languages & 0xFFFF_FFFF
        frenchHits &+= languages >> 32
    }

    /// Reads scalar by scalar from `index` to the first scalar boundary at or after `limit`.
    private mutating func readScalars(from start: Int, upTo limit: Int) -> Int {
        var index = start
        while index < limit {
            let byte = base[index]
            if byte < 0x80 {
                if (byte | 0x20) &- 0x61 < 26 {
                    if wordStart < 0 { wordStart = index; wordIsASCII = true }
                } else if wordStart >= 0 {
                    finishWord(at: index)
                }
                index &+= 1
                continue
            }
            let (scalar, length) = TextUTF8.decode(base, at: index, count: count)
            // Letters, and the combining marks of decomposed (NFD) letters.
            let isLetter = Unicode.Scalar(scalar).map { $0.properties.isAlphabetic || $0.properties.generalCategory == .nonspacingMark } ?? false
            if isLetter {
                if wordStart < 0 { wordStart = index }
                wordIsASCII = false
            } else if wordStart >= 0 {
                finishWord(at: index)
            }
            index &+= length
        }
        return index
    }

    private mutating func finishWord(at end: Int) {
        let start = wordStart
        wordStart = -1
        let length = end &- start
        if wordIsASCII {
            count(asciiWordAt: start, length: length)
        } else if length <= PackedWordSet.maximumLength, let key = PackedWordSet.key(lowercasing: base + start, length: length) {
            tally(words.languages(of: key))
        }
    }

    /// Looks up a word of `length` ASCII letters at `start`.
    @inline(__always)
    private mutating func count(asciiWordAt start: Int, length: Int) {
        guard words.hasASCIIWords(ofLength: length) else { return }
        tally(words.languages(of: PackedWordSet.key(asciiLetters: base + start, length: length, readable: count &- start)))
    }

    @inline(__always)
    private mutating func tally(_ languages: UInt8) {
        englishHits &+= Int(languages & PackedWordSet.english)
        frenchHits &+= Int(languages >> 1)
    }

    /// Bit `i` set when byte `i` of the 64 at `bytes` is an ASCII letter; nil when one of
    /// them is not ASCII. Eight bytes at a time: `x | 0x20` folds the case, and two
    /// additions test it against `a` and `z` in every byte lane without carries.
    @inline(__always)
    static func asciiLetterMask(_ bytes: UnsafePointer<UInt8>) -> UInt64? {
        let raw = UnsafeRawPointer(bytes)
        let high: UInt64 = 0x8080_8080_8080_8080
        var mask: UInt64 = 0
        var nonASCII: UInt64 = 0
        for lane in 0..<8 {
            let word = raw.loadUnaligned(fromByteOffset: lane &* 8, as: UInt64.self)
            nonASCII |= word
            // (Lanes of bytes from 0x80 up may carry into the next: the mask is dropped then.)
            let folded = word | 0x2020_2020_2020_2020
            let atLeastA = folded &+ 0x1F1F_1F1F_1F1F_1F1F   // bit 7 set from 0x61 up
            let pastZ = folded &+ 0x0505_0505_0505_0505      // bit 7 set from 0x7B up
            let letters = atLeastA & ~pastZ & high
            // Gathers the eight lane bits (7, 15, …, 63) into bits 56…63, in order: the
            // products of the multiply land on distinct bits, so nothing carries.
            let gathered = (letters &* 0x0002_0408_1020_4081) >> 56
            mask |= gathered << UInt64(lane &* 8)
        }
        return nonASCII & high == 0 ? mask : nil
    }
}
