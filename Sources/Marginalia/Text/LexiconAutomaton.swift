/// Internal Aho-Corasick automaton compiled to a dense DFA over byte
/// equivalence classes, used by ``Lexicon``.
///
/// Every distinct byte that occurs in a folded term gets its own class; all
/// other bytes share class 0 ("other"). The transitions are a ``LexiconTransitions``
/// table: states are their rows' byte offsets, those that carry an output flagged with
/// ``LexiconTransitions/outputFlag``, so the hot loop tests for a candidate with a single
/// comparison: `state >= matchThreshold`. Rows are numbered breadth first (shallow, hot
/// states close together).
///
/// ```swift
/// let dfa = LexiconAutomaton(keys: [Array("defense".utf8)])
/// var s: UInt32 = 0
/// for b in "defense".utf8 { s = dfa.table.next(s, foldedByte: b) }
/// s >= dfa.matchThreshold  // true
/// ```
struct LexiconAutomaton: Sendable {
    /// Number of byte classes (the table's rows have one more cell: the escape column).
    let classCount: Int
    /// The transitions, with a column pointer for every byte.
    let table: LexiconTransitions
    /// States at or above this value have at least one output (``LexiconTransitions/outputFlag``).
    var matchThreshold: UInt32 { LexiconTransitions.outputFlag }
    /// Per state (row index): the term ending exactly here, or -1.
    let stateTerm: [Int32]
    /// Per state (row index): nearest proper suffix state with a term, or -1.
    let stateOutLink: [Int32]
    /// Per state (row index): its depth, the folded bytes of the prefix it stands for. A pass
    /// of a split scan that has run `k` folded bytes past its end stops once its state's
    /// depth is at most `k`: no match that started before the end can still be going on.
    let stateDepth: [Int32]
    /// Folded byte length of every key.
    let keyLength: [Int]

    /// Builds the automaton. `keys` are folded, non-empty byte strings; when two
    /// keys are equal the first index is reported.
    init(keys: [[UInt8]]) {
        var classOf = [UInt8](repeating: 0, count: 256)
        var nextClass = 1
        for key in keys {
            for b in key where classOf[Int(b)] == 0 {
                classOf[Int(b)] = UInt8(nextClass)
                nextClass += 1
            }
        }
        let c = nextClass
        classCount = c
        let asciiClass: [UInt8] = (0..<128).map { b in
            let e = TextFoldTable.table[b]
            return classOf[Int(TextFoldTable.bytes(e) & 0xFF)]
        }

        // 1. Trie.
        var trie = [Int32](repeating: -1, count: c)
        var nodeTerm: [Int32] = [-1]
        var nodeDepth: [Int32] = [0]
        for (index, key) in keys.enumerated() {
            var node = 0
            for b in key {
                let slot = node * c + Int(classOf[Int(b)])
                if trie[slot] < 0 {
                    trie[slot] = Int32(nodeTerm.count)
                    nodeTerm.append(-1)
                    nodeDepth.append(nodeDepth[node] + 1)
                    trie.append(contentsOf: repeatElement(-1, count: c))
                }
                node = Int(trie[slot])
            }
            if nodeTerm[node] < 0 { nodeTerm[node] = Int32(index) }
        }
        let nodeCount = nodeTerm.count

        // 2. Failure links and full DFA, breadth first. The rows are walked through raw
        // pointers: these loops visit every state × class cell, and with bounds checks on
        // each of three arrays they were most of a plugin set's start-up.
        var fail = [Int](repeating: 0, count: nodeCount)
        var dfa = [Int32](repeating: 0, count: nodeCount * c)
        var order: [Int] = [0]
        order.reserveCapacity(nodeCount)
        trie.withUnsafeBufferPointer { trieCells in
            dfa.withUnsafeMutableBufferPointer { dfaCells in
                fail.withUnsafeMutableBufferPointer { failOf in
                    let t = trieCells.baseAddress!, d = dfaCells.baseAddress!
                    for cls in 0..<c {
                        let child = t[cls]
                        if child >= 0 { order.append(Int(child)) }
                        d[cls] = max(child, 0)
                    }
                    var head = 1
                    while head < order.count {
                        let u = order[head]
                        head += 1
                        let trieRow = t + u * c, row = d + u * c, failRow = d + failOf[u] * c
                        for cls in 0..<c {
                            let v = trieRow[cls]
                            if v >= 0 {
                                failOf[Int(v)] = Int(failRow[cls])
                                row[cls] = v
                                order.append(Int(v))
                            } else {
                                row[cls] = failRow[cls]
                            }
                        }
                    }
                }
            }
        }

        // 3. Output links (dictionary suffix links).
        var outLink = [Int](repeating: -1, count: nodeCount)
        for u in order.dropFirst() {
            let f = fail[u]
            outLink[u] = nodeTerm[f] >= 0 ? f : outLink[f]
        }

        // 4. Renumber in breadth-first order: states without output first (root stays 0), then the rest.
        var newId = [Int](repeating: 0, count: nodeCount)
        var next = 0
        var firstOutputRow = 0
        for pass in 0..<2 {
            for u in order {  // breadth first: shallow (hot) states get nearby rows
                let hasOutput = nodeTerm[u] >= 0 || outLink[u] >= 0
                if hasOutput == (pass == 1) {
                    newId[u] = next
                    next += 1
                }
            }
            if pass == 0 { firstOutputRow = next }
        }
        var terms = [Int32](repeating: -1, count: nodeCount)
        var links = [Int32](repeating: -1, count: nodeCount)
        var depths = [Int32](repeating: 0, count: nodeCount)
        for u in 0..<nodeCount {
            let row = newId[u]
            terms[row] = nodeTerm[u]
            links[row] = outLink[u] >= 0 ? Int32(newId[outLink[u]]) : -1
            depths[row] = nodeDepth[u]
        }
        // Each node's state (its row's byte offset, flagged if it has an output), then the rows.
        let transitions = LexiconTransitions(rowCount: nodeCount, classCount: c, byteClass: classOf, asciiClass: asciiClass)
        let rowBytes = transitions.rowBytes, width = transitions.rowWidth
        let stateOf = newId.map { row in
            UInt32(row * rowBytes) | (row >= firstOutputRow ? LexiconTransitions.outputFlag : 0)
        }
        dfa.withUnsafeBufferPointer { dfaCells in
            stateOf.withUnsafeBufferPointer { states in
                let d = dfaCells.baseAddress!, state = states.baseAddress!, out = transitions.cells
                for u in 0..<nodeCount {
                    let from = d + u * c, to = out + newId[u] * width
                    for cls in 0..<c { to[cls] = state[Int(from[cls])] }
                    to[c] = state[u] | LexiconTransitions.escapeFlag
                }
            }
        }
        table = transitions
        stateTerm = terms
        stateOutLink = links
        stateDepth = depths
        keyLength = keys.map(\.count)
    }
}
