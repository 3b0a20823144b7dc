import Marginalia
import MarginaliaLua
import XCTest

/// The read-only views a script sees (`doc`, `doc.meta`, `ctx`, the libraries) share their
/// metamethods: each view still reads, counts and lists its own table, refuses writes with
/// its own name, and hides its metatable; a `doc` kept from an earlier document still reads
/// that document.
final class ReadOnlyViewTests: XCTestCase {
    private func evaluate(_ code: String, text: String = "Tanks and missiles.") throws -> [String] {
        let host = try PluginHost()
        let document = Document(id: "d1", text: text, metadata: DocumentMetadata(title: "T", language: "en"))
        return try host.evaluate(code, on: document).get().values
    }

    func testTheDocumentViewListsCountsAndHidesItsFields() throws {
        XCTAssertEqual(try evaluate("""
            local keys = {}
            for key in pairs(doc) do keys[#keys + 1] = key end
            table.sort(keys)
            return table.concat(keys, ",")
            """), ["id,lang,meta,text,title"])
        XCTAssertEqual(try evaluate("#doc, #doc.meta, #ctx.params, getmetatable(doc), getmetatable(doc.meta)"),
                       ["0", "0", "0", "false", "false"])
        XCTAssertEqual(try evaluate("doc.text, doc.lang, doc.title, doc.meta.lang, rawget(doc, 'text')"),
                       ["Tanks and missiles.", "en", "T", "en", "nil"])
        XCTAssertEqual(try evaluate("#table, #string, getmetatable('').__index == string"), ["0", "0", "true"])
    }

    func testEachViewRefusesWritesWithItsOwnName() throws {
        for (code, message) in [("doc.text = 'x'", "doc is read-only (cannot set 'text')"),
                                ("doc.meta.x = 1", "doc.meta is read-only (cannot set 'x')"),
                                ("ctx.params.x = 1", "ctx.params is read-only (cannot set 'x')"),
                                ("math.pi = 3", "math is read-only (cannot set 'pi')")] {
            let host = try PluginHost()
            let result = host.evaluate(code, on: Document(id: "d1", text: "x"))
            guard case .failure(let error) = result else { XCTFail("\(code) was allowed"); continue }
            XCTAssertTrue(error.message.contains(message), error.message)
            XCTAssertTrue(error.message.contains(":1:"), "the error names the line that wrote: \(error.message)")
        }
    }

    func testADocumentKeptFromAnEarlierDocumentStillReadsThatDocument() throws {
        let host = try PluginHost()
        try host.load(source: """
            local previous
            return {
              name = "keeper", version = "1", description = "keeps the last doc", labels = { "kept" },
              annotate = function (doc)
                if previous then
                  doc:label("kept", 1, { text = previous.text, id = previous.id, lang = previous.meta.lang })
                end
                previous = doc
              end,
            }
            """, path: "keeper.lua")
        _ = host.annotate(Document(id: "first", text: "First text.", metadata: DocumentMetadata(language: "fr")))
        let second = try host.annotate(Document(id: "second", text: "Second text.")).first!.get()
        XCTAssertEqual(second.annotations.first?.features,
                       .object(["text": .string("First text."), "id": .string("first"), "lang": .string("fr")]))
    }
}
