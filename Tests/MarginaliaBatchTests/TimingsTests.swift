import Foundation
import Marginalia
import MarginaliaBatch
import MarginaliaTestSupport
import XCTest

/// `annotate --timings`: CPU seconds per stage and plugin, with each plugin's documents and
/// annotations, stored with the run.
final class TimingsTests: XCTestCase {
    /// A plugin that burns CPU in Lua on every document, so that its share must dominate.
    private func busyPlugin(_ directory: TemporaryDirectory) -> String {
        directory.write("plugins/busy.lua", """
            return {
              name = "busy", version = "1.0", description = "spins", labels = { "busy:done" },
              annotate = function (doc)
                local x = 0
                for i = 1, 200000 do x = x + i % 7 end
                doc:label("busy:done", 1, { x = x })
              end,
            }
            """)
    }

    func testEveryStageIsMeasuredAndTheBusyPluginCostsMostAndTheRunKeepsThem() throws {
        let directory = TemporaryDirectory()
        let input = directory.write("corpus/news.jsonl", SyntheticCorpus.jsonl(count: 30))
        let storePath = directory.file("s.sqlite")
        let plugins = try PluginSet(paths: [busyPlugin(directory), Repository.path("Plugins/defense/defense.lua")])
        let store = try SQLiteAnnotationStore(path: storePath)
        let summary = try AnnotationPipeline(plugins: plugins, store: store, options: .init(jobs: 2, measuresTimings: true))
            .run(inputs: [input])
        let timings = try XCTUnwrap(summary.timings)
        XCTAssertEqual(timings.stages.map(\.name), ["read", "document", "worker", "plugin:busy", "plugin:defense", "write", "checkpoint"])
        XCTAssertGreaterThan(timings.stage("checkpoint")!.cpuSeconds, 0, "the SQLite store's checkpoint thread")
        XCTAssertEqual(timings.stage("document")?.documents, 30, "each document is made (hashed, its language guessed) in a worker")
        let busy = try XCTUnwrap(timings.stage("plugin:busy"))
        XCTAssertEqual(busy.documents, 30)
        XCTAssertEqual(busy.annotations, 30)
        let defense = try XCTUnwrap(timings.stage("plugin:defense"))
        XCTAssertEqual(defense.documents, 30)
        XCTAssertEqual(busy.annotations! + defense.annotations!, summary.annotations)
        XCTAssertEqual(timings.stage("write")?.annotations, summary.annotations)
        XCTAssertGreaterThan(busy.cpuSeconds, defense.cpuSeconds, "30 × 200,000 Lua iterations against a lexicon scan")
        XCTAssertGreaterThan(busy.cpuSeconds, 0.5 * timings.stagesCPUSeconds, "\(timings.stages)")
        for stage in timings.stages { XCTAssertGreaterThanOrEqual(stage.cpuSeconds, 0, stage.name) }
        XCTAssertGreaterThan(timings.stage("write")!.cpuSeconds, 0)
        XCTAssertGreaterThan(timings.stage("read")!.cpuSeconds, 0)
        XCTAssertGreaterThanOrEqual(timings.processCPUSeconds, timings.stagesCPUSeconds * 0.95)

        let stored = try XCTUnwrap(try SQLiteAnnotationStore(path: storePath).run(id: summary.runID)?.timings)
        XCTAssertEqual(stored.stages.map(\.name), timings.stages.map(\.name))
        XCTAssertEqual(stored.stage("plugin:busy")?.documents, 30)
        XCTAssertEqual(stored.stage("plugin:busy")!.cpuSeconds, busy.cpuSeconds, accuracy: 1e-9)
    }

    func testWithOneWorkerTheReaderMakesTheDocumentsAndTheyAreTheSame() throws {
        // --jobs 1: the reader makes each document ahead (its hash, language guess and NFD
        // scan), charged to `document`; the documents stored are those two workers make.
        let directory = TemporaryDirectory()
        let input = directory.write("corpus/news.jsonl", SyntheticCorpus.jsonl(count: 300))
        let plugins = try PluginSet(paths: [Repository.path("Plugins/defense/defense.lua")])
        var exports: [String] = []
        for jobs in [1, 2] {
            let storePath = directory.file("s\(jobs).sqlite")
            let summary = try AnnotationPipeline(plugins: plugins, store: try SQLiteAnnotationStore(path: storePath),
                                                 options: .init(jobs: jobs, measuresTimings: true)).run(inputs: [input])
            let timings = try XCTUnwrap(summary.timings)
            XCTAssertEqual(timings.stage("document")?.documents, 300)
            XCTAssertGreaterThan(timings.stage("document")!.cpuSeconds, 0, "jobs \(jobs): \(timings.stages)")
            XCTAssertGreaterThan(timings.stage("read")!.cpuSeconds, 0, "jobs \(jobs)")
            let store = try SQLiteAnnotationStore(path: storePath)
            let documents = try (0..<300).map { try XCTUnwrap(store.document(id: "n\($0)")) }
            exports.append(documents.map { "\($0.id) \($0.textSHA256) \($0.metadata)" }.joined(separator: "\n"))
        }
        XCTAssertEqual(exports[0], exports[1])
    }

    func testARunWithoutTimingsStoresNone() throws {
        let directory = TemporaryDirectory()
        let input = directory.write("corpus/news.jsonl", SyntheticCorpus.jsonl(count: 3))
        let storePath = directory.file("s.sqlite")
        let summary = try annotate([input], plugins: [Repository.path("Plugins/defense/defense.lua")], store: storePath)
        XCTAssertNil(summary.timings)
        XCTAssertNil(try SQLiteAnnotationStore(path: storePath).run(id: summary.runID)?.timings)
    }

    func testTimingsSurviveTheirJSONForm() throws {
        var timings = RunTimings(wallSeconds: 1.5, processCPUSeconds: 2.25)
        timings.stages = [.init(name: "read", cpuSeconds: 0.125, documents: 10),
                          .init(name: "plugin:x", cpuSeconds: 1, documents: 10, annotations: 40)]
        let text = timings.json.serialized()
        XCTAssertEqual(RunTimings(json: try JSONParser.parse(Array(text.utf8))), timings)
        XCTAssertNil(RunTimings(json: .object(["stages": .array([])])), "no wall or process time: not timings")
    }
}
