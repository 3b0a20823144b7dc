/// Raw pointers and constants shared by the passes of one scan (no references,
/// so copying it costs no reference counting).
///
/// ```swift
/// let x = LexiconScanContext(p: base, n: count, textColumns: table.textColumns,
///                            foldedColumns: table.foldedColumns, foldTable: ft)
/// ```
struct LexiconScanContext {
    let p: UnsafePointer<UInt8>
    let n: Int
    /// ``LexiconTransitions/textColumns``: the column of every byte of the text.
    let textColumns: UnsafePointer<UnsafeRawPointer>
    /// ``LexiconTransitions/foldedColumns``: the column of every folded byte.
    let foldedColumns: UnsafePointer<UnsafeRawPointer>
    let foldTable: UnsafePointer<UInt64>

    /// The state after a byte of the text: flagged ``LexiconTransitions/escapeFlag`` (and
    /// otherwise unchanged) for a byte at or above 0x80.
    @inline(__always)
    func next(_ state: UInt32, textByte b: UInt8) -> UInt32 { LexiconTransitions.next(state, byte: b, through: textColumns) }

    /// The state after a folded byte of a longer scalar.
    @inline(__always)
    func next(_ state: UInt32, foldedByte b: UInt8) -> UInt32 { LexiconTransitions.next(state, byte: b, through: foldedColumns) }
}

/// One pass over the text: position, folded byte count, DFA state.
///
/// ```swift
/// var c = LexiconCursor(i: 0, maxStart: n)
/// ```
struct LexiconCursor {
    /// Current DFA state (a ``LexiconTransitions`` row offset, possibly with the output
    /// flag; never the escape flag).
    var state: UInt32 = 0
    /// Offset of the next byte to read.
    var i: Int
    /// Number of folded bytes consumed so far.
    var f: Int = 0
    /// Only matches starting before this offset are reported.
    var maxStart: Int
}
