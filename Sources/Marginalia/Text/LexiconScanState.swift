/// Raw pointers and constants shared by the passes of one scan (no references,
/// so copying it costs no reference counting).
///
/// ```swift
/// let x = LexiconScanContext(p: base, n: count, transitions: t, asciiClass: ac,
///                            byteClass: bc, foldTable: ft, mask: 63, threshold: th)
/// ```
struct LexiconScanContext {
    let p: UnsafePointer<UInt8>
    let n: Int
    let transitions: UnsafePointer<UInt32>
    let asciiClass: UnsafePointer<UInt8>
    let byteClass: UnsafePointer<UInt8>
    let foldTable: UnsafePointer<UInt64>
    let mask: Int
    let threshold: UInt32
}

/// One pass over the text: position, folded byte count, DFA state, ring buffer.
///
/// ```swift
/// var c = LexiconCursor(i: 0, ring: ringBase, maxStart: n)
/// ```
struct LexiconCursor {
    /// Current premultiplied DFA state.
    var state: UInt32 = 0
    /// Offset of the next byte to read.
    var i: Int
    /// Number of folded bytes consumed so far.
    var f: Int = 0
    /// Original offsets of the last folded bytes (`ringSize` entries).
    let ring: UnsafeMutablePointer<Int>
    /// Only matches starting before this offset are reported.
    var maxStart: Int
}
