import Foundation
import Marginalia
import MarginaliaLua
import XCTest

/// Runs every example of every bundled plugin, as `marginalia plugins test` will: each
/// example's `expect` labels must be emitted by the plugin, its `reject` labels must not,
/// and each of its `spans` must be a span of that label covering exactly that text.
/// A plugin that `requires` others runs after them in the same host, as in a batch.
final class BundledPluginExampleTests: XCTestCase {
    func testEveryExampleOfEveryBundledPlugin() throws {
        let folder = Repository.path("Plugins")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".lua") }.map { String($0.dropLast(4)) }.sorted()
        XCTAssertEqual(Set(names), Set(Repository.bundledPluginNames))
        var checked = 0
        for name in names {
            let host = try PluginHost()
            host.onLog = { _, _ in }
            let probe = try PluginHost()
            let plugin = try probe.load(path: Repository.path("Plugins/\(name).lua"))
            for required in plugin.requires { try host.load(path: Repository.path("Plugins/\(required).lua")) }
            try host.load(path: plugin.path)
            XCTAssertFalse(plugin.examples.isEmpty, "\(name) has no examples")
            for (index, example) in plugin.examples.enumerated() {
                let where_ = "\(name) example \(index + 1) (\(example.text.prefix(50))…)"
                let document = Document(id: "example-\(index + 1)", text: example.text,
                                        metadata: DocumentMetadata(language: example.language))
                let results = host.annotate(document)
                var annotations: [Annotation] = []
                for result in results {
                    switch result {
                    case .success(let output): if output.plugin.name == name { annotations = output.annotations }
                    case .failure(let error): XCTFail("\(where_): \(error)")
                    }
                }
                let labels = Set(annotations.map(\.label))
                for label in example.expect {
                    XCTAssertTrue(labels.contains(label), "\(where_): expected \(label), got \(labels.sorted())")
                }
                for label in example.reject {
                    XCTAssertFalse(labels.contains(label), "\(where_): \(label) should not be emitted")
                }
                let utf8 = Array(example.text.utf8)
                let covered = Set(annotations.compactMap { annotation in
                    annotation.span.map { annotation.label + "\t" + String(decoding: utf8[$0.byteStart..<$0.byteEnd], as: UTF8.self) }
                })
                for span in example.spans {
                    XCTAssertTrue(covered.contains(span.label + "\t" + span.text),
                                  "\(where_): expected a \(span.label) span over '\(span.text)'")
                }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 50)
    }
}
