import Foundation

/// Internal precomputed per-scalar folding table for U+0000..U+24FF.
///
/// Each entry is a packed `UInt64`:
/// - bits 0–31: folded UTF-8 bytes, first byte in the lowest 8 bits;
/// - bits 32–34: number of folded bytes (0...4);
/// - bit 35: word scalar (letter, decimal digit or combining mark);
/// - bit 36: combining mark (general category M*);
/// - bit 37: whitespace;
/// - bit 38: uppercase or titlecase letter.
///
/// ```swift
/// let e = TextFoldTable.entry(for: 0xE9)          // "é"
/// TextFoldTable.length(e) == 1                     // folds to "e"
/// ```
enum TextFoldTable {
    /// Scalars below this value are served from the table.
    static let limit: UInt32 = 0x2500

    static let wordBit: UInt64 = 1 << 35
    static let markBit: UInt64 = 1 << 36
    static let spaceBit: UInt64 = 1 << 37
    static let upperBit: UInt64 = 1 << 38

    /// Entry used for malformed bytes: folds to the single byte 0xFF (which never
    /// occurs in valid UTF-8, hence never in a term) and carries no flags.
    static let malformedEntry: UInt64 = 0xFF | (1 << 32)

    /// The flat table: ``entries``, precomputed from ``computeEntry(_:)`` (TextFoldTableEntriesTests
    /// checks that they agree and regenerates them).
    static let table: [UInt64] = entries

    @inline(__always) static func length(_ e: UInt64) -> Int { Int((e >> 32) & 7) }
    @inline(__always) static func bytes(_ e: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: e) }

    /// Entry for any scalar value (or ``TextUTF8/malformed``). Scalars at or above
    /// ``limit`` fold to themselves; their flags come from Unicode properties.
    static func entry(for v: UInt32) -> UInt64 {
        if v < limit { return table[Int(v)] }
        guard let s = Unicode.Scalar(v) else { return malformedEntry }
        return identity(v) | flags(s)
    }

    /// Letters with no canonical decomposition that still fold to ASCII, plus
    /// typographic punctuation that folds to its ASCII form.
    static let special: [UInt32: String] = [
        0x0111: "d", 0x0110: "d", 0x00F0: "d", 0x00D0: "d",
        0x00F8: "o", 0x00D8: "o", 0x0142: "l", 0x0141: "l",
        0x00E6: "ae", 0x00C6: "ae", 0x0153: "oe", 0x0152: "oe",
        0x00DF: "ss", 0x1E9E: "ss", 0x0131: "i",
        0x2019: "'", 0x2018: "'", 0x02BC: "'",
        0x201C: "\"", 0x201D: "\"",
    ]

    static func flags(_ s: Unicode.Scalar) -> UInt64 {
        let p = s.properties
        if let sp = special[s.value], !sp.first!.isLetter { return 0 }  // folded punctuation
        if p.isWhitespace { return spaceBit }
        var f: UInt64 = 0
        switch p.generalCategory {
        case .uppercaseLetter, .titlecaseLetter:
            f = wordBit | upperBit
        case .lowercaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
            f = wordBit
        case .nonspacingMark, .spacingMark, .enclosingMark:
            f = wordBit | markBit
        default:
            f = 0
        }
        return f
    }

    /// Packs the UTF-8 encoding of `v` (identity fold) without allocating.
    static func identity(_ v: UInt32) -> UInt64 {
        if v < 0x80 { return UInt64(v) | (1 << 32) }
        if v < 0x800 {
            return UInt64(0xC0 | (v >> 6)) | UInt64(0x80 | (v & 0x3F)) << 8 | (2 << 32)
        }
        if v < 0x10000 {
            return UInt64(0xE0 | (v >> 12)) | UInt64(0x80 | ((v >> 6) & 0x3F)) << 8
                | UInt64(0x80 | (v & 0x3F)) << 16 | (3 << 32)
        }
        return UInt64(0xF0 | (v >> 18)) | UInt64(0x80 | ((v >> 12) & 0x3F)) << 8
            | UInt64(0x80 | ((v >> 6) & 0x3F)) << 16 | UInt64(0x80 | (v & 0x3F)) << 24 | (4 << 32)
    }

    static func pack(_ bytes: [UInt8]) -> UInt64 {
        var packed: UInt64 = 0
        for (k, b) in bytes.enumerated() { packed |= UInt64(b) << (8 * UInt64(k)) }
        return packed | (UInt64(bytes.count) << 32)
    }

    /// Folds one scalar the slow way (used only to generate ``entries``).
    static func computeEntry(_ s: Unicode.Scalar) -> UInt64 {
        let f = flags(s)
        var out: [UInt8] = []
        if f & spaceBit != 0 {
            out = [0x20]
        } else if let sp = special[s.value] {
            out = Array(sp.utf8)
        } else {
            let lowered = s.properties.lowercaseMapping.decomposedStringWithCanonicalMapping
            for c in lowered.unicodeScalars {
                if c.properties.generalCategory == .nonspacingMark { continue }
                if let sp = special[c.value] { out += Array(sp.utf8) } else { TextUTF8.append(c.value, to: &out) }
            }
            if out.count > 4 {  // never happens in this range; keep identity to be safe
                out = []
                TextUTF8.append(s.value, to: &out)
            }
        }
        return pack(out) | f
    }
}
