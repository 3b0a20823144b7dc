import Foundation
import MarginaliaBatch
import MarginaliaLua
import MarginaliaTestSupport
import XCTest

/// The bundled plugins are the ones the tests know, and each carries examples enough to be a
/// model for researchers: positives, traps (`reject`) and French. That every example passes
/// is `BundledExamplesRunnerTests`' job (it runs them as `marginalia plugins test` does).
final class BundledPluginExampleTests: XCTestCase {
    func testEveryBundledPluginHasPositiveTrapAndFrenchExamples() throws {
        // One folder per plugin (NAME/NAME.lua), beside lib/ with the libraries they use.
        let folders = try FileManager.default.contentsOfDirectory(atPath: Repository.path("Plugins")).filter { !$0.hasPrefix(".") }
        XCTAssertEqual(Set(folders), Set(Repository.bundledPluginNames + ["lib"]))
        XCTAssertEqual(Set(Repository.bundledPlugins), Set(PluginLocator.plugins(inDirectory: Repository.path("Plugins"))))

        let set = try PluginSet(paths: Repository.bundledPlugins)
        for plugin in set.descriptors {
            let examples = plugin.examples
            XCTAssertGreaterThanOrEqual(examples.count, 5, "\(plugin.name): too few examples to show what it does")
            XCTAssertTrue(examples.contains { $0.language == "fr" }, "\(plugin.name) has no French example")
            XCTAssertTrue(examples.contains { !$0.expect.isEmpty || !$0.spans.isEmpty }, "\(plugin.name) has no positive example")
            XCTAssertTrue(examples.contains { !$0.reject.isEmpty }, "\(plugin.name) has no trap (an example with `reject`)")
        }
        XCTAssertGreaterThan(set.descriptors.reduce(0) { $0 + $1.examples.count }, 60)
    }
}
