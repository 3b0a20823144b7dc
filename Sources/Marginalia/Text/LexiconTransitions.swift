/// The transition table of a ``LexiconAutomaton``, laid out for the scan loop: one row of
/// `rowWidth` UInt32 cells per state, and for every byte value a pointer to its column, so
/// that a step is one load, `next = column[byte][state]`, with no add on the chain from one
/// state to the next.
///
/// A state is the *byte offset* of its row in ``cells``, with two flags above it:
/// ``outputFlag`` on the states that carry an output (a candidate to collect) and
/// ``escapeFlag`` in the last column, the one every byte of the text at or above 0x80
/// selects (``textColumns``): a non-ASCII byte "leads" from a state to that same state with
/// the escape flag, so a loop over ASCII text needs no test of the byte itself — one test of
/// the state, `state >= outputFlag`, stops it for a candidate or for a longer scalar, and
/// the state before that scalar is the value without the flag. Every read masks the state
/// with ``offsetMask`` first (a state reached with the output flag is read on).
///
/// The folded bytes of a longer scalar go through ``foldedColumns`` instead, whose columns
/// are the key bytes' classes (never the escape column).
///
/// ```swift
/// let dfa = LexiconAutomaton(keys: [Array("tank".utf8)])
/// var s: UInt32 = 0
/// for b in "TANK".utf8 { s = dfa.table.next(s, textByte: b) }
/// s >= LexiconTransitions.outputFlag   // true: "tank" ends here
/// ```
final class LexiconTransitions: @unchecked Sendable {
    /// Set on a state that has at least one output (a term, or a suffix that is one).
    static let outputFlag: UInt32 = 1 << 30
    /// Set on the value of the escape column: the byte was not read, the state is unchanged.
    static let escapeFlag: UInt32 = 1 << 31
    /// The row offset of a state without its flags.
    static let offsetMask: UInt32 = outputFlag - 1

    /// Cells per row: the byte classes, then the escape column.
    let rowWidth: Int
    /// Bytes per row (`rowWidth * 4`): a state's row index is its offset divided by this.
    let rowBytes: Int
    /// Number of rows (states).
    let rowCount: Int
    /// `rowCount * rowWidth` cells, filled by ``LexiconAutomaton/init(keys:)`` and immutable
    /// after (owned, freed with the table).
    let cells: UnsafeMutablePointer<UInt32>
    /// 256 pointers: the column (first row's cell) that each byte of the *text* selects —
    /// an ASCII byte its fold's class, any other byte the escape column.
    let textColumns: UnsafeMutablePointer<UnsafeRawPointer>
    /// 256 pointers: the column that each *folded* byte selects (its class in the keys, or 0).
    let foldedColumns: UnsafeMutablePointer<UnsafeRawPointer>

    /// Allocates the table of `rowCount` rows over `classCount` classes, all cells 0 (the
    /// automaton fills ``cells`` before it is used): `byteClass` is the class of every folded
    /// byte (256 entries), `asciiClass` the class of every ASCII text byte's fold (128).
    init(rowCount: Int, classCount: Int, byteClass: [UInt8], asciiClass: [UInt8]) {
        let width = classCount + 1
        precondition(rowCount * width * 4 <= Int(Self.offsetMask), "lexicon automaton too large for 30-bit state offsets")
        rowWidth = width
        rowBytes = width * 4
        self.rowCount = rowCount
        let count = max(rowCount * width, 1)
        cells = .allocate(capacity: count)
        cells.initialize(repeating: 0, count: count)
        let base = UnsafeRawPointer(cells)
        textColumns = .allocate(capacity: 256)
        foldedColumns = .allocate(capacity: 256)
        for b in 0..<256 {
            let textClass = b < 0x80 ? Int(asciiClass[b]) : classCount
            (textColumns + b).initialize(to: base + textClass * 4)
            (foldedColumns + b).initialize(to: base + Int(byteClass[b]) * 4)
        }
    }

    deinit {
        cells.deallocate()
        textColumns.deallocate()
        foldedColumns.deallocate()
    }

    /// The state after byte `b` read through `columns` (``textColumns`` or ``foldedColumns``):
    /// the one load of a step, shared by the table and the scan's ``LexiconScanContext``.
    @inline(__always)
    static func next(_ state: UInt32, byte b: UInt8, through columns: UnsafePointer<UnsafeRawPointer>) -> UInt32 {
        columns[Int(b)].load(fromByteOffset: Int(state & offsetMask), as: UInt32.self)
    }

    /// The state after a byte of the text (possibly with ``escapeFlag``: a byte ≥ 0x80).
    @inline(__always)
    func next(_ state: UInt32, textByte b: UInt8) -> UInt32 { Self.next(state, byte: b, through: textColumns) }

    /// The state after a folded byte of a longer scalar (never flagged as an escape).
    @inline(__always)
    func next(_ state: UInt32, foldedByte b: UInt8) -> UInt32 { Self.next(state, byte: b, through: foldedColumns) }

    /// The row index of a state (its index in the automaton's per-state arrays).
    @inline(__always)
    func row(of state: UInt32) -> Int { Int(state & Self.offsetMask) / rowBytes }

    /// Bytes the table holds.
    var byteCount: Int { rowCount * rowWidth * 4 + 2 * 256 * MemoryLayout<UnsafeRawPointer>.size }
}
