/// A tiny set of short words packed into integers (see ``LanguageGuesser``), looked up
/// with one multiply and a probe or two: far cheaper per word than a `Set`'s hashing.
///
/// ```swift
/// let words = PackedWordSet([0x0300_0000_0074_6865])   // "the", length 3 in the top byte
/// words.contains(0x0300_0000_0074_6865)                // true
/// ```
struct PackedWordSet: Sendable {
    private let slots: [UInt64]
    private static let bits = 7

    init(_ keys: [UInt64]) {
        var slots = [UInt64](repeating: 0, count: 1 << Self.bits)
        for key in keys {
            var slot = Self.slot(key)
            while slots[slot] != 0 && slots[slot] != key { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = key
        }
        self.slots = slots
    }

    @inline(__always)
    private static func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits)) }

    /// True when `key` (non-zero) is in the set.
    @inline(__always)
    func contains(_ key: UInt64) -> Bool {
        var slot = Self.slot(key)
        while true {
            let stored = slots[slot]
            if stored == key { return true }
            if stored == 0 { return false }
            slot = (slot + 1) & (slots.count - 1)
        }
    }
}
