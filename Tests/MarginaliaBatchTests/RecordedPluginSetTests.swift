import Foundation
import Marginalia
import MarginaliaBatch
import MarginaliaLua
import MarginaliaTestSupport
import XCTest

/// A resumed run whose inputs are all complete knows its plugins from the store
/// (``RecordedPluginSet``) and runs no script; any change to what the plugins would load,
/// or an input not complete, loads them as usual.
final class RecordedPluginSetTests: XCTestCase {
    /// A copy of the bundled plugins (lexicons and the topic library included) and a corpus.
    private struct Fixture {
        let directory = TemporaryDirectory()
        let plugins: String
        let input: String
        let store: String

        init() throws {
            plugins = directory.file("Plugins")
            try FileManager.default.copyItem(atPath: Repository.path("Plugins"), toPath: plugins)
            input = directory.write("news.jsonl", SyntheticCorpus.jsonl(count: 12))
            store = directory.file("s.sqlite")
        }

        /// What `annotate --plugins FOLDER [--param …]` selects.
        func selection(params: [String] = []) -> PluginSelection {
            PluginSelection(found: PluginLocator(explicit: [plugins]).locate().plugins.map { ($0.name, $0.path) }, only: nil,
                            paramAssignments: params, projectFile: directory.file("marginalia.toml"), libraryPath: [],
                            limits: SandboxLimits())
        }

        /// The plugins loaded as `annotate` loads them when nothing is recorded.
        func loaded(params: [String: [String: JSONValue]] = [:]) throws -> PluginSet {
            let set = try PluginSet(paths: PluginLocator(explicit: [plugins]).locate().plugins.map(\.path), libraryPath: [])
            return params.isEmpty ? set : try set.applying(params: params)
        }

        /// The recorded set for this selection and inputs, or nil (the plugins must be loaded).
        func recorded(params: [String] = [], inputs: [String]? = nil) throws -> PluginSet? {
            RecordedPluginSet.resumable(selection: selection(params: params), store: try SQLiteAnnotationStore(path: store),
                                        inputs: inputs ?? [input], options: .init(jobs: 2), digests: InputDigests())
        }

        /// A run as `annotate` makes it: the recorded set when it serves, else the plugins
        /// loaded and recorded. Returns the summary and whether the recorded set served.
        @discardableResult
        func run(params: [String] = [], overrides: [String: [String: JSONValue]] = [:], inputs: [String]? = nil) throws -> (summary: BatchSummary, recorded: Bool) {
            let store = try SQLiteAnnotationStore(path: self.store)
            let set: PluginSet
            let recorded = try self.recorded(params: params, inputs: inputs)
            if let recorded {
                set = recorded
            } else {
                set = try loaded(params: overrides)
                try RecordedPluginSet.record(set, selection: selection(params: params), in: store)
            }
            let summary = try AnnotationPipeline(plugins: set, store: store, options: .init(jobs: 2)).run(inputs: inputs ?? [input])
            return (summary, recorded != nil)
        }
    }

    func testAResumeOverCompleteInputsRunsNoScriptAndRecordsTheSameRun() throws {
        let fixture = try Fixture()
        let first = try fixture.run()
        XCTAssertFalse(first.recorded)
        XCTAssertEqual(first.summary.documentsAnnotated, 12)
        let export = try exportJSONL(fixture.store)

        let scriptsBefore = PluginHost.scriptRuns
        let again = try fixture.run()
        XCTAssertEqual(PluginHost.scriptRuns, scriptsBefore, "no plugin script ran")
        XCTAssertTrue(again.recorded)
        XCTAssertEqual(again.summary.filesSkipped, 1)
        XCTAssertEqual(again.summary.documentsSkipped, 12)
        XCTAssertEqual(again.summary.documentsAnnotated, 0)
        XCTAssertEqual(try exportJSONL(fixture.store), export)

        // The recorded descriptors are those loading gives (identity, params, paths, files…),
        // so the run row is the same.
        let recorded = try XCTUnwrap(try fixture.recorded())
        XCTAssertEqual(recorded.descriptors, try fixture.loaded().descriptors)
        let runs = try SQLiteAnnotationStore(path: fixture.store).runs()
        XCTAssertEqual(runs.count, 2)
        XCTAssertEqual(runs[1].plugins, runs[0].plugins)
        XCTAssertEqual(runs[1].pluginPaths, runs[0].pluginPaths)
        XCTAssertEqual(runs[1].inputs, runs[0].inputs)
        XCTAssertEqual(runs[1].settings, runs[0].settings)
        // Should a worker need the plugins after all, it loads the recorded files.
        XCTAssertEqual(try recorded.makeHost().descriptors, recorded.descriptors)
    }

    func testAnEditedLexiconOrScriptLoadsThePlugins() throws {
        let fixture = try Fixture()
        try fixture.run()
        XCTAssertNotNil(try fixture.recorded())
        let lexicon = fixture.directory.file("Plugins/defense/lexicons/defense.en.txt")
        XCTAssertTrue(FileManager.default.fileExists(atPath: lexicon))
        try (try String(contentsOfFile: lexicon, encoding: .utf8) + "\nquartermaster\n").write(toFile: lexicon, atomically: true, encoding: .utf8)
        XCTAssertNil(try fixture.recorded(), "a lexicon the script read changed")
        let afterLexicon = try fixture.run()
        XCTAssertFalse(afterLexicon.recorded)
        XCTAssertEqual(afterLexicon.summary.documentsAnnotated, 12, "a new defense identity: its outputs are redone")
        XCTAssertNotNil(try fixture.recorded(), "recorded anew")

        let script = fixture.directory.file("Plugins/trade/trade.lua")
        try (try String(contentsOfFile: script, encoding: .utf8) + "\n-- edited\n").write(toFile: script, atomically: true, encoding: .utf8)
        XCTAssertNil(try fixture.recorded(), "a script changed")
        XCTAssertEqual(try fixture.run().summary.documentsAnnotated, 12)

        let library = fixture.directory.file("Plugins/lib/topic/topic.lua")
        try (try String(contentsOfFile: library, encoding: .utf8) + "\n-- edited\n").write(toFile: library, atomically: true, encoding: .utf8)
        XCTAssertNil(try fixture.recorded(), "a library the plugins use changed")
        try fixture.run()
        XCTAssertNotNil(try fixture.recorded())
    }

    func testALibraryShadowingTheUsedOneLoadsThePlugins() throws {
        let fixture = try Fixture()
        try fixture.run()
        // defense looks for the topic library beside itself before Plugins/lib.
        try FileManager.default.createDirectory(atPath: fixture.directory.file("Plugins/defense/lib/topic"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixture.directory.file("Plugins/lib/topic/topic.lua"),
                                         toPath: fixture.directory.file("Plugins/defense/lib/topic/topic.lua"))
        XCTAssertNil(try fixture.recorded(), "marginalia.use would now find another file")
    }

    func testANewPluginOrAnotherParameterIsAnotherSelection() throws {
        let fixture = try Fixture()
        try fixture.run()
        XCTAssertNotNil(try fixture.recorded())
        XCTAssertNil(try fixture.recorded(params: ["defense.min_hits=1"]), "another parameter")
        let withParam = try fixture.run(params: ["defense.min_hits=1"], overrides: ["defense": ["min_hits": .integer(1)]])
        XCTAssertFalse(withParam.recorded)
        XCTAssertEqual(withParam.summary.documentsAnnotated, 12)
        let recorded = try XCTUnwrap(try fixture.recorded(params: ["defense.min_hits=1"]))
        XCTAssertEqual(recorded.descriptors.first { $0.name == "defense" }?.params["min_hits"], .integer(1))
        XCTAssertEqual(recorded.params["defense"], ["min_hits": .integer(1)])

        fixture.directory.write("Plugins/extra/extra.lua", """
            return { name = "extra", version = "1", description = "labels everything", labels = { "seen" },
              annotate = function (doc) doc:label("seen") end }
            """)
        XCTAssertNil(try fixture.recorded(), "another plugin on the search path")
        let withExtra = try fixture.run()
        XCTAssertFalse(withExtra.recorded)
        XCTAssertEqual(withExtra.summary.documentsAnnotated, 12, "extra annotates every document")
    }

    func testAnInputNotCompleteLoadsThePlugins() throws {
        let fixture = try Fixture()
        try fixture.run()
        let other = fixture.directory.write("more.jsonl", SyntheticCorpus.jsonl(count: 3, from: 12))
        XCTAssertNil(try fixture.recorded(inputs: [fixture.input, other]), "more.jsonl was never annotated")
        XCTAssertNil(try fixture.recorded(inputs: ["-"]), "standard input is never known complete")
        XCTAssertNotNil(try fixture.recorded(inputs: [fixture.input]))
        XCTAssertNil(RecordedPluginSet.resumable(selection: fixture.selection(), store: try SQLiteAnnotationStore(path: fixture.store),
                                                 inputs: [fixture.input], options: .init(jobs: 2, force: true)), "--force")
    }

    func testARecordedDescriptorReadsBackWithItsNumbersExact() throws {
        let fixture = try Fixture()
        let set = try fixture.loaded()
        for descriptor in set.descriptors {
            XCTAssertEqual(try PluginDescriptor(recorded: descriptor.recorded), descriptor)
        }
        var descriptor = try XCTUnwrap(set.descriptors.first)
        descriptor.params = ["ratio": .number(1), "count": .integer(1), "nested": ["x": .number(0.5), "list": [.number(2), .integer(2)]]]
        let text = descriptor.recorded.serialized()
        XCTAssertEqual(try PluginDescriptor(recorded: try JSONParser.parse(Array(text.utf8))), descriptor)
    }
}
