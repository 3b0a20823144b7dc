import Foundation
import Marginalia
import MarginaliaTestSupport
import XCTest

final class StoreIdempotenceTests: XCTestCase {
    func testAnnotatingTwiceGivesAnIdenticalExportWithoutDuplicates() throws {
        let directory = TemporaryDirectory()
        let store = directory.file("s.sqlite")
        try annotate([Repository.path("seeds")], plugins: Repository.bundledPlugins, store: store)
        let first = try exportJSONL(store)
        let again = try annotate([Repository.path("seeds")], plugins: Repository.bundledPlugins, store: store)
        XCTAssertEqual(again.documentsSkipped, 5, "a second run skips what is done")
        XCTAssertEqual(try exportJSONL(store), first)
        let forced = try annotate([Repository.path("seeds")], plugins: Repository.bundledPlugins, store: store, force: true)
        XCTAssertEqual(forced.documentsAnnotated, 5)
        XCTAssertEqual(try exportJSONL(store), first, "--force replaces, never duplicates")
        let lines = first.split(separator: "\n")
        XCTAssertEqual(Set(lines).count, lines.count)
    }

    func testANewPluginVersionIsKeptBesideTheOld() throws {
        let directory = TemporaryDirectory()
        let store = directory.file("s.sqlite")
        directory.write("docs/a.txt", "Missiles and tanks.\n")
        func plugin(version: String, score: String) -> String {
            directory.write("p\(version)/tagger.lua", """
                return { name = "tagger", version = "\(version)", description = "d", labels = { "topic:x" },
                  annotate = function (doc) doc:label("topic:x", \(score)) end }
                """)
        }
        try annotate([directory.file("docs")], plugins: [plugin(version: "1.0", score: "0.5")], store: store)
        try annotate([directory.file("docs")], plugins: [plugin(version: "1.0", score: "0.5")], store: store)
        try annotate([directory.file("docs")], plugins: [plugin(version: "2.0", score: "0.9")], store: store)
        let lines = try exportJSONL(store).split(separator: "\n").map { try JSONParser.parse(Array($0.utf8)).objectValue! }
        XCTAssertEqual(lines.map { $0["plugin_version"]!.stringValue! }, ["1.0", "2.0"])
        XCTAssertEqual(lines.map { $0["score"]!.doubleValue! }, [0.5, 0.9])
    }

    func testChangedTextReplacesTheDocumentAndItsStaleAnnotations() throws {
        let directory = TemporaryDirectory()
        let store = directory.file("s.sqlite")
        let file = directory.write("docs/a.txt", "Tanks here.\n")
        try annotate([directory.file("docs")], plugins: [Repository.path("Plugins/defense/defense.lua")], store: store)
        _ = FileManager.default.createFile(atPath: file, contents: Data("Nothing military.\n".utf8))
        try annotate([directory.file("docs")], plugins: [Repository.path("Plugins/defense/defense.lua")], store: store)
        let export = try exportJSONL(store)
        XCTAssertFalse(export.contains("Tanks"), export)
        XCTAssertTrue(export.contains("military"), export)
    }

    /// The writer turns foreign-key checks off while a batch writes: what their cascade did
    /// for a replaced text (drop the outputs of every plugin made from the old text, not
    /// only of the plugins run now) it must do itself.
    func testChangedTextDropsTheOutputsOfPluginsNotRunAgain() throws {
        let directory = TemporaryDirectory()
        let store = directory.file("s.sqlite")
        let file = directory.write("docs/a.txt", "Tanks here.\n")
        let tagger = directory.write("p/tagger.lua", """
            return { name = "tagger", version = "1.0", description = "d", labels = { "topic:x" },
              annotate = function (doc) doc:label("topic:x", 0.5) end }
            """)
        let defense = Repository.path("Plugins/defense/defense.lua")
        try annotate([directory.file("docs")], plugins: [defense, tagger], store: store)
        XCTAssertEqual(try SQLiteAnnotationStore(path: store).outputKeys(documentID: "a").count, 2)
        _ = FileManager.default.createFile(atPath: file, contents: Data("Nothing military.\n".utf8))
        try annotate([directory.file("docs")], plugins: [defense], store: store)
        let reopened = try SQLiteAnnotationStore(path: store)
        let keys = try reopened.outputKeys(documentID: "a")
        XCTAssertEqual(keys.map(\.plugin.name), ["defense"], "the tagger's output was made from the old text")
        XCTAssertEqual(keys.first?.textSHA256, ContentHash.sha256Hex(Array("Nothing military.\n".utf8)))
        XCTAssertFalse(try exportJSONL(store).contains("topic:x"))
        let report = reopened.check()
        XCTAssertTrue(report.isHealthy, "\(report.problems)")
        let again = try annotate([directory.file("docs")], plugins: [defense, tagger], store: store)
        XCTAssertEqual(again.documentsAnnotated, 1, "the tagger has not seen the new text")
    }
}
