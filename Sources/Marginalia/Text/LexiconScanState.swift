/// Raw pointers and constants shared by the passes of one scan (no references,
/// so copying it costs no reference counting).
///
/// ```swift
/// let x = LexiconScanContext(p: base, n: count, transitions: t, asciiClass: ac,
///                            byteClass: bc, foldTable: ft, threshold: th)
/// ```
struct LexiconScanContext {
    let p: UnsafePointer<UInt8>
    let n: Int
    let transitions: UnsafePointer<UInt32>
    let asciiClass: UnsafePointer<UInt8>
    let byteClass: UnsafePointer<UInt8>
    let foldTable: UnsafePointer<UInt64>
    let threshold: UInt32
}

/// One pass over the text: position, folded byte count, DFA state.
///
/// ```swift
/// var c = LexiconCursor(i: 0, maxStart: n)
/// ```
struct LexiconCursor {
    /// Current premultiplied DFA state.
    var state: UInt32 = 0
    /// Offset of the next byte to read.
    var i: Int
    /// Number of folded bytes consumed so far.
    var f: Int = 0
    /// Only matches starting before this offset are reported.
    var maxStart: Int
}
