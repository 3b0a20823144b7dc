import Foundation
import Marginalia
import MarginaliaBatch
@testable import MarginaliaPostgreSQL
import MarginaliaTestSupport
import XCTest

/// What `marginalia serve` and `report` read (`BrowsableStore`), run against every backend:
/// the same pages of documents, counts, months, facets and provenance, and full-text search
/// finding the same documents — FTS5 in memory for SQLite, a GIN index in the database for
/// PostgreSQL.
final class BrowsableStoreTests: XCTestCase {
    private let directory = TemporaryDirectory()

    /// The seeds and 120 dated, generated articles in two languages, annotated.
    private func annotated(_ backend: Backends.Backend) throws -> any BrowsableStore {
        let (store, _) = try backend.makeStore()
        let generated = (0..<120).map { index in
            #"{"id":"n\#(index)","date":"2016-\#(String(format: "%02d", index % 12 + 1))-0\#(index % 9 + 1)","#
                + #""lang":"\#(index % 3 == 0 ? "fr" : "en")","text":"\#(SyntheticCorpus.text(index))"}"# + "\n"
        }.joined()
        let inputs = [Repository.path("seeds"), directory.write("in/dated.jsonl", generated)]
        let pipeline = AnnotationPipeline(plugins: try PluginSet(paths: Repository.bundledPlugins), store: store,
                                          options: .init(jobs: 2, batchSize: 16))
        XCTAssertEqual(try pipeline.run(inputs: inputs).documentsAnnotated, 125, backend.name)
        return try XCTUnwrap(store as? any BrowsableStore, backend.name)
    }

    /// Everything a browser reads, printed.
    private func browsed(_ store: any BrowsableStore) throws -> String {
        var out = ""
        for labels in ["topic:", "defense.term", "un.vote", "no.such"] {
            var query = AnnotationQuery()
            query.labels = LabelSelector(labels)
            out += "\(labels): \(try store.documentCount(matching: query)) \(try store.documentIDs(matching: query, offset: 3, limit: 7))\n"
            query.language = "fr"
            query.dateFrom = "2016-03-01"
            out += "  fr from March: \(try store.documentCount(matching: query)) \(try store.documentIDs(matching: query, offset: 0, limit: 50))\n"
        }
        out += try store.monthlyCounts().map { "\($0.month) \($0.label) \($0.count)" }.joined(separator: "\n") + "\n"
        let facets = try store.documentFacets()
        out += "\(facets.languages) \(facets.sources.map { ($0.value as NSString).lastPathComponent + " \($0.count)" }) \(facets.undated)\n"
        for id in ["n5", "000_fac921506216631c"] {
            out += try store.outputRuns(documentID: id).map { "\($0.plugin) run \($0.runID) params \($0.paramsSHA256)" }.joined(separator: "\n") + "\n"
        }
        return out
    }

    /// The searches, as total and sorted ids (the backends rank differently: bm25, ts_rank).
    private static let searches = ["tanks", "\"security council\"", "\"council security\"", "council security", "arm*", "tanks NOT drought", "maize OR riz",
                                   "(maize OR riz) AND farmers", "drought harvest", "\"the resolution\" OR bridge NOT tuesday"]

    private func searched(_ store: any BrowsableStore) throws -> String {
        let index = store.makeSearchIndex()
        var out = ""
        for text in Self.searches {
            var search = DocumentSearch(text: text)
            search.limit = 1000
            let everything = try index.search(search)
            out += "\(text): \(everything.total) \(everything.hits.map(\.documentID).sorted())\n"
            search.language = "fr"
            search.dateFrom = "2016-06-01"
            search.documentIDs = ["n3", "n9", "n15", "n21", "n33", "n45", "n57", "n69", "n81", "n93"]
            out += "  filtered: \(try index.search(search).hits.map(\.documentID).sorted())\n"
        }
        return out
    }

    func testEveryBackendBrowsesAndSearchesAlike() throws {
        var results: [(name: String, browsed: String, searched: String)] = []
        for backend in try Backends.all(in: directory.path) {
            let store = try annotated(backend)
            results.append((backend.name, try browsed(store), try searched(store)))
        }
        XCTAssertTrue(results[0].browsed.contains("2016-03 defense.term"), results[0].browsed)
        for expected in ["tanks: 101 ", "\"security council\": 100 ", "\"council security\": 0 ", "council security: 100 ", "arm*: 123 "] {
            XCTAssertTrue(results[0].searched.contains(expected), "\(expected) in \(results[0].searched)")
        }
        for other in results.dropFirst() {
            XCTAssertEqual(other.browsed, results[0].browsed, "\(other.name) browses differently from \(results[0].name)")
            XCTAssertEqual(other.searched, results[0].searched, "\(other.name) finds other documents than \(results[0].name)")
        }
    }

    func testASearchHasAMarkedSnippetAndABadQueryIsASearchErrorInEveryBackend() throws {
        for backend in try Backends.all(in: directory.path) {
            let index = try annotated(backend).makeSearchIndex()
            var search = DocumentSearch(text: "\"security council\"")
            search.limit = 1
            let hit = try XCTUnwrap(index.search(search).hits.first, backend.name)
            XCTAssertTrue(hit.snippet.contains("\u{1}Security Council\u{2}"), "\(backend.name): \(hit.snippet)")
            for bad in ["\"unbalanced", "AND", "tanks NOT", "(tanks", "tanks)", "*"] {
                XCTAssertThrowsError(try index.search(DocumentSearch(text: bad)), "\(backend.name): \(bad)") { error in
                    XCTAssertTrue(error is SearchError, "\(backend.name): \(bad): \(error)")
                }
            }
        }
    }

    func testPostgreSQLSearchesThroughAGINIndexItBuildsOnce() throws {
        guard let backend = try Backends.all(in: directory.path).first(where: { $0.name == "postgresql" }) else { return }
        let store = try XCTUnwrap(try annotated(backend) as? PostgreSQLAnnotationStore)
        let indexed = "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'documents_search'"
        XCTAssertEqual(try store.rows(indexed).count, 0, "no index before the first search")
        XCTAssertEqual(try store.makeSearchIndex().search(DocumentSearch(text: "tanks")).total, 101)
        XCTAssertEqual(try store.rows(indexed).first?[0], "t", "a valid index after it")
        // The planner uses it once sequential scans are off (the table is small).
        let plan = try store.guarded {
            try store.pool.with { connection -> String in
                try connection.query("SET enable_seqscan = off")
                defer { _ = try? connection.query("RESET enable_seqscan") }
                return try connection.query("EXPLAIN SELECT id FROM documents WHERE \(PostgreSQLTextSearch.vector) @@ plainto_tsquery('simple', 'tanks')")
                    .compactMap { $0[0] }.joined(separator: "\n")
            }
        }
        XCTAssertTrue(plan.contains("documents_search"), plan)
        // A second index (a second `serve`) finds it and builds nothing.
        try store.makeSearchIndex().prepare()
        XCTAssertEqual(try store.rows(indexed).count, 1)
    }
}
