import Foundation
import MarginaliaBatch
import XCTest

/// Every bundled plugin passes its own examples, run exactly as `marginalia plugins test`
/// runs them (one host with the whole set, so `relations` and `un_votes` see `places`).
/// Each plugin must also carry enough examples to be a model: positives, traps and French.
final class BundledPluginExampleTests: XCTestCase {
    func testEveryExampleOfEveryBundledPluginPasses() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Repository.path("Plugins"))
        XCTAssertEqual(Set(files.filter { $0.hasSuffix(".lua") }), Set(Repository.bundledPluginNames.map { $0 + ".lua" }))

        let set = try PluginSet(paths: Repository.bundledPlugins)
        let results = try PluginExampleRunner(set: set).run()
        for result in results where !result.passed {
            XCTFail("\(result.plugin) example \(result.number) (\(result.example.text.prefix(50))…): "
                    + result.failures.joined(separator: "; "))
        }
        for plugin in set.descriptors {
            let examples = plugin.examples
            XCTAssertGreaterThanOrEqual(examples.count, 5, "\(plugin.name): too few examples to show what it does")
            XCTAssertTrue(examples.contains { $0.language == "fr" }, "\(plugin.name) has no French example")
            XCTAssertTrue(examples.contains { !$0.expect.isEmpty || !$0.spans.isEmpty }, "\(plugin.name) has no positive example")
            XCTAssertTrue(examples.contains { !$0.reject.isEmpty }, "\(plugin.name) has no trap (an example with `reject`)")
        }
        XCTAssertGreaterThan(results.count, 60)
    }
}
