import Foundation
import MarginaliaBatch
import MarginaliaLua
import MarginaliaTestSupport
import XCTest

/// The first host of a plugin set is the one that read the manifests, when it can serve:
/// the plugins then load once (the files are not read again), and what they logged while
/// loading reaches the host's `onLog` as from a fresh load.
final class PluginSetSpareHostTests: XCTestCase {
    let folder = TemporaryDirectory()

    func plugin(_ name: String, requires: [String] = [], params: String = "", topLevel: String = "") -> String {
        let requireList = requires.map { "\"\($0)\"" }.joined(separator: ", ")
        return folder.write("\(name).lua", """
            \(topLevel)
            return { name = "\(name)", version = "1", description = "d", labels = { "topic:\(name)" },
              requires = { \(requireList) }, params = { \(params) },
              annotate = function (doc, ctx) doc:label("topic:\(name)", 1) end }
            """)
    }

    func testTheFirstHostIsTheProbeWithItsLoadLogsAndLaterHostsLoadTheFiles() throws {
        let path = plugin("chatty", topLevel: "print('loading chatty')")
        let set = try PluginSet(paths: [path])
        let source = try String(contentsOfFile: path, encoding: .utf8)
        try FileManager.default.removeItem(atPath: path)
        var logged: [String] = []
        let first = try set.makeHost { plugin, message in logged.append("\(plugin): \(message)") }
        let output = try first.annotate(.init(id: "d", text: "x"))[0].get()
        XCTAssertEqual(output.annotations.map(\.label), ["topic:chatty"])
        XCTAssertThrowsError(try set.makeHost()) { error in
            XCTAssertTrue("\(error)".contains("chatty.lua: cannot read plugin file"), "\(error)")
        }
        try source.write(toFile: path, atomically: true, encoding: .utf8)
        var loggedByAFreshLoad: [String] = []
        _ = try set.makeHost { plugin, message in loggedByAFreshLoad.append("\(plugin): \(message)") }
        XCTAssertEqual(logged.count, 1)
        XCTAssertTrue(logged.first?.hasSuffix(": loading chatty") == true, "\(logged)")
        XCTAssertEqual(logged, loggedByAFreshLoad)
    }

    func testNamedPluginsLoadInSearchPathOrderSoTheProbeServes() throws {
        let found = [plugin("alpha"), plugin("beta")]
            .map { PluginLocator.Found(name: (($0 as NSString).lastPathComponent as NSString).deletingPathExtension, path: $0) }
        let set = try PluginSet(named: ["beta", "alpha"], among: found)
        for plugin in found { try FileManager.default.removeItem(atPath: plugin.path) }
        XCTAssertEqual(try set.makeHost().descriptors.map(\.name), ["alpha", "beta"])
    }

    func testAProbeThatLoadedInAnotherOrderOrWithOtherParamsIsNotHandedOut() throws {
        let reader = plugin("reader", requires: ["writer"]), writer = plugin("writer")
        let reordered = try PluginSet(paths: [reader, writer])   // the probe loaded reader first
        let weighted = plugin("weighted", params: "weight = 0.5")
        let overridden = try PluginSet(paths: [weighted]).applying(params: ["weighted": ["weight": 0.25]])
        for path in [reader, writer, weighted] { try FileManager.default.removeItem(atPath: path) }
        XCTAssertThrowsError(try reordered.makeHost()) { error in
            XCTAssertTrue("\(error)".contains("cannot read plugin file"), "\(error)")
        }
        XCTAssertThrowsError(try overridden.makeHost()) { error in
            XCTAssertTrue("\(error)".contains("weighted.lua: cannot read plugin file"), "\(error)")
        }
    }
}
