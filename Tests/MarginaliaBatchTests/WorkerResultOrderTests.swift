import Foundation
import Marginalia
import MarginaliaBatch
import MarginaliaTestSupport
import XCTest

/// A worker hands a document's outputs and errors on in the plugins' order (it moves them
/// out of the host's results from the end and puts them back in order).
final class WorkerResultOrderTests: XCTestCase {
    private func plugin(_ directory: TemporaryDirectory, _ name: String, fails: Bool) -> String {
        directory.write("p/\(name).lua", """
            return { name = "\(name)", version = "1", description = "\(fails ? "fails" : "labels")", labels = { "\(name).seen" },
              annotate = function (doc)
                \(fails ? "error('\(name) cannot')" : "doc:label('\(name).seen')")
              end }
            """)
    }

    func testOutputsAndErrorsKeepThePluginsOrder() throws {
        let directory = TemporaryDirectory()
        let input = directory.write("news.jsonl", SyntheticCorpus.jsonl(count: 3))
        let plugins = [("a", true), ("b", false), ("c", true), ("d", false), ("e", true)].map { plugin(directory, $0.0, fails: $0.1) }
        let summary = try annotate([input], plugins: plugins, store: directory.file("s.sqlite"), jobs: 1)
        // Per document, the failures of a, c and e in that order.
        XCTAssertEqual(summary.errors.map { $0.plugin ?? "?" }, Array(repeating: ["a", "c", "e"], count: 3).flatMap { $0 })
        let labels = try exportJSONL(directory.file("s.sqlite")).split(separator: "\n").map { line -> String in
            let object = try? JSONParser.parse(Array(line.utf8))
            return object?.objectValue?["label"]?.stringValue ?? "?"
        }
        XCTAssertEqual(labels.count, 6)
        XCTAssertEqual(Set(labels), ["b.seen", "d.seen"])
    }
}
