import Foundation
import Marginalia

/// `marginalia.lexicon` and `lex:find_all`: term matchers compiled in Swift, matched over a
/// document in one pass for every lexicon the loaded plugins made.
extension HostContext {
    /// marginalia.lexicon{ "term", … } → a compiled matcher (userdata).
    func makeLexicon() -> Int32 {
        guard lua.type(at: 1) == .table else {
            return fail("marginalia.lexicon: expected a list of terms, got \(lua.typeName(at: 1))")
        }
        var terms: [String] = []
        let count = lua.rawLength(at: 1)
        for index in stride(from: 1, through: count, by: 1) {
            lua.getIndex(index, in: 1)
            defer { lua.pop() }
            guard let term = lua.string(at: -1) else {
                return fail("marginalia.lexicon: term #\(index) is a \(lua.typeName(at: -1)), expected a string")
            }
            terms.append(term)
        }
        let lexicon: Lexicon
        do {
            lexicon = try LexiconCache.shared.lexicon(for: terms)
        } catch {
            return fail("marginalia.lexicon: \(error)")
        }
        lexicons.append(lexicon)
        lua.pushUserdata(holding: Int32(lexicons.count - 1))
        lua.push(reference: lexiconMetatableRef)
        lua.setMetatable(of: -2)
        return 1
    }

    /// lex:find_all(doc or text) → { { start =, stop =, term = }, … }
    func findAll() -> Int32 {
        guard lua.type(at: 1) == .userdata, lua.pushMetatable(of: 1) else {
            return fail("find_all: call it as lex:find_all(doc)")
        }
        lua.push(reference: lexiconMetatableRef)
        let isLexicon = lua.rawEqual(-1, -2)
        lua.pop(2)
        guard isLexicon, let slot = lua.userdataValue(at: 1) else { return fail("find_all: call it as lex:find_all(doc)") }
        let index = Int(slot)
        let lexicon = lexicons[index]
        if let text = lua.bytes(at: 2) {
            pushMatches(lexicon.matches(inUTF8: text), lexicon: lexicon)
            return 1
        }
        guard lua.type(at: 2) == .table, let context = current else {
            return fail("find_all: expected the document (lex:find_all(doc)) or a string, got \(lua.typeName(at: 2))")
        }
        let matches: [LexiconMatch]
        if let group = lexiconGroup, index < group.members.count {
            // One scan of the document serves every lexicon the plugins loaded.
            if context.groupMatches == nil {
                context.groupMatches = context.utf8.withUnsafeBufferPointer { group.matches(inUTF8: $0) }
            }
            matches = context.groupMatches![index]
        } else {
            matches = context.utf8.withUnsafeBufferPointer { lexicon.matches(inUTF8: $0) }
        }
        pushMatches(matches, lexicon: lexicon)
        return 1
    }

    /// Compiles the lexicons loaded so far into one group (once all plugins are loaded,
    /// before the first document), shared by every host with the same lexicons.
    func prepareLexiconGroup() {
        guard lexiconGroup == nil, lexicons.count >= 2 else { return }
        lexiconGroup = try? LexiconCache.shared.group(for: lexicons)
    }

    private func pushMatches(_ matches: [LexiconMatch], lexicon: Lexicon) {
        lua.newTable(arrayCount: Int32(matches.count))
        for (offset, match) in matches.enumerated() {
            lua.newTable(fieldCount: 3)
            lua.push(match.byteStart + 1)
            lua.setField("start", in: -2)
            lua.push(match.byteEnd)
            lua.setField("stop", in: -2)
            lua.push(lexicon.terms[match.termIndex])
            lua.setField("term", in: -2)
            lua.setIndex(offset + 1, in: -2)
        }
    }
}
