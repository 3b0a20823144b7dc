import Foundation
import Marginalia
import MarginaliaBatch
import MarginaliaPostgreSQL
import MarginaliaTestSupport
import XCTest

/// The store's behaviour, run against every backend: the same corpus and plugins must give
/// byte-identical exports (JSONL with and without documents, W3C, CSV), the same queries,
/// counts, errors and resume decisions, from SQLite and from PostgreSQL.
final class StoreBackendTests: XCTestCase {
    private let directory = TemporaryDirectory()

    /// The seed articles and 120 generated ones (with a malformed line).
    private func corpus() -> [String] {
        let generated = SyntheticCorpus.jsonl(count: 60) + "{\"id\": \"broken\"\n" + SyntheticCorpus.jsonl(count: 60, from: 60)
        return [Repository.path("seeds"), directory.write("in/generated.jsonl", generated)]
    }

    @discardableResult
    private static func annotate(_ store: any AnnotationStore, _ inputs: [String], plugins: [String] = Repository.bundledPlugins,
                                 shard: CorpusShard = .whole) throws -> BatchSummary {
        let pipeline = AnnotationPipeline(plugins: try PluginSet(paths: plugins), store: store,
                                          options: .init(jobs: 2, batchSize: 16, shard: shard))
        return try pipeline.run(inputs: inputs)
    }

    /// Every export format of a store, as one string.
    private func exports(_ store: any AnnotationStore) throws -> String {
        var out = ""
        try JSONLExporter.export(from: store) { out += $0 }
        out += "\n--with-documents\n"
        try JSONLExporter.export(from: store, withDocuments: true) { out += $0 }
        out += "\n--w3c\n"
        try W3CExporter.export(from: store) { out += $0 }
        out += "\n--csv\n"
        try CSVExporter.export(from: store) { out += $0 }
        return out
    }

    func testTheSameCorpusGivesByteIdenticalExportsQueriesAndErrorsFromEveryBackend() throws {
        let backends = try Backends.all(in: directory.path)
        var results: [(name: String, exports: String, answers: String)] = []
        for backend in backends {
            let (store, _) = try backend.makeStore()
            let first = try Self.annotate(store, corpus())
            XCTAssertEqual(first.documentsAnnotated, 125, backend.name)
            XCTAssertEqual(first.errors.count, 1, backend.name)
            // Resume: nothing is annotated twice.
            let again = try Self.annotate(store, corpus())
            XCTAssertEqual(again.documentsAnnotated, 0, backend.name)
            results.append((backend.name, try exports(store), try answers(store)))
        }
        XCTAssertGreaterThan(results[0].exports.count, 100_000)
        for other in results.dropFirst() {
            XCTAssertTrue(other.exports == results[0].exports, "\(other.name) exports differ from \(results[0].name)")
            XCTAssertEqual(other.answers, results[0].answers, "\(other.name) answers differently from \(results[0].name)")
        }
    }

    /// Queries, counts, layers, documents, errors and runs, printed.
    private func answers(_ store: any AnnotationStore) throws -> String {
        var out = ""
        var queries: [AnnotationQuery] = []
        var query = AnnotationQuery()
        query.labels = LabelSelector("topic:")
        queries.append(query)
        query = AnnotationQuery()
        query.plugin = "places"
        query.minimumScore = 0.5
        query.limit = 25
        queries.append(query)
        query = AnnotationQuery()
        query.language = "fr"
        query.textContains = "ARM"
        queries.append(query)
        query = AnnotationQuery()
        query.documentID = "n7"
        queries.append(query)
        for query in queries {
            out += "\(query)\n"
            out += try store.annotations(matching: query).map(describe).joined(separator: "\n") + "\n"
            out += try store.countAnnotations(matching: query).map { "\($0)" }.joined(separator: "\n") + "\n"
        }
        out += "\(try store.layers())\n\(try store.documentCount())\n\(try store.documentIDs())\n"
        out += "\(try store.recordedErrors(runID: nil))\n\(try store.errors(runID: 1))\n"
        out += (try store.document(id: "n3").map(JSONLExporter.documentLine(for:)) ?? "nil") + "\n"
        out += try store.annotations(documentID: "n3").map(describe).joined(separator: "\n") + "\n"
        let run = try store.run(id: 1)
        out += "\(run?.status ?? "") \(run?.counts.documents ?? -1) \(run?.plugins ?? []) \(run?.inputs ?? [])\n"
        out += "\(try store.latestRunID() ?? -1)\n"
        return out
    }

    /// An annotation in one line, its features serialized (a dictionary's description is in no fixed order).
    private func describe(_ annotation: Annotation) -> String {
        "\(annotation.documentID) \(annotation.label) \(annotation.span.map { "\($0)" } ?? "-") \(annotation.score) "
            + "\(annotation.features.serialized()) \(annotation.plugin)"
    }

    func testAChangedTextReplacesItsAnnotationsInEveryBackend() throws {
        for backend in try Backends.all(in: directory.path) {
            let (store, _) = try backend.makeStore()
            try Self.annotate(store, [directory.write("a/one.jsonl", #"{"id":"x","text":"The army bought tanks and missiles."}"#)])
            try Self.annotate(store, [directory.write("b/one.jsonl", #"{"id":"x","text":"Farmers fear the drought will ruin the maize harvest."}"#)])
            let labels = Set(try store.annotations(documentID: "x").map(\.label))
            XCTAssertFalse(labels.contains("defense.term"), "\(backend.name): \(labels)")
            XCTAssertTrue(labels.contains("agriculture.term"), "\(backend.name): \(labels)")
            XCTAssertEqual(try store.document(id: "x")?.text, "Farmers fear the drought will ruin the maize harvest.")
        }
    }

    func testStoresCopyIntoEachOtherBothWays() throws {
        let backends = try Backends.all(in: directory.path)
        let (source, _) = try backends[0].makeStore()
        try Self.annotate(source, corpus())
        let expected = try exports(source)
        for backend in backends {
            let (target, _) = try backend.makeStore()
            let summary = try StoreImporter.importStore(source, named: "source", into: target)
            XCTAssertEqual(summary.documents, 125)
            XCTAssertEqual(summary.errors, 1)
            XCTAssertTrue(try exports(target) == expected, "\(backend.name): the copy exports differently")
            // And back into a new SQLite store.
            let (back, _) = try backends[0].makeStore()
            _ = try StoreImporter.importStore(target, named: backend.name, into: back)
            XCTAssertTrue(try exports(back) == expected, "\(backend.name): the copy of the copy exports differently")
            let twice = try StoreImporter.importStore(source, named: "source", into: target)
            XCTAssertEqual(twice.outputs, 0, backend.name)
            XCTAssertEqual(twice.errors, 0, backend.name)
        }
    }

    func testFourShardsWritingIntoOnePostgreSQLStoreAtOnceEqualOneRun() throws {
        _ = try Backends.requireServer()
        let single = try SQLiteAnnotationStore(path: directory.file("single.sqlite"))
        let inputs = [directory.write("in/big.jsonl", SyntheticCorpus.jsonl(count: 400))]
        try Self.annotate(single, inputs)
        let shared = try PostgreSQLAnnotationStore(url: try Backends.makeDatabase() + "?password=\(Backends.server!.password)")
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 4) { index in
            outcomes.add(Result { try Self.annotate(shared, inputs, shard: try CorpusShard(index: index, count: 4)).documentsAnnotated })
        }
        let done = try outcomes.all.map { try $0.get() }
        XCTAssertEqual(done.reduce(0, +), 400)
        XCTAssertTrue(done.allSatisfy { $0 > 50 }, "\(done)")
        XCTAssertTrue(try exports(shared) == exports(single), "four concurrent shards export differently from one run")
    }
}

/// Results gathered from concurrent threads.
private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Int, Error>] = []
    func add(_ result: Result<Int, Error>) { lock.withLock { results.append(result) } }
    var all: [Result<Int, Error>] { lock.withLock { results } }
}
