import Foundation
import MarginaliaBatch
import MarginaliaLua
import MarginaliaTestSupport
import XCTest

/// `marginalia plugins test` over every bundled plugin: all examples pass, and every plugin
/// has some (they are the plugins' tests).
final class BundledExamplesRunnerTests: XCTestCase {
    func testEveryBundledPluginPassesItsExamples() throws {
        let paths = PluginLocator.plugins(inDirectory: Repository.path("Plugins"))
        XCTAssertGreaterThanOrEqual(paths.count, 3)
        let set = try PluginSet(paths: paths)
        let results = try PluginExampleRunner(set: set).run()
        for plugin in set.descriptors {
            XCTAssertFalse(results.filter { $0.plugin == plugin.name }.isEmpty, "\(plugin.name) has no examples")
        }
        for result in results where !result.passed {
            XCTFail("\(result.plugin) example \(result.number) (\(result.example.text.prefix(60))…): \(result.failures.joined(separator: "; "))")
        }
    }

    /// The runner itself catches each kind of mismatch (so a green run above means something).
    func testTheRunnerReportsMissingRejectedAndSpanMismatches() throws {
        let folder = TemporaryDirectory()
        let path = folder.write("probe.lua", """
            return { name = "probe", version = "1", description = "d", labels = { "topic:p", "p.term" },
              annotate = function (doc)
                local s, e = doc.text:find("tank")
                if s then doc:annotate(s, e, "p.term") doc:label("topic:p", 1) end
              end,
              examples = {
                { text = "a tank", expect = { "topic:p" }, spans = { { label = "p.term", text = "tank" } } },
                { text = "no armour", expect = { "topic:p" } },
                { text = "fish tank", reject = { "topic:p" } },
                { text = "a tank", spans = { { label = "p.term", text = "a tank" } } },
                { text = "x", expect = { "topic:undeclared" } },
              } }
            """)
        let results = try PluginExampleRunner(set: try PluginSet(paths: [path])).run()
        XCTAssertEqual(results.map(\.passed), [true, false, false, false, false])
        XCTAssertTrue(results[1].failures[0].contains("expected label 'topic:p', found no labels"), "\(results[1].failures)")
        XCTAssertTrue(results[2].failures[0].contains("must not appear"), "\(results[2].failures)")
        XCTAssertTrue(results[3].failures[0].contains("spans found: \"tank\""), "\(results[3].failures)")
        XCTAssertTrue(results[4].failures[0].contains("does not declare"), "\(results[4].failures)")
    }
}
