import Marginalia
import MarginaliaLua
import XCTest

/// `lex:each(doc)` gives exactly the matches `lex:find_all(doc)` returns, in order, as
/// start, stop and term values: on the document (the group scan of the plugins' lexicons),
/// on a string, and for a lexicon made inside `annotate`.
final class LexiconEachTests: XCTestCase {
    private static let text = "Việt Nam and VIET NAM; Hà Nội, Hanoi’s air defense, AIR DEFENSE, defense lawyers "
        + "and Vietnamese (not vietnam). Ha Noi, Viet Nam."

    private func run(_ annotate: String) throws -> [String: JSONValue] {
        let host = try PluginHost()
        try host.load(source: """
            local PLACES = marginalia.lexicon{ "viet nam", "Hà Nội", "hanoi", "vietnam" }
            local WORDS = marginalia.lexicon{ "air defense", "defense", "defense lawyer", "NAM" }
            local function listed(iterator)
              local out = {}
              for start, stop, term in iterator do out[#out + 1] = start .. "-" .. stop .. " " .. term end
              return table.concat(out, "|")
            end
            local function found(matches)
              local out = {}
              for _, m in ipairs(matches) do out[#out + 1] = m.start .. "-" .. m.stop .. " " .. m.term end
              return table.concat(out, "|")
            end
            return {
              name = "each", version = "1", description = "d", labels = { "seen" },
              annotate = function (doc) \(annotate) end,
            }
            """, path: "each.lua")
        let results = host.annotate(Document(id: "d", text: Self.text))
        return try results[0].get().annotations.first?.features.objectValue ?? [:]
    }

    func testEachGivesWhatFindAllFinds() throws {
        let seen = try run("""
            local inner = marginalia.lexicon{ "ha noi", "nam" }
            doc:label("seen", 1, {
              places = listed(PLACES:each(doc)), places_all = found(PLACES:find_all(doc)),
              words = listed(WORDS:each(doc)), words_all = found(WORDS:find_all(doc)),
              string = listed(PLACES:each("Hanoi and HÀ NỘI")), string_all = found(PLACES:find_all("Hanoi and HÀ NỘI")),
              inner = listed(inner:each(doc)), inner_all = found(inner:find_all(doc)),
              none = listed(WORDS:each("nothing here")),
            })
            """)
        for name in ["places", "words", "string", "inner"] {
            XCTAssertEqual(seen[name], seen["\(name)_all"], name)
            XCTAssertNotEqual(seen[name]?.stringValue ?? "", "", name)
        }
        XCTAssertEqual(seen["string"], .string("1-5 hanoi|11-19 Hà Nội"))
        XCTAssertEqual(seen["none"], .string(""))
    }

    func testAnIteratorEndsForGoodAndTwoIteratorsAreIndependent() throws {
        let seen = try run("""
            local first, second = WORDS:each(doc), WORDS:each(doc)
            local a1 = first()
            local b1 = second()
            local a2 = first()
            local rest = 0
            while first() do rest = rest + 1 end
            doc:label("seen", 1, { a1 = a1, b1 = b1, a2 = a2, rest = rest, after = first() == nil and first() == nil })
            """)
        // WORDS matches six times: Nam, NAM, air defense, AIR DEFENSE, defense (of "defense
        // lawyers", which is not "defense lawyer"), Nam; two were taken before the loop.
        XCTAssertEqual(seen["a1"], seen["b1"])
        XCTAssertNotEqual(seen["a1"], seen["a2"])
        XCTAssertEqual(seen["after"], .bool(true))
        XCTAssertEqual(seen["rest"].flatMap { $0.doubleValue }.map(Int.init), 4)
    }

    func testMisuseIsAnErrorNamingTheCall() throws {
        try assertRefused("marginalia.lexicon{ 'x' }.each(doc)", mentions: "each: call it as lex:each(doc)")
        try assertRefused("marginalia.lexicon{ 'x' }:each(42)", mentions: "each: expected the document (lex:each(doc)) or a string, got number")
    }
}
