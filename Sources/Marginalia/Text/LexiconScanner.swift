/// The hot matching loop of ``Lexicon``.
///
/// The scan walks the original UTF-8 bytes. An ASCII byte selects its fold's column of the
/// transition table directly (``LexiconTransitions/textColumns``); other scalars are decoded
/// and folded with ``TextFoldTable`` (scalars at or above U+2500 pass through unchanged),
/// and each folded byte drives the DFA. Nothing is written per byte: when an output state
/// is reached, the match's original start is found by walking back over the scalars just
/// read until their folds add up to the term's folded length (no folded copy, no buffer of
/// offsets). Word boundaries are checked only on candidates.
///
/// A DFA walk is bound by the latency of one table load per byte, so texts of at least
/// ``Lexicon/splitMinimum`` bytes are scanned as four interleaved, independent passes, one
/// from each of the split points `0, m1, m2, m3` (scalar boundaries near the quarters).
/// Each pass reports only the matches that start in its quarter, and all but the last run
/// on past their quarter's end until no match that started before it can still be going
/// on: until the state's depth (the folded bytes of the prefix it stands for) is at most
/// the folded bytes read since the end.
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
        withExtendedLifetime(a) {
            TextFoldTable.table.withUnsafeBufferPointer { fb in
                let x = LexiconScanContext(
                    p: p, n: n, textColumns: UnsafePointer(a.table.textColumns),
                    foldedColumns: UnsafePointer(a.table.foldedColumns), foldTable: fb.baseAddress!)
                guard n >= splitMinimum, let (m1, m2, m3) = Lexicon.splitPoints(p, n) else {
                    var only = LexiconCursor(i: 0, maxStart: n)
                    a.run(&only, x, &found) { c in c.i < n }
                    return
                }
                var c0 = LexiconCursor(i: 0, maxStart: m1), c1 = LexiconCursor(i: m1, maxStart: m2)
                var c2 = LexiconCursor(i: m2, maxStart: m3), c3 = LexiconCursor(i: m3, maxStart: n)
                a.runInterleaved(&c0, &c1, &c2, &c3, ends: (m1, m2, m3, n), x, &found)
                a.finish(&c0, end: m1, x, &found)
                a.finish(&c1, end: m2, x, &found)
                a.finish(&c2, end: m3, x, &found)
                a.run(&c3, x, &found) { c in c.i < n }
            }
        }
        return found
    }

    /// The three split points of a four-pass scan: scalar boundaries (offsets of bytes that
    /// are not UTF-8 continuation bytes) at or just after `n/4`, `n/2` and `3n/4`, in order
    /// (equal ones make empty passes), or nil if one of them has none close by.
    static func splitPoints(_ p: UnsafePointer<UInt8>, _ n: Int) -> (Int, Int, Int)? {
        guard let m1 = scalarBoundary(p, n, from: n / 4), let m2 = scalarBoundary(p, n, from: n / 2),
              let m3 = scalarBoundary(p, n, from: 3 * n / 4) else { return nil }
        return (m1, m2, m3)
    }

    /// The first scalar boundary at or after `k` and within 8 bytes of it (nil if none).
    static func scalarBoundary(_ p: UnsafePointer<UInt8>, _ n: Int, from k: Int) -> Int? {
        var k = k
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
        while more(c) {
            let s = x.next(c.state, textByte: x.p[c.i])
            if s >= LexiconTransitions.escapeFlag {
                step(&c, x, &found)
                continue
            }
            c.state = s
            c.f &+= 1
            c.i &+= 1
            if s >= matchThreshold { collect(x, c, into: &found) }
        }
    }

    /// Runs a pass to the `end` of its part of the text, then on until no match that
    /// started before `end` can still be going on: while its state's depth is more than the
    /// folded bytes read since `end` (a match still going on that started before `end`
    /// would be a prefix deeper than that; the state is the deepest prefix that ends here).
    @inline(__always)
    func finish(_ c: inout LexiconCursor, end: Int, _ x: LexiconScanContext, _ found: inout [LexiconMatch]) {
        run(&c, x, &found) { c in c.i < end }
        let foldedAtEnd = c.f, table = self.table
        stateDepth.withUnsafeBufferPointer { depth in
            run(&c, x, &found) { c in c.i < x.n && Int(depth[table.row(of: c.state)]) > c.f &- foldedAtEnd }
        }
    }

    /// Advances four independent passes in lockstep, each `c` while `c.i` is before its
    /// end, so their DFA table loads overlap. The inner loop (``asciiRun``) takes the ASCII
    /// bytes of all four until one reaches an output state or a longer scalar; the
    /// cursors are brought up to date when it stops (``settle(_:_:read:_:_:)``).
    @inline(__always)
    func runInterleaved(
        _ c0: inout LexiconCursor, _ c1: inout LexiconCursor, _ c2: inout LexiconCursor, _ c3: inout LexiconCursor,
        ends e: (Int, Int, Int, Int), _ x: LexiconScanContext, _ found: inout [LexiconMatch]
    ) {
        let mask = LexiconTransitions.offsetMask
        while c0.i < e.0 && c1.i < e.1 && c2.i < e.2 && c3.i < e.3 {
            // One pointer walks pass 0; the others read their distance further on.
            let first = x.p + c0.i
            let length = min(min(e.0 &- c0.i, e.1 &- c1.i), min(e.2 &- c2.i, e.3 &- c3.i))
            var states = (c0.state & mask, c1.state & mask, c2.state & mask, c3.state & mask)
            let q = Self.asciiRun(
                from: first, to: first + length, apart: c1.i &- c0.i, c2.i &- c0.i, c3.i &- c0.i, &states, x.textColumns)
            let read = q - first
            settle(&c0, states.0, read: read, x, &found)
            settle(&c1, states.1, read: read, x, &found)
            settle(&c2, states.2, read: read, x, &found)
            settle(&c3, states.3, read: read, x, &found)
        }
    }

    /// A pass after ``asciiRun`` read `read` bytes of it: a state with the escape flag met
    /// a longer scalar at the last of them (the bytes before it read, that scalar then taken
    /// by ``step(_:_:_:)``); any other read all of them, and one with the output flag reached
    /// it at the last (collected now).
    @inline(__always)
    func settle(_ c: inout LexiconCursor, _ s: UInt32, read: Int, _ x: LexiconScanContext, _ found: inout [LexiconMatch]) {
        if s >= LexiconTransitions.escapeFlag {
            c.state = s & ~LexiconTransitions.escapeFlag
            c.i &+= read &- 1
            c.f &+= read &- 1
            step(&c, x, &found)
        } else {
            c.state = s
            c.i &+= read
            c.f &+= read
            if s >= matchThreshold { collect(x, c, into: &found) }
        }
    }

    /// The inner loop of ``runInterleaved(_:_:_:_:ends:_:_:)``: four passes over the text,
    /// pass 0 from `start` up to `end`, the others `d1`, `d2` and `d3` bytes further on,
    /// each byte one load from its column (`states` without flags on entry), until a state
    /// with a flag in any pass (an output, or a byte at or above 0x80). Returns where pass 0
    /// stopped (after the byte that gave the flag). A function of its own so that its few
    /// values stay in registers.
    @inline(never)
    static func asciiRun(
        from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>, apart d1: Int, _ d2: Int, _ d3: Int,
        _ states: inout (UInt32, UInt32, UInt32, UInt32), _ columns: UnsafePointer<UnsafeRawPointer>
    ) -> UnsafePointer<UInt8> {
        var q = start
        // Widened once: a 32-bit load clears the upper half, so no zero-extension per byte.
        var s0 = Int(states.0), s1 = Int(states.1), s2 = Int(states.2), s3 = Int(states.3)
        let flag = Int(LexiconTransitions.outputFlag)
        // Two positions a round (one bound check for both); an odd count takes one first.
        // `start < end`: the caller has at least one byte of every pass to read.
        defer {
            states = (UInt32(truncatingIfNeeded: s0), UInt32(truncatingIfNeeded: s1),
                      UInt32(truncatingIfNeeded: s2), UInt32(truncatingIfNeeded: s3))
        }
        if (end - start) & 1 != 0 {
            s0 = Int(columns[Int(q[0])].load(fromByteOffset: s0, as: UInt32.self))
            s1 = Int(columns[Int(q[d1])].load(fromByteOffset: s1, as: UInt32.self))
            s2 = Int(columns[Int(q[d2])].load(fromByteOffset: s2, as: UInt32.self))
            s3 = Int(columns[Int(q[d3])].load(fromByteOffset: s3, as: UInt32.self))
            q += 1
            if s0 | s1 | s2 | s3 >= flag { return q }
        }
        while q < end {
            s0 = Int(columns[Int(q[0])].load(fromByteOffset: s0, as: UInt32.self))
            s1 = Int(columns[Int(q[d1])].load(fromByteOffset: s1, as: UInt32.self))
            s2 = Int(columns[Int(q[d2])].load(fromByteOffset: s2, as: UInt32.self))
            s3 = Int(columns[Int(q[d3])].load(fromByteOffset: s3, as: UInt32.self))
            if s0 | s1 | s2 | s3 >= flag {
                q += 1
                break
            }
            s0 = Int(columns[Int(q[1])].load(fromByteOffset: s0, as: UInt32.self))
            s1 = Int(columns[Int(q[d1 &+ 1])].load(fromByteOffset: s1, as: UInt32.self))
            s2 = Int(columns[Int(q[d2 &+ 1])].load(fromByteOffset: s2, as: UInt32.self))
            s3 = Int(columns[Int(q[d3 &+ 1])].load(fromByteOffset: s3, as: UInt32.self))
            q += 2
            if s0 | s1 | s2 | s3 >= flag { break }
        }
        return q
    }

    /// Consumes one scalar for `c`: folds it, drives the DFA with its folded bytes, and
    /// collects candidates when an output state is reached at the end of the scalar.
    @inline(never)
    func step(_ c: inout LexiconCursor, _ x: LexiconScanContext, _ found: inout [LexiconMatch]) {
        let (v, len) = TextUTF8.decode(x.p, at: c.i, count: x.n)
        let e = Self.foldEntry(v, x)
        var k = TextFoldTable.length(e)
        c.i &+= len
        if k == 0 { return }
        var packed = TextFoldTable.bytes(e)
        while true {
            c.state = x.next(c.state, foldedByte: UInt8(truncatingIfNeeded: packed))
            c.f &+= 1
            k &-= 1
            if k == 0 { break }
            packed >>= 8
        }
        if c.state >= matchThreshold { collect(x, c, into: &found) }
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
            // Below the table's limit (ASCII above all) straight from the scan's table pointer.
            let e = v < TextFoldTable.limit ? x.foldTable[Int(v)] : TextFoldTable.entry(for: v)
            if e & TextFoldTable.markBit != 0 { j &+= len; continue }
            if e & TextFoldTable.wordBit != 0 { return }
            break
        }
        let a = self
        var s = a.table.row(of: c.state)
        while s >= 0 {
            let term = Int(a.stateTerm[s])
            if term >= 0 {
                let start = Self.termStart(length: a.keyLength[term], end: c.i, x)
                if start >= 0 && start < end && start < c.maxStart && Self.isBoundary(before: start, x) {
                    // Room for a few at the first: growing 1, 2, 4, 8 cost more than this.
                    if found.capacity == 0 { found.reserveCapacity(16) }
                    found.append(LexiconMatch(byteStart: start, byteEnd: j, termIndex: term))
                }
            }
            s = Int(a.stateOutLink[s])
        }
    }

    /// Whether the scalar ending at `offset` is not a word scalar (or `offset` is 0).
    @inline(__always)
    static func isBoundary(before offset: Int, _ x: LexiconScanContext) -> Bool {
        if offset == 0 { return true }
        let (v, _) = TextUTF8.decodeBefore(x.p, end: offset, count: x.n)
        let e = v < TextFoldTable.limit ? x.foldTable[Int(v)] : TextFoldTable.entry(for: v)
        return e & TextFoldTable.wordBit == 0
    }
}
