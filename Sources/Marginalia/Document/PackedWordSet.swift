/// The function words of ``LanguageGuesser``: short words packed into integers (their
/// bytes, the first lowest, and their length in the top byte), each with the languages
/// it belongs to, in a table where no two words share a slot — a look-up is one multiply,
/// one load and one comparison, far cheaper per word than a `Set`'s hashing.
///
/// ```swift
/// let words = PackedWordSet(english: ["the"], french: ["le"])
/// let key = PackedWordSet.key(asciiLetters: "THE", length: 3, readable: 3)   // case folded
/// words.languages(of: key) == PackedWordSet.english                          // true
/// ```
struct PackedWordSet: Sendable {
    /// The language bits of ``languages(of:)``.
    static let english: UInt8 = 1
    static let french: UInt8 = 2
    /// The longest word (in UTF-8 bytes) a key holds.
    static let maximumLength = 7

    /// A slot holds a key and, in its top two bits, the word's languages; 0 when empty.
    private let slots: [UInt64]
    private let multiplier: UInt64
    private static let slotBits = 9
    private static let keyBits: UInt64 = (1 << 62) - 1
    /// Bit `n` set when some word is `n` ASCII letters long.
    private let asciiLengths: UInt64
    /// The lengths from the shortest ASCII word to the longest.
    private let asciiLengthRange: ClosedRange<Int>

    /// The words of each language, lower-case and composed (NFC), at most 7 bytes each.
    init(english: [String], french: [String]) {
        var languages: [UInt64: UInt64] = [:]
        var asciiLengths: UInt64 = 0
        for (words, language) in [(english, Self.english), (french, Self.french)] {
            for word in words {
                let bytes = Array(word.utf8)
                guard let key = Self.key(bytes) else {
                    preconditionFailure("function word \(word) is longer than \(Self.maximumLength) bytes")
                }
                if bytes.allSatisfy({ $0 < 0x80 }) { asciiLengths |= 1 << UInt64(bytes.count) }
                languages[key, default: 0] |= UInt64(language)
            }
        }
        // The first odd multiplier from the golden ratio's on that puts every word in a slot
        // of its own (a few tries for 49 words in 512 slots).
        var multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        while Set(languages.keys.map { Self.slot($0, multiplier) }).count < languages.count {
            multiplier &+= 0x2_0000_0002
        }
        var slots = [UInt64](repeating: 0, count: 1 << Self.slotBits)
        for (key, language) in languages { slots[Self.slot(key, multiplier)] = key | language << 62 }
        self.slots = slots
        self.multiplier = multiplier
        precondition(asciiLengths != 0, "the function words need an ASCII word")
        self.asciiLengths = asciiLengths
        asciiLengthRange = asciiLengths.trailingZeroBitCount...(63 - asciiLengths.leadingZeroBitCount)
    }

    /// True when some word is `length` ASCII letters long: the others need no look-up.
    @inline(__always)
    func hasASCIIWords(ofLength length: Int) -> Bool {
        length <= Self.maximumLength && asciiLengths >> UInt64(length) & 1 != 0
    }

    /// The starts of the runs of set bits in `letters` (a block's ASCII letters, none of
    /// them running up to its last bit) as long as the shortest ASCII word or longer, and
    /// no longer than the longest: a run is `n` long when the first run end at or after its
    /// start is `n - 1` bits on.
    @inline(__always)
    func startsOfASCIIWordsOfKnownLength(_ letters: UInt64) -> UInt64 {
        let starts = letters & ~(letters << 1)
        let ends = letters & ~(letters >> 1)
        var tooShort: UInt64 = 0
        var longEnough: UInt64 = 0
        for offset in 0..<asciiLengthRange.upperBound {   // the first end at start + length - 1
            if offset < asciiLengthRange.lowerBound &- 1 { tooShort |= ends >> UInt64(offset) } else { longEnough |= ends >> UInt64(offset) }
        }
        return starts & ~tooShort & longEnough
    }

    /// The languages (``english``, ``french``) whose words include `key`, 0 for none.
    @inline(__always)
    func languages(of key: UInt64) -> UInt8 {
        let stored = slots.withUnsafeBufferPointer { $0[Self.slot(key, multiplier)] }
        return stored & Self.keyBits == key ? UInt8(truncatingIfNeeded: stored >> 62) : 0
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ multiplier: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* multiplier) >> UInt64(64 - slotBits))
    }

    /// The key of at most 7 bytes, as they are; nil for more.
    static func key(_ bytes: [UInt8]) -> UInt64? {
        guard bytes.count <= maximumLength else { return nil }
        var key: UInt64 = 0
        for (offset, byte) in bytes.enumerated() { key |= UInt64(byte) << UInt64(offset &* 8) }
        return key | UInt64(bytes.count) << 56
    }

    /// The key of `length` (1 to 7) ASCII letters at `bytes`, lower-cased. With
    /// `readable` (the bytes that may be read from `bytes`) at least 8, one load.
    @inline(__always)
    static func key(asciiLetters bytes: UnsafePointer<UInt8>, length: Int, readable: Int) -> UInt64 {
        let kept: UInt64 = (1 << UInt64(length &* 8)) &- 1
        if readable >= 8 {
            let word = UnsafeRawPointer(bytes).loadUnaligned(as: UInt64.self)
            return (word | 0x2020_2020_2020_2020) & kept | UInt64(length) << 56
        }
        var key: UInt64 = 0
        for offset in 0..<length { key |= UInt64(bytes[offset] | 0x20) << UInt64(offset &* 8) }
        return key | UInt64(length) << 56
    }

    /// The key of a word of `length` bytes holding other than ASCII letters: composed
    /// (NFC) and lower-cased first; nil when that is longer than 7 bytes.
    static func key(lowercasing bytes: UnsafePointer<UInt8>, length: Int) -> UInt64? {
        let word = String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
            .precomposedStringWithCanonicalMapping.lowercased()
        return key(Array(word.utf8))
    }
}
