import Foundation
import Marginalia
import MarginaliaBatch
import MarginaliaTestSupport
import XCTest

/// Resume: documents (and whole files) already annotated by the same plugins are skipped;
/// anything that changes the text, the script or the params is redone.
final class ResumeTests: XCTestCase {
    private func corpus(_ directory: TemporaryDirectory, count: Int = 40) -> String {
        directory.write("corpus/news.jsonl", SyntheticCorpus.jsonl(count: count))
    }

    func testASecondRunSkipsTheCompletedFileWholeAndTheExportIsUnchanged() throws {
        let directory = TemporaryDirectory()
        let store = directory.file("s.sqlite")
        let input = corpus(directory)
        let first = try annotate([input], plugins: Repository.bundledPlugins, store: store)
        XCTAssertEqual(first.documentsAnnotated, 40)
        let export = try exportJSONL(store)
        XCTAssertFalse(export.isEmpty)
        let again = try annotate([input], plugins: Repository.bundledPlugins, store: store)
        XCTAssertEqual(again.filesSkipped, 1)
        XCTAssertEqual(again.documentsSkipped, 40)
        XCTAssertEqual(again.documentsAnnotated, 0)
        XCTAssertEqual(try exportJSONL(store), export)
        let forced = try annotate([input], plugins: Repository.bundledPlugins, store: store, force: true)
        XCTAssertEqual(forced.filesSkipped, 0)
        XCTAssertEqual(forced.documentsAnnotated, 40)
        XCTAssertEqual(try exportJSONL(store), export, "--force replaces, never duplicates")
    }

    func testAGrownFileIsResumedDocumentByDocument() throws {
        let directory = TemporaryDirectory()
        let store = directory.file("s.sqlite")
        let input = corpus(directory, count: 30)
        try annotate([input], plugins: Repository.bundledPlugins, store: store)
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: input))
        handle.seekToEndOfFile()
        handle.write(Data(SyntheticCorpus.jsonl(count: 5, from: 30).utf8))
        try handle.close()
        let resumed = try annotate([input], plugins: Repository.bundledPlugins, store: store)
        XCTAssertEqual(resumed.filesSkipped, 0, "the content changed")
        XCTAssertEqual(resumed.documentsSkipped, 30)
        XCTAssertEqual(resumed.documentsAnnotated, 5)
    }

    func testChangedParamsOrScriptRedoTheDocuments() throws {
        let directory = TemporaryDirectory()
        let store = directory.file("s.sqlite")
        let input = corpus(directory, count: 10)
        let defense = Repository.path("Plugins/defense/defense.lua")
        try annotate([input], plugins: [defense], store: store)
        let changedParams = try PluginSet(paths: [defense], params: ["defense": ["min_hits": .integer(1)]])
        let redone = try AnnotationPipeline(plugins: changedParams, store: try SQLiteAnnotationStore(path: store),
                                            options: .init(jobs: 2)).run(inputs: [input])
        XCTAssertEqual(redone.documentsAnnotated, 10)
        XCTAssertEqual(redone.filesSkipped, 0)

        // A copy of the plugins folder (lexicons and the topic library included) with defense.lua edited.
        try FileManager.default.copyItem(atPath: Repository.path("Plugins"), toPath: directory.file("edited"))
        let copy = directory.write("edited/defense/defense.lua", try String(contentsOfFile: defense, encoding: .utf8) + "\n-- edited\n")
        let edited = try annotate([input], plugins: [copy], store: store)
        XCTAssertEqual(edited.documentsAnnotated, 10, "a new script hash is a new plugin output")
    }

    func testAFileWithAPluginErrorIsNotMarkedCompleteSoTheFailedDocumentIsRetried() throws {
        let directory = TemporaryDirectory()
        let store = directory.file("s.sqlite")
        let input = directory.write("news.jsonl", SyntheticCorpus.jsonl(count: 6))
        let plugin = directory.write("p/flaky.lua", """
            return { name = "flaky", version = "1", description = "fails on n3", labels = { "seen" },
              annotate = function (doc)
                if doc.id == "n3" then error("cannot handle " .. doc.id) end
                doc:label("seen")
              end }
            """)
        let first = try annotate([input], plugins: [plugin], store: store)
        XCTAssertEqual(first.errors.map(\.documentID), ["n3"])
        XCTAssertEqual(first.errors.first?.line, 3)
        XCTAssertFalse(first.succeeded)
        let second = try annotate([input], plugins: [plugin], store: store)
        XCTAssertEqual(second.filesSkipped, 0)
        XCTAssertEqual(second.documentsSkipped, 5)
        XCTAssertEqual(second.documentsAnnotated, 1, "only the failed document is tried again")
    }

    func testUnreadableLinesDoNotPreventSkippingTheFileButAreStillReported() throws {
        let directory = TemporaryDirectory()
        let store = directory.file("s.sqlite")
        let input = directory.write("news.jsonl", SyntheticCorpus.jsonl(count: 4) + "{oops\n")
        let first = try annotate([input], plugins: Repository.bundledPlugins, store: store)
        XCTAssertEqual(first.errors.map(\.source), ["\(input):5"])
        let second = try annotate([input], plugins: Repository.bundledPlugins, store: store)
        XCTAssertEqual(second.filesSkipped, 1)
        XCTAssertEqual(second.knownErrorsInSkippedFiles, 1)
        XCTAssertFalse(second.succeeded, "the job still has a failure")
    }

    func testReplacingADocumentTextForgetsCompletedFiles() throws {
        let directory = TemporaryDirectory()
        let store = directory.file("s.sqlite")
        let input = directory.write("a.jsonl", #"{"id":"x","text":"Tanks and missiles."}"# + "\n")
        let other = directory.write("b.jsonl", #"{"id":"x","text":"Farmers and the harvest."}"# + "\n")
        try annotate([input], plugins: Repository.bundledPlugins, store: store)
        try annotate([other], plugins: Repository.bundledPlugins, store: store)
        let back = try annotate([input], plugins: Repository.bundledPlugins, store: store)
        XCTAssertEqual(back.filesSkipped, 0, "document x now holds b's text")
        XCTAssertEqual(back.documentsAnnotated, 1)
        XCTAssertTrue(try exportJSONL(store).contains("Tanks"))
    }
}
