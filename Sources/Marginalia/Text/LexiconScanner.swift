/// The hot matching loop of ``Lexicon``.
///
/// The scan walks the original UTF-8 bytes once. ASCII bytes go straight through
/// the 128-entry fold→class table; other scalars are decoded and folded with
/// ``TextFoldTable`` (scalars at or above U+2500 pass through unchanged). Each
/// folded byte drives the DFA, and a ring buffer remembers the original offset
/// of the last `ringSize` folded bytes (or -1 for bytes that do not begin a
/// scalar's fold) so a match's original start is recovered without building a
/// folded copy. Word boundaries are checked only when the DFA reports a candidate.
///
/// ```swift
/// let candidates = lexicon.scanCandidates(buffer)   // unresolved, may overlap
/// ```
extension Lexicon {
    /// Returns every boundary-respecting occurrence of every term (overlapping,
    /// in order of end position).
    func scanCandidates(_ text: UnsafeBufferPointer<UInt8>) -> [LexiconMatch] {
        guard let p = text.baseAddress, text.count > 0 else { return [] }
        let n = text.count
        var found: [LexiconMatch] = []
        let a = automaton
        let mask = ringSize - 1
        let threshold = a.matchThreshold
        let limit = TextFoldTable.limit
        a.transitions.withUnsafeBufferPointer { tb in
            a.asciiClass.withUnsafeBufferPointer { ab in
                a.byteClass.withUnsafeBufferPointer { bb in
                    TextFoldTable.table.withUnsafeBufferPointer { fb in
                        withUnsafeTemporaryAllocation(of: Int.self, capacity: ringSize) { rb in
                            let t = tb.baseAddress!, ac = ab.baseAddress!, bc = bb.baseAddress!
                            let ft = fb.baseAddress!, ring = rb.baseAddress!
                            var state: UInt32 = 0
                            var i = 0
                            var f = 0
                            while i < n {
                                let b = p[i]
                                if b < 0x80 {
                                    state = t[Int(state &+ UInt32(ac[Int(b)]))]
                                    ring[f & mask] = i
                                    f &+= 1
                                    i &+= 1
                                    if state >= threshold {
                                        collect(p, n, end: i, folded: f, state: state, ring: ring, mask: mask, into: &found)
                                    }
                                    continue
                                }
                                let (v, len) = TextUTF8.decode(p, at: i, count: n)
                                let e: UInt64
                                if v < limit {
                                    e = ft[Int(v)]
                                } else if v == TextUTF8.malformed {
                                    e = TextFoldTable.malformedEntry
                                } else {
                                    e = TextFoldTable.identity(v)
                                }
                                var k = TextFoldTable.length(e)
                                i &+= len
                                if k == 0 { continue }
                                var packed = TextFoldTable.bytes(e)
                                ring[f & mask] = i &- len
                                while true {
                                    state = t[Int(state &+ UInt32(bc[Int(packed & 0xFF)]))]
                                    f &+= 1
                                    k &-= 1
                                    if k == 0 { break }
                                    packed >>= 8
                                    ring[f & mask] = -1
                                }
                                if state >= threshold {
                                    collect(p, n, end: i, folded: f, state: state, ring: ring, mask: mask, into: &found)
                                }
                            }
                        }
                    }
                }
            }
        }
        return found
    }

    /// Handles a DFA output state reached at the end of a scalar: checks the
    /// boundary after the match (extending over combining marks), then every
    /// term ending here, recovering its start from the ring buffer.
    @inline(never)
    func collect(
        _ p: UnsafePointer<UInt8>, _ n: Int, end: Int, folded f: Int, state: UInt32,
        ring: UnsafeMutablePointer<Int>, mask: Int, into found: inout [LexiconMatch]
    ) {
        // Boundary after: skip combining marks, then require a non-word scalar or the end.
        var j = end
        while j < n {
            let (v, len) = TextUTF8.decode(p, at: j, count: n)
            let e = TextFoldTable.entry(for: v)
            if e & TextFoldTable.markBit != 0 { j &+= len; continue }
            if e & TextFoldTable.wordBit != 0 { return }
            break
        }
        let a = automaton
        var s = Int(state) / a.classCount
        while s >= 0 {
            let term = Int(a.stateTerm[s])
            if term >= 0 {
                let start = ring[(f &- a.keyLength[term]) & mask]
                if start >= 0 && Lexicon.isBoundary(before: start, p, n) {
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
