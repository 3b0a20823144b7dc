/// The hot matching loop of ``Lexicon``.
///
/// The scan walks the original UTF-8 bytes. ASCII bytes go straight through the
/// 128-entry fold→class table; other scalars are decoded and folded with
/// ``TextFoldTable`` (scalars at or above U+2500 pass through unchanged). Each
/// folded byte drives the DFA. Nothing is written per byte: when an output state is
/// reached, the match's original start is found by walking back over the scalars
/// just read until their folds add up to the term's folded length (no folded copy,
/// no buffer of offsets). Word boundaries are checked only on candidates.
///
/// A DFA walk is bound by the latency of one table load per byte, so texts of
/// at least ``Lexicon/splitMinimum`` bytes are scanned as two interleaved,
/// independent passes: the first over `[0, m)` and the second from `m` (a scalar
/// boundary near the middle). The first pass runs on past `m` until any match
/// that started before `m` has ended, and reports only matches starting before
/// `m`; the second reports the rest.
///
/// ```swift
/// let candidates = lexicon.scanCandidates(buffer)   // unresolved, may overlap
/// ```
extension Lexicon {
    /// Texts shorter than this are scanned in a single pass.
    static let splitMinimum = 256

    /// Returns every boundary-respecting occurrence of every term (overlapping,
    /// unordered). `splitMinimum` is exposed for tests.
    func scanCandidates(_ text: UnsafeBufferPointer<UInt8>, splitMinimum: Int = Lexicon.splitMinimum) -> [LexiconMatch] {
        guard let p = text.baseAddress, text.count > 0 else { return [] }
        let n = text.count
        var found: [LexiconMatch] = []
        let a = automaton
        a.transitions.withUnsafeBufferPointer { tb in
            a.asciiClass.withUnsafeBufferPointer { ab in
                a.byteClass.withUnsafeBufferPointer { bb in
                    TextFoldTable.table.withUnsafeBufferPointer { fb in
                        let x = LexiconScanContext(
                            p: p, n: n, transitions: tb.baseAddress!, asciiClass: ab.baseAddress!,
                            byteClass: bb.baseAddress!, foldTable: fb.baseAddress!, threshold: a.matchThreshold)
                        var first = LexiconCursor(i: 0, maxStart: n)
                        guard n >= splitMinimum, let m = Lexicon.splitPoint(p, n) else {
                            a.run(&first, x, &found) { c in c.i < n }
                            return
                        }
                        var second = LexiconCursor(i: m, maxStart: n)
                        first.maxStart = m
                        a.runInterleaved(&first, until: m, &second, x, &found)
                        a.run(&first, x, &found) { c in c.i < m }
                        let stop = first.f &+ a.maxKeyLength
                        a.run(&first, x, &found) { c in c.i < n && c.f < stop }
                        a.run(&second, x, &found) { c in c.i < n }
                    }
                }
            }
        }
        return found
    }

    /// A scalar boundary near the middle of the text (the offset of a byte that
    /// is not a UTF-8 continuation byte), or nil if none is close.
    static func splitPoint(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        var k = n / 2
        let end = min(n, k + 8)
        while k < end {
            if p[k] & 0xC0 != 0x80 { return k }
            k += 1
        }
        return nil
    }
}

/// The passes of a scan, on the automaton itself (so the hot functions read its tables
/// from `self`, with no copy of the lexicon's compiled automaton per candidate).
extension LexiconAutomaton {
    /// Advances `c` scalar by scalar while `more(c)` holds. ASCII bytes take an
    /// inlined fast path; everything else goes through ``step(_:_:_:)``.
    @inline(__always)
    func run(
        _ c: inout LexiconCursor, _ x: LexiconScanContext, _ found: inout [LexiconMatch],
        while more: (LexiconCursor) -> Bool
    ) {
        let t = x.transitions, ac = x.asciiClass, p = x.p, threshold = x.threshold
        while more(c) {
            let b = p[c.i]
            if b < 0x80 {
                c.state = t[Int(c.state &+ UInt32(ac[Int(b)]))]
                c.f &+= 1
                c.i &+= 1
                if c.state >= threshold { collect(x, c, into: &found) }
            } else {
                step(&c, x, &found)
            }
        }
    }

    /// Advances two independent passes in lockstep (`a` while `a.i < aEnd`,
    /// `b` while `b.i < x.n`), so their DFA table loads overlap. The inner loop takes the
    /// run of ASCII bytes both passes can read until either reaches an output state: over
    /// ASCII the folded count moves with the offset, so it carries one counter and the two
    /// states (few enough to stay in registers, about 8 instructions a byte); the cursors'
    /// offsets and `f` are brought up to date when it stops.
    @inline(__always)
    func runInterleaved(
        _ a: inout LexiconCursor, until aEnd: Int, _ b: inout LexiconCursor,
        _ x: LexiconScanContext, _ found: inout [LexiconMatch]
    ) {
        let t = x.transitions, ac = x.asciiClass, threshold = x.threshold
        while a.i < aEnd && b.i < x.n {
            // One pointer walks pass a; pass b reads `apart` bytes further on.
            let first = x.p + a.i, apart = b.i &- a.i
            let end = first + min(aEnd &- a.i, x.n &- b.i)
            let (q, sa, sb) = Self.asciiRun(from: first, to: end, apart: apart, a.state, b.state, t, ac, threshold)
            let read = q - first
            Self.writeBack(&a, state: sa, i: a.i &+ read)
            Self.writeBack(&b, state: sb, i: b.i &+ read)
            // Stopped by an output state only when it read a byte: a state reached before the
            // loop was collected then.
            if read > 0 && (sa >= threshold || sb >= threshold) {
                if sa >= threshold { collect(x, a, into: &found) }
                if sb >= threshold { collect(x, b, into: &found) }
            } else if q < end {
                // A byte of a longer scalar in one pass or both: one scalar each.
                step(&a, x, &found)
                step(&b, x, &found)
            }
        }
    }

    /// The inner loop of ``runInterleaved(_:until:_:_:_:)``: both passes over ASCII bytes,
    /// pass a from `q` up to `end`, pass b `apart` bytes further on, until a byte of a longer
    /// scalar or an output state in either. A function of its own so that its few values stay
    /// in registers (inlined, the table pointers were reloaded from the stack every byte).
    @inline(never)
    static func asciiRun(
        from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>, apart: Int,
        _ stateA: UInt32, _ stateB: UInt32,
        _ t: UnsafePointer<UInt32>, _ ac: UnsafePointer<UInt8>, _ threshold: UInt32
    ) -> (UnsafePointer<UInt8>, UInt32, UInt32) {
        var q = start, sa = stateA, sb = stateB
        while q < end {
            let ba = q[0], bb = q[apart]
            if (ba | bb) >= 0x80 { break }
            sa = t[Int(sa &+ UInt32(ac[Int(ba)]))]
            sb = t[Int(sb &+ UInt32(ac[Int(bb)]))]
            q += 1
            if sa >= threshold || sb >= threshold { break }
        }
        return (q, sa, sb)
    }

    /// Stores a pass's state and offset after ASCII bytes only since it was last stored:
    /// one folded byte per byte read.
    @inline(__always)
    static func writeBack(_ c: inout LexiconCursor, state: UInt32, i: Int) {
        c.f &+= i &- c.i
        c.state = state
        c.i = i
    }

    /// Consumes one scalar for `c`: folds it, drives the DFA, and collects
    /// candidates when an output state is reached at the end of the scalar.
    @inline(never)
    func step(_ c: inout LexiconCursor, _ x: LexiconScanContext, _ found: inout [LexiconMatch]) {
        let b = x.p[c.i]
        if b < 0x80 {
            c.state = x.transitions[Int(c.state &+ UInt32(x.asciiClass[Int(b)]))]
            c.f &+= 1
            c.i &+= 1
            if c.state >= x.threshold { collect(x, c, into: &found) }
            return
        }
        let (v, len) = TextUTF8.decode(x.p, at: c.i, count: x.n)
        let e = Self.foldEntry(v, x)
        var k = TextFoldTable.length(e)
        c.i &+= len
        if k == 0 { return }
        var packed = TextFoldTable.bytes(e)
        while true {
            c.state = x.transitions[Int(c.state &+ UInt32(x.byteClass[Int(packed & 0xFF)]))]
            c.f &+= 1
            k &-= 1
            if k == 0 { break }
            packed >>= 8
        }
        if c.state >= x.threshold { collect(x, c, into: &found) }
    }

    /// The fold of a non-ASCII scalar value (or ``TextUTF8/malformed``), as the scan
    /// reads it: from the table below ``TextFoldTable/limit``, else itself.
    @inline(__always)
    static func foldEntry(_ v: UInt32, _ x: LexiconScanContext) -> UInt64 {
        if v < TextFoldTable.limit { return x.foldTable[Int(v)] }
        if v == TextUTF8.malformed { return TextFoldTable.malformedEntry }
        return TextFoldTable.identity(v)
    }

    /// Where a term of `length` folded bytes that ends at the end of the scalar before
    /// `end` begins: the offset of the scalar whose fold starts that many folded bytes
    /// back (walking back over the scalars the scan just read, ASCII counting one byte
    /// as in the scan), or -1 when that point falls inside a scalar's fold.
    @inline(__always)
    static func termStart(length: Int, end: Int, _ x: LexiconScanContext) -> Int {
        var remaining = length, j = end
        while remaining > 0 && j > 0 {
            let last = x.p[j &- 1]
            if last < 0x80 {
                remaining &-= 1
                j &-= 1
            } else {
                let (v, len) = TextUTF8.decodeBefore(x.p, end: j, count: x.n)
                remaining &-= TextFoldTable.length(foldEntry(v, x))
                j &-= len
            }
        }
        return remaining == 0 ? j : -1
    }

    /// Handles a DFA output state reached at the end of a scalar: checks the
    /// boundary after the match (extending over combining marks), then every
    /// term ending here, recovering its start from the ring buffer.
    @inline(never)
    func collect(_ x: LexiconScanContext, _ c: LexiconCursor, into found: inout [LexiconMatch]) {
        let p = x.p, n = x.n, end = c.i
        // Boundary after: skip combining marks, then require a non-word scalar or the end.
        var j = end
        while j < n {
            let (v, len) = TextUTF8.decode(p, at: j, count: n)
            let e = TextFoldTable.entry(for: v)
            if e & TextFoldTable.markBit != 0 { j &+= len; continue }
            if e & TextFoldTable.wordBit != 0 { return }
            break
        }
        let a = self
        var s = Int(c.state) / a.classCount
        while s >= 0 {
            let term = Int(a.stateTerm[s])
            if term >= 0 {
                let start = Self.termStart(length: a.keyLength[term], end: c.i, x)
                if start >= 0 && start < end && start < c.maxStart && Self.isBoundary(before: start, p, n) {
                    found.append(LexiconMatch(byteStart: start, byteEnd: j, termIndex: term))
                }
            }
            s = Int(a.stateOutLink[s])
        }
    }

    /// Whether the scalar ending at `offset` is not a word scalar (or `offset` is 0).
    @inline(__always)
    static func isBoundary(before offset: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        if offset == 0 { return true }
        let (v, _) = TextUTF8.decodeBefore(p, end: offset, count: n)
        return TextFoldTable.entry(for: v) & TextFoldTable.wordBit == 0
    }
}
