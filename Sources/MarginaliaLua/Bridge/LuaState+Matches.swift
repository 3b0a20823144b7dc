import CLua
import CLuaShim
import Marginalia

/// Lexicon matches as scripts get them: the term strings of a lexicon handle, made once
/// per handle (each match then takes its term from that table instead of pushing a Swift
/// string, which Lua hashed and looked up anew for every match), and the iterator of
/// `lex:each` (CLuaShim's `MatchIterator.c`).
///
/// ```swift
/// lua.pushTermStrings(ofHandleAt: 1, terms: lexicon.terms)   // { "tank", "air defense", … }
/// lua.pushMatchIterator(matches, terms: lua.top)             // for start, stop, term in …
/// ```
extension LuaState {
    /// Pushes the table `{ term1, term2, … }` (1-based, in term order) of the lexicon handle at
    /// `handle`, kept as the handle's user value: made on its first use, then reused.
    func pushTermStrings(ofHandleAt handle: Int32, terms: [String]) {
        let userdata = lua_absindex(L, handle)
        if lua_getiuservalue(L, userdata, 1) == LUA_TTABLE { return }
        pop()
        newTable(arrayCount: Int32(terms.count))
        for (offset, term) in terms.enumerated() {
            push(term)
            setIndex(offset + 1, in: -2)
        }
        pushValue(at: -1)
        _ = lua_setiuservalue(L, userdata, 1)
    }

    /// Pushes the term of index `termIndex` (0-based, as `LexiconMatch` holds it) from the
    /// table of term strings at `terms`.
    func pushTerm(_ termIndex: Int, from terms: Int32) { lua_rawgeti(L, terms, lua_Integer(termIndex + 1)) }

    /// Pushes an iterator over `matches` for the generic `for`: each call returns a match's
    /// start and stop (1-based, inclusive byte positions) and its term from the table at
    /// `terms`, then nothing.
    func pushMatchIterator(_ matches: [LexiconMatch], terms: Int32) {
        let cells = mg_push_match_iterator(L, terms, matches.count)!
        for (offset, match) in matches.enumerated() {
            cells[3 * offset] = lua_Integer(match.byteStart + 1)
            cells[3 * offset + 1] = lua_Integer(match.byteEnd)
            cells[3 * offset + 2] = lua_Integer(match.termIndex + 1)
        }
    }
}
