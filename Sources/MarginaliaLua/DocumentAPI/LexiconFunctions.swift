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
            let term = lua.string(at: -1)
            let type = term == nil ? lua.typeName(at: -1) : ""
            lua.pop()   // before the message is pushed: it must be on top
            guard let term else { return fail("marginalia.lexicon: term #\(index) is a \(type), expected a string") }
            terms.append(term)
        }
        let lexicon: Lexicon, bytes: Int
        do {
            // The automaton lives in Swift, outside the Lua allocator: its build must fit in
            // what the memory limit leaves, and the lexicon is charged to the budget.
            (lexicon, bytes) = try LexiconCache.shared.acquire(terms: terms) { plan in
                guard !fitsAfterCollecting(plan.peakBytes) else { return nil }
                return "\(terms.count) terms need \(Self.megabytes(plan.peakBytes)) to compile (\(Self.megabytes(plan.retainedBytes)) once built), "
                    + "more than the memory limit of \(lua.memoryLimit >> 20) MB leaves (\(memoryShare))"
            }
        } catch let refusal as LexiconCache.Refusal {
            lua.flagMemoryLimit()
            return fail("marginalia.lexicon: \(refusal)")
        } catch {
            return fail("marginalia.lexicon: \(error)")
        }
        if !lexiconHandles.holds(lexicon) && !fitsAfterCollecting(bytes) {
            LexiconCache.shared.release(lexicon)
            return refuseForMemory("marginalia.lexicon: \(terms.count) terms (\(Self.megabytes(bytes)), compiled already)")
        }
        let (slot, charge) = lexiconHandles.add(lexicon, bytes: bytes)
        lua.chargeHost(charge)
        if current == nil { lexiconGroupIsStale = true }   // made while loading: one of the plugins' own
        lua.pushHandle(slot: slot, metatable: lexiconMetatableRef, userValues: 1)
        return 1
    }

    /// The finalizer of lexicon userdata (`__gc`): frees the handle's slot and, with the
    /// last handle of its lexicon, gives its bytes back to the budget and to the cache.
    func releaseLexicon() -> Int32 {
        guard let slot = lua.takeHandleSlot(at: 1) else { return 0 }
        guard let (lexicon, released) = lexiconHandles.remove(slot: slot) else { return 0 }
        if !lexiconHandles.holds(lexicon) { termFeatures.removeAll { $0.lexicon === lexicon } }
        lua.releaseHost(released)
        LexiconCache.shared.release(lexicon)
        return 0
    }

    /// lex:find_all(doc or text) → { { start =, stop =, term = }, … }
    func findAll() -> Int32 {
        guard let lexicon = lexiconArgument(function: "find_all") else { return -1 }
        if let text = lua.bytes(at: 2) {
            return pushMatches(lexicon.matches(inUTF8: text), lexicon: lexicon, of: "a string")
        }
        guard lua.type(at: 2) == .table, let context = current else {
            return fail("find_all: expected the document (lex:find_all(doc)) or a string, got \(lua.typeName(at: 2))")
        }
        return pushMatches(documentMatches(of: lexicon, in: context), lexicon: lexicon, of: "document '\(context.document.id)'")
    }

    /// lex:each(doc or text) → an iterator: `for start, stop, term in lex:each(doc) do … end`
    /// gives the matches find_all returns, as three values each instead of a table each.
    func eachMatch() -> Int32 {
        guard let lexicon = lexiconArgument(function: "each", call: "lex:each(doc)") else { return -1 }
        let matches: [LexiconMatch], source: () -> String
        if let text = lua.bytes(at: 2) {
            (matches, source) = (lexicon.matches(inUTF8: text), { "a string" })
        } else if lua.type(at: 2) == .table, let context = current {
            (matches, source) = (documentMatches(of: lexicon, in: context), { "document '\(context.document.id)'" })
        } else {
            return fail("each: expected the document (lex:each(doc)) or a string, got \(lua.typeName(at: 2))")
        }
        guard hasRoom(for: matches.count, bytesEach: 3 * MemoryLayout<Int>.size) else {
            return refuseForMemory("each: the \(matches.count) matches in \(source())")
        }
        lua.pushTermStrings(ofHandleAt: 1, terms: lexicon.terms)
        lua.pushMatchIterator(matches, terms: lua.top)
        return 1
    }

    /// lex:annotate(doc, label [, { skip = { [term] = true } }]) → the hits marked, as
    /// find_all returns them: finds the terms and marks each one as a `label` span with the
    /// feature `term`, in one call (what a loop of doc:annotate over find_all did).
    func annotateMatches() -> Int32 {
        guard let lexicon = lexiconArgument(function: "annotate", call: "lex:annotate(doc, label)") else { return -1 }
        guard let context = current, let identity = context.runningIdentity else { return fail("lex:annotate: no document is being annotated") }
        guard lua.type(at: 2) == .table else {
            return fail("lex:annotate: expected the document (lex:annotate(doc, label)), got \(lua.typeName(at: 2))")
        }
        guard let label = checkedLabel(at: 3, function: "lex:annotate", context: context) else { return -1 }
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
        let matches = documentMatches(of: lexicon, in: context)
        func what() -> String { "lex:annotate: the \(matches.count) matches in document '\(context.document.id)'" }
        guard hasRoom(for: matches.count, bytesEach: HostFootprint.luaRecordTable + HostFootprint.lexiconAnnotation) else {
            return refuseForMemory(what())
        }
        let features = featuresOfTerms(of: lexicon)
        lua.pushTermStrings(ofHandleAt: 1, terms: lexicon.terms)
        let terms = lua.top
        lua.newTable(arrayCount: Int32(matches.count))
        context.reserveEmits(matches.count)
        var marked = 0
        for match in matches {
            if marked & 255 == 255 && lua.isOverMemoryLimit {
                lua.pop()
                return refuseForMemory(what())
            }
            lua.pushTerm(match.termIndex, from: terms)   // once, for the skip table and for the hit's record
            if let skipIndex {
                lua.pushValue(at: -1)
                lua.rawGet(in: skipIndex)
                let skipped = lua.isTruthy(at: -1)
                lua.pop(skipped ? 2 : 1)
                if skipped { continue }
            }
            emit(Annotation(
                documentID: context.document.id, label: label,
                span: Span(byteStart: match.byteStart, byteEnd: match.byteEnd, in: context.offsets),
                score: 1, features: features[match.termIndex], plugin: identity),
                 in: context, bytes: HostFootprint.lexiconAnnotation)
            marked += 1
            lua.pushSpanRecord(start: match.byteStart + 1, stop: match.byteEnd, moreFields: 1)
            lua.insert(at: -2)   // the record under its term
            lua.setField(.term, in: -2)
            lua.setIndex(marked, in: -2)
        }
        return 1
    }

    /// The features `{ term = … }` of each of the lexicon's terms, made on first use.
    private func featuresOfTerms(of lexicon: Lexicon) -> [JSONValue] {
        for index in termFeatures.indices where termFeatures[index].lexicon === lexicon { return termFeatures[index].features }
        let features = lexicon.terms.map { JSONValue.object(["term": .string($0)]) }
        termFeatures.append((lexicon, features))
        return features
    }

    /// The lexicon `self` of a `lex:function(…)` call (argument 1); nil with the error
    /// pushed when it was called with a dot or on something else.
    private func lexiconArgument(function: String, call: String = "lex:find_all(doc)") -> Lexicon? {
        func refusal() -> String { "\(function): call it as \(call)" }
        guard lua.type(at: 1) == .userdata, lua.pushMetatable(of: 1) else { _ = fail(refusal()); return nil }
        lua.push(reference: lexiconMetatableRef)
        let isLexicon = lua.rawEqual(-1, -2)
        lua.pop(2)
        guard isLexicon, let slot = lua.userdataValue(at: 1) else { _ = fail(refusal()); return nil }
        guard let lexicon = lexiconHandles.lexicon(inSlot: slot) else { _ = fail("\(function): this lexicon was released"); return nil }
        return lexicon
    }

    /// The lexicon's matches in the current document: from the one scan that serves every
    /// lexicon the plugins loaded, made on first use.
    private func documentMatches(of lexicon: Lexicon, in context: DocumentContext) -> [LexiconMatch] {
        if let group = lexiconGroup, let member = lexiconGroupMembers[ObjectIdentifier(lexicon)] {
            if context.groupMatches == nil {
                context.groupMatches = context.withUTF8 { group.matches(inUTF8: $0) }
            }
            return context.groupMatches![member]
        }
        return context.withUTF8 { lexicon.matches(inUTF8: $0) }
    }

    /// Compiles the lexicons the plugins made while loading into one group (before the
    /// first document, and again after more plugins loaded), shared by every host with the
    /// same lexicons and charged to the budget. The group only saves time: when it does not
    /// fit in the memory limit, each lexicon scans on its own.
    func prepareLexiconGroup() {
        guard lexiconGroupIsStale else { return }
        lexiconGroupIsStale = false
        lua.releaseHost(lexiconGroupBytes)
        (lexiconGroup, lexiconGroupMembers, lexiconGroupBytes) = (nil, [:], 0)
        let members = lexiconHandles.lexicons
        guard members.count >= 2,
              let planned = LexiconCache.shared.group(for: members, fits: { lua.fitsInMemoryLimit($0) }) else { return }
        lexiconGroup = planned.group
        lexiconGroupMembers = Dictionary(uniqueKeysWithValues: members.enumerated().map { (ObjectIdentifier($1), $0) })
        lexiconGroupBytes = planned.retainedBytes
        lua.chargeHost(lexiconGroupBytes)
    }

    private func pushMatches(_ matches: [LexiconMatch], lexicon: Lexicon, of source: @autoclosure () -> String) -> Int32 {
        func what() -> String { "find_all: the \(matches.count) matches in \(source())" }
        guard hasRoom(for: matches.count, bytesEach: HostFootprint.luaRecordTable) else { return refuseForMemory(what()) }
        lua.pushTermStrings(ofHandleAt: 1, terms: lexicon.terms)
        let terms = lua.top
        lua.newTable(arrayCount: Int32(matches.count))
        for (offset, match) in matches.enumerated() {
            if offset & 255 == 255 && lua.isOverMemoryLimit {
                lua.pop()
                return refuseForMemory(what())
            }
            // One match as scripts see it: `{ start =, stop =, term = }` (1-based, inclusive).
            lua.pushSpanRecord(start: match.byteStart + 1, stop: match.byteEnd, moreFields: 1)
            lua.pushTerm(match.termIndex, from: terms)
            lua.setField(.term, in: -2)
            lua.setIndex(offset + 1, in: -2)
        }
        return 1
    }
}
