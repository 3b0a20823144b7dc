import CLua
import CLuaShim
import Foundation
import Marginalia

/// `marginalia.lexicon`, `lex:find_all` and `marginalia.load_terms`.
extension PluginHost {
    /// marginalia.lexicon{ "term", … } → a compiled matcher (userdata).
    func makeLexicon() -> Int32 {
        guard lua.type(at: 1) == LUA_TTABLE else {
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
        let slot = lua_newuserdatauv(lua.L, MemoryLayout<Int32>.size, 0)!
        slot.storeBytes(of: Int32(lexicons.count - 1), as: Int32.self)
        lua.push(reference: lexiconMetatableRef)
        lua_setmetatable(lua.L, -2)
        return 1
    }

    /// lex:find_all(doc or text) → { { start =, stop =, term = }, … }
    func findAll() -> Int32 {
        guard lua.type(at: 1) == LUA_TUSERDATA, lua_getmetatable(lua.L, 1) != 0 else {
            return fail("find_all: call it as lex:find_all(doc)")
        }
        lua.push(reference: lexiconMetatableRef)
        let isLexicon = lua_rawequal(lua.L, -1, -2) != 0
        lua.pop(2)
        guard isLexicon, let slot = lua_touserdata(lua.L, 1) else { return fail("find_all: call it as lex:find_all(doc)") }
        let lexicon = lexicons[Int(slot.load(as: Int32.self))]
        if let text = lua.bytes(at: 2) {
            pushMatches(lexicon.matches(inUTF8: text), lexicon: lexicon)
            return 1
        }
        guard lua.type(at: 2) == LUA_TTABLE, let context = current else {
            return fail("find_all: expected the document (lex:find_all(doc)) or a string, got \(lua.typeName(at: 2))")
        }
        let index = Int(slot.load(as: Int32.self))
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

    /// marginalia.load_terms("lexicons/x.txt") → { "term", … }; only while a plugin loads.
    func loadTerms() -> Int32 {
        guard let bytes = readPluginFile(function: "marginalia.load_terms") else { return -1 }
        let terms = Self.termLines(bytes)
        lua.newTable(arrayCount: Int32(terms.count))
        for (offset, term) in terms.enumerated() {
            lua.push(term)
            lua.setIndex(offset + 1, in: -2)
        }
        return 1
    }
}

extension PluginHost {
    /// The terms of a term file: its lines, trimmed, without blank lines and `#` comments.
    /// Lines are cut at the bytes of `\n` and `\r` (fast: gazetteers have many thousand
    /// lines), or at every Unicode line break when the file has the rare others.
    ///
    /// ```swift
    /// PluginHost.termLines(Array("# crops\nwheat\r\n  maize \n".utf8))   // ["wheat", "maize"]
    /// ```
    static func termLines(_ bytes: [UInt8]) -> [String] {
        let hasOtherBreaks = bytes.indices.dropLast().contains { index in isOtherLineBreak(bytes, at: index) }
        let lines: [String] = hasOtherBreaks
            ? String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
            : bytes.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D }).map { String(decoding: $0, as: UTF8.self) }
        return lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// True at the UTF-8 of U+0085 (NEL), U+2028 or U+2029.
    private static func isOtherLineBreak(_ bytes: [UInt8], at index: Int) -> Bool {
        let lead = bytes[index]
        if lead == 0xC2 { return bytes[index + 1] == 0x85 }
        guard lead == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80 else { return false }
        let last = bytes[index + 2]
        return last == 0xA8 || last == 0xA9
    }
}

/// Compiled lexicons shared by every host (and thread) in the process: workers that load
/// the same plugin compile its term lists once.
final class LexiconCache: @unchecked Sendable {
    static let shared = LexiconCache()
    private var cache: [[String]: Lexicon] = [:]
    private var groups: [[ObjectIdentifier]: LexiconGroup] = [:]
    private let lock = NSLock()

    func group(for lexicons: [Lexicon]) throws -> LexiconGroup {
        let key = lexicons.map(ObjectIdentifier.init)
        if let cached = lock.withLock({ groups[key] }) { return cached }
        let group = try LexiconGroup(lexicons)
        lock.withLock { groups[key] = group }
        return group
    }

    func lexicon(for terms: [String]) throws -> Lexicon {
        if let cached = lock.withLock({ cache[terms] }) { return cached }
        let lexicon = try Lexicon(terms: terms)
        lock.withLock { cache[terms] = lexicon }
        return lexicon
    }
}
