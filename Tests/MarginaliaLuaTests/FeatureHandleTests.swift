import Marginalia
import MarginaliaLua
import XCTest

/// `marginalia.features(table)`: a features table converted once gives the same annotations
/// as the table itself, keeps the value it had when converted, and is refused where it is not
/// a features table.
final class FeatureHandleTests: XCTestCase {
    private func run(_ prefix: String, _ body: String) throws -> Result<PluginOutput, ProcessingError> {
        let host = try PluginHost()
        host.onLog = { _, _ in }
        try host.load(source: """
            \(prefix)
            return {
              name = "gazetteer", version = "1", description = "marks places", labels = { "place.name", "place:doc" },
              annotate = function (doc)
                \(body)
              end,
            }
            """, path: "gazetteer.lua")
        let results = host.annotate(Document(id: "d", text: "Hanoi and Paris, then Hanoi again."))
        XCTAssertEqual(results.count, 1)
        return results[0]
    }

    private let marks = """
        for s, e in doc.text:gmatch("()Hanoi()") do doc:annotate(s, e - 1, "place.name", OPTIONS) end
        doc:label("place:doc", 0.5, LABEL)
        """

    func testAHandleGivesTheAnnotationsOfItsTable() throws {
        let table = try run("""
            local OPTIONS = { score = 0.9, features = { code = "VN", kind = "capital", aliases = { "Hà Nội" } } }
            local LABEL = { n = 2 }
            """, marks).get()
        let handle = try run("""
            local OPTIONS = { score = 0.9, features = marginalia.features{ code = "VN", kind = "capital", aliases = { "Hà Nội" } } }
            local LABEL = marginalia.features{ n = 2 }
            """, marks).get()
        func plain(_ output: PluginOutput) -> [Annotation] { output.annotations.map { var a = $0; a.plugin = table.plugin; return a } }
        XCTAssertEqual(plain(handle), plain(table))
        XCTAssertEqual(handle.annotations.count, 3)
        XCTAssertEqual(handle.annotations[0].features, .object(["code": .string("VN"), "kind": .string("capital"), "aliases": .array([.string("Hà Nội")])]))
    }

    func testAHandleKeepsTheValueItWasMadeFrom() throws {
        let output = try run("""
            local FEATURES = { code = "VN" }
            local OPTIONS = { features = marginalia.features(FEATURES) }
            FEATURES.code = "FR"
            local LABEL = marginalia.features(OPTIONS.features)
            """, marks).get()
        XCTAssertEqual(output.annotations.map(\.features), Array(repeating: .object(["code": .string("VN")]), count: 3))
    }

    func testMistakesAreNamed() throws {
        func assertRefused(_ prefix: String, _ body: String, mentions text: String, file: StaticString = #filePath, line: UInt = #line) throws {
            let result = try run(prefix, body)
            guard case .failure(let error) = result else { return XCTFail("accepted", file: file, line: line) }
            XCTAssertTrue(error.message.contains(text), error.message, file: file, line: line)
        }
        try assertRefused("", #"marginalia.features("code")"#, mentions: "marginalia.features: expected a table of name = value, got string")
        try assertRefused("", #"marginalia.features{ 1, x = 2 }"#, mentions: "mixes list items and named fields")
        try assertRefused("", #"marginalia.features{ "a", "b" }"#, mentions: "marginalia.features: features must be a table of name = value")
        try assertRefused("local LEX = marginalia.lexicon{ \"Hanoi\" }", #"doc:annotate(1, 5, "place.name", { features = LEX })"#,
                          mentions: "doc:annotate: features is a userdata")
    }
}
