import Marginalia
import MarginaliaLua
import XCTest

/// `lex:annotate(doc, label [, { skip = … }])`: finding and marking in one host call gives
/// exactly the annotations of a `find_all` loop of `doc:annotate`, and returns the hits.
final class LexiconAnnotateTests: XCTestCase {
    private let text = "Tanks, a defense lawyer, air defense and missiles: Défense, tanks again."
    private let terms = #"{ "tanks", "defense", "air defense", "missiles", "defense lawyer" }"#

    private func run(_ body: String) throws -> PluginOutput {
        let host = try PluginHost()
        host.onLog = { _, _ in }
        try host.load(source: """
            local LEX = marginalia.lexicon\(terms)
            return {
              name = "marker", version = "1", description = "marks terms", labels = { "marker.term", "marker:hits" },
              annotate = function (doc)
                \(body)
              end,
            }
            """, path: "marker.lua")
        let results = host.annotate(Document(id: "d", text: text))
        XCTAssertEqual(results.count, 1)
        return try results[0].get()
    }

    func testOneCallMarksWhatAFindAllLoopMarksAndReturnsTheSameHits() throws {
        let loop = try run("""
            local hits = {}
            for _, m in ipairs(LEX:find_all(doc)) do
              if m.term ~= "defense lawyer" then
                doc:annotate(m.start, m.stop, "marker.term", { features = { term = m.term } })
                hits[#hits + 1] = m
              end
            end
            local seen = {}
            for _, m in ipairs(hits) do seen[#seen + 1] = m.start .. "-" .. m.stop .. ":" .. m.term end
            doc:label("marker:hits", 1, { hits = table.concat(seen, " ") })
            """)
        let oneCall = try run("""
            local hits = LEX:annotate(doc, "marker.term", { skip = { ["defense lawyer"] = true } })
            local seen = {}
            for _, m in ipairs(hits) do seen[#seen + 1] = m.start .. "-" .. m.stop .. ":" .. m.term end
            doc:label("marker:hits", 1, { hits = table.concat(seen, " ") })
            """)
        // The same annotations (the two scripts differ, so the plugins' SHA-256 differ).
        func marks(_ output: PluginOutput) -> [Annotation] { output.annotations.map { var a = $0; a.plugin = loop.plugin; return a } }
        XCTAssertEqual(marks(oneCall), marks(loop))
        XCTAssertEqual(oneCall.annotations.filter { $0.label == "marker.term" }.count, 5, "\(oneCall.annotations)")
        XCTAssertEqual(oneCall.annotations.last?.features.objectValue?["hits"]?.stringValue,
                       "1-5:tanks 26-36:air defense 42-49:missiles 52-59:defense 62-66:tanks")
        let unfiltered = try run(#"doc:label("marker:hits", 1, { n = #LEX:annotate(doc, "marker.term") })"#)
        XCTAssertEqual(unfiltered.annotations.filter { $0.label == "marker.term" }.count, 6, "no skip: the look-alike is marked too")
    }

    func testMistakesAreNamed() throws {
        try assertRefused(#"marginalia.lexicon{ "tanks" }:annotate(doc, "undeclared.label")"#, mentions: "lex:annotate: label 'undeclared.label' is not declared")
        try assertRefused(#"marginalia.lexicon{ "tanks" }:annotate("text", "hostile.out")"#, mentions: "lex:annotate: expected the document")
        try assertRefused(#"marginalia.lexicon{ "tanks" }:annotate(doc, "hostile.out", { skip = "tanks" })"#, mentions: "skip must be a table")
        try assertRefused(#"marginalia.lexicon{ "tanks" }:annotate(doc, "hostile.out", 3)"#, mentions: "options must be a table")
        try assertRefused(#"local lex = marginalia.lexicon{ "tanks" }; lex.annotate(doc, "hostile.out")"#, mentions: "call it as lex:annotate(doc, label)")
    }
    /// Each hit's `term` feature is its own lexicon's term, also for lexicons made and
    /// collected document after document (the host keeps every lexicon's term features,
    /// and drops them with its last handle).
    func testTermFeaturesFollowTheirLexiconAcrossLexiconsMadeInAnnotate() throws {
        let host = try PluginHost()
        try host.load(source: """
            return {
              name = "marker", version = "1", description = "marks", labels = { "marker.term" },
              annotate = function (doc)
                local word = doc.text:match("%a+")
                marginalia.lexicon{ word }:annotate(doc, "marker.term")
                collectgarbage("collect")
              end,
            }
            """, path: "marker.lua")
        let words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
        for round in 0..<3 {
            for (index, word) in words.enumerated() {
                let results = host.annotate(Document(id: "d\(round)-\(index)", text: "\(word) and \(word.uppercased())"))
                let terms = try results[0].get().annotations.map { $0.features.objectValue?["term"]?.stringValue }
                XCTAssertEqual(terms, [word, word], "round \(round)")
            }
        }
    }
}
