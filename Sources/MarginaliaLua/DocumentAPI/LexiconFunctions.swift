import Foundation
import Marginalia

/// `marginalia.lexicon`, `lex:find_all` and `lex:annotate`: term matchers compiled in Swift, matched over a
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
            // The automaton lives in Swift, outside the Lua allocator: its build must fit in
            // what the memory limit leaves.
            lexicon = try LexiconCache.shared.lexicon(for: terms) { [lua] plan in
                let limit = lua.memoryLimit
                guard limit != 0, lua.memoryInUse + plan.peakBytes > limit else { return nil }
                return "\(terms.count) terms need \(plan.peakBytes >> 20) MB to compile (\(plan.retainedBytes >> 20) MB once built), "
                    + "more than the memory limit of \(limit >> 20) MB leaves (the Lua state holds \(lua.memoryInUse >> 20) MB)"
            }
        } catch let refusal as LexiconCache.Refusal {
            lua.flagMemoryLimit()
            return fail("marginalia.lexicon: \(refusal)")
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
        guard let (index, lexicon) = lexiconArgument(function: "find_all") else { return -1 }
        if let text = lua.bytes(at: 2) {
            pushMatches(lexicon.matches(inUTF8: text), lexicon: lexicon)
            return 1
        }
        guard lua.type(at: 2) == .table, let context = current else {
            return fail("find_all: expected the document (lex:find_all(doc)) or a string, got \(lua.typeName(at: 2))")
        }
        pushMatches(documentMatches(of: index, lexicon: lexicon, in: context), lexicon: lexicon)
        return 1
    }

    /// lex:annotate(doc, label [, { skip = { [term] = true } }]) → the hits marked, as
    /// find_all returns them: finds the terms and marks each one as a `label` span with the
    /// feature `term`, in one call (what a loop of doc:annotate over find_all did).
    func annotateMatches() -> Int32 {
        guard let (index, lexicon) = lexiconArgument(function: "annotate", call: "lex:annotate(doc, label)") else { return -1 }
        guard let context = current, let plugin = context.plugin else { return fail("lex:annotate: no document is being annotated") }
        guard lua.type(at: 2) == .table else {
            return fail("lex:annotate: expected the document (lex:annotate(doc, label)), got \(lua.typeName(at: 2))")
        }
        guard let label = checkedLabel(at: 3, function: "lex:annotate", plugin: plugin, context: context) else { return -1 }
        var skipIndex: Int32?
        if !lua.isNil(at: 4) {
            guard lua.type(at: 4) == .table else {
                return fail("lex:annotate: options must be a table { skip = { [term] = true } }, got \(lua.typeName(at: 4))")
            }
            lua.getField(.skip, in: 4)
            switch lua.type(at: -1) {
            case .table: skipIndex = lua.top
            case .nil: lua.pop()
            default:
                return fail("lex:annotate: skip must be a table of terms ({ [term] = true }), got \(lua.typeName(at: -1))")
            }
        }
        let matches = documentMatches(of: index, lexicon: lexicon, in: context)
        lua.newTable(arrayCount: Int32(matches.count))
        var marked = 0
        for match in matches {
            let term = lexicon.terms[match.termIndex]
            if let skipIndex {
                lua.push(term)
                lua.rawGet(in: skipIndex)
                let skipped = lua.isTruthy(at: -1)
                lua.pop()
                if skipped { continue }
            }
            context.emit(Annotation(
                documentID: context.document.id, label: label,
                span: Span(byteStart: match.byteStart, byteEnd: match.byteEnd, in: context.offsets),
                score: 1, features: .object(["term": .string(term)]), plugin: plugin.identity))
            marked += 1
            pushMatch(match, term: term)
            lua.setIndex(marked, in: -2)
        }
        return 1
    }

    /// The lexicon `self` of a `lex:function(…)` call (argument 1), with its slot; nil
    /// with the error pushed when it was called with a dot or on something else.
    private func lexiconArgument(function: String, call: String = "lex:find_all(doc)") -> (Int, Lexicon)? {
        let refusal = "\(function): call it as \(call)"
        guard lua.type(at: 1) == .userdata, lua.pushMetatable(of: 1) else { _ = fail(refusal); return nil }
        lua.push(reference: lexiconMetatableRef)
        let isLexicon = lua.rawEqual(-1, -2)
        lua.pop(2)
        guard isLexicon, let slot = lua.userdataValue(at: 1) else { _ = fail(refusal); return nil }
        return (Int(slot), lexicons[Int(slot)])
    }

    /// The lexicon's matches in the current document: from the one scan that serves every
    /// lexicon the plugins loaded, made on first use.
    private func documentMatches(of index: Int, lexicon: Lexicon, in context: DocumentContext) -> [LexiconMatch] {
        if let group = lexiconGroup, index < group.members.count {
            if context.groupMatches == nil {
                context.groupMatches = context.utf8.withUnsafeBufferPointer { group.matches(inUTF8: $0) }
            }
            return context.groupMatches![index]
        }
        return context.utf8.withUnsafeBufferPointer { lexicon.matches(inUTF8: $0) }
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
            pushMatch(match, term: lexicon.terms[match.termIndex])
            lua.setIndex(offset + 1, in: -2)
        }
    }

    /// One match as scripts see it: `{ start =, stop =, term = }` (1-based, inclusive).
    private func pushMatch(_ match: LexiconMatch, term: String) {
        lua.pushSpanRecord(start: match.byteStart + 1, stop: match.byteEnd, moreFields: 1)
        lua.push(term)
        lua.setField(.term, in: -2)
    }
}
