import Foundation
import Marginalia
@testable import MarginaliaBatch
import MarginaliaTestSupport
import XCTest

/// The resume stage alone: what it decides for a document from what the store holds.
final class ResumeStageTests: XCTestCase {
    func testDecidesAnnotateThenSkipThenReplaceFromTheStore() throws {
        let directory = TemporaryDirectory()
        let storePath = directory.file("s.sqlite")
        let plugins = try PluginSet(paths: [Repository.path("Plugins/defense/defense.lua")])
        let store = try SQLiteAnnotationStore(path: storePath)
        let key = AnnotationPipeline(plugins: plugins, store: store).pluginSetSHA256
        let original = Document(id: "x", text: "Tanks and missiles.")
        let rewritten = Document(id: "x", text: "Farmers and the harvest.")

        XCTAssertEqual(ResumeStage(store: store, plugins: plugins.descriptors, setKey: key, force: false).decide(original), .annotate,
                       "an empty store: annotate")
        let input = directory.write("a.jsonl", #"{"id":"x","text":"Tanks and missiles."}"# + "\n")
        try annotate([input], plugins: [Repository.path("Plugins/defense/defense.lua")], store: storePath)

        let resume = ResumeStage(store: store, plugins: plugins.descriptors, setKey: key, force: false)
        XCTAssertEqual(resume.decide(original), .skip, "every output of this text is stored")
        XCTAssertEqual(resume.decide(rewritten), .replace, "the store holds x with another text")
        XCTAssertEqual(resume.decide(Document(id: "y", text: "Tanks.")), .annotate, "a new id")
        XCTAssertNotNil(resume.completedFile?(input), "the file was completed by these plugins")

        let forced = ResumeStage(store: store, plugins: plugins.descriptors, setKey: key, force: true)
        XCTAssertEqual(forced.decide(original), .annotate, "--force redoes what is stored")
        XCTAssertNil(forced.completedFile, "--force reads every file")

        let withParams = try PluginSet(paths: plugins.descriptors.map(\.path), params: ["defense": ["passage_bytes": .integer(500)]])
        XCTAssertEqual(ResumeStage(store: store, plugins: withParams.descriptors, setKey: key, force: false).decide(original), .annotate,
                       "other params: the stored output is outdated")
    }

    func testARunCountsTheDocumentsItReplaced() throws {
        let directory = TemporaryDirectory()
        let store = directory.file("s.sqlite")
        let plugin = [Repository.path("Plugins/defense/defense.lua")]
        try annotate([directory.write("a.jsonl", #"{"id":"x","text":"Tanks and missiles."}"# + "\n")], plugins: plugin, store: store)
        let second = try annotate([directory.write("b.jsonl", #"{"id":"x","text":"Farmers and tanks."}"# + "\n" + #"{"id":"z","text":"Tanks."}"# + "\n")],
                                  plugins: plugin, store: store)
        XCTAssertEqual(second.documentsAnnotated, 2)
        XCTAssertEqual(second.documentsReplaced, 1, "x had another text; z is new")
        XCTAssertFalse(try exportJSONL(store).contains("missiles"), "the old text and its annotations are gone")
    }
}
