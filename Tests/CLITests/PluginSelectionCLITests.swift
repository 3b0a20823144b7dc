import Foundation
import MarginaliaTestSupport
import XCTest

/// Which plugins a run uses: `--only` brings what the named plugins require (transitively),
/// and every way of naming a plugin that is not there is an error saying so.
final class PluginSelectionCLITests: XCTestCase {
    private var directory: TemporaryDirectory!
    /// An empty bundled folder, so that only the plugins written here are on the search path.
    private var environment: [String: String] { ["MARGINALIA_HOME": directory.file("home")] }

    override func setUpWithError() throws {
        directory = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.file("home/Plugins"), withIntermediateDirectories: true)
        directory.write("in/a.txt", "Two words.\n")
        plugin("top", requires: ["middle"])
        plugin("middle", requires: ["bottom"])
        plugin("bottom")
        plugin("aside")
    }

    override func tearDown() { directory = nil }

    private func plugin(_ name: String, requires: [String] = [], in folder: String = "plugins") {
        let list = requires.map { "\"\($0)\"" }.joined(separator: ", ")
        directory.write("\(folder)/\(name).lua", """
            return { name = "\(name)", version = "1", description = "d", labels = { "topic:\(name)" }, requires = { \(list) },
              params = { weight = 0.5 },
              annotate = function (doc, ctx) doc:label("topic:\(name)", ctx.params.weight) end }
            """)
    }

    private func annotate(_ extra: [String]) throws -> CommandResult {
        try marginalia(["annotate", "in", "--plugins", "plugins", "--store", "s.sqlite", "--quiet"] + extra,
                       in: directory.path, environment: environment)
    }

    /// The plugin names of the export, in export order.
    private func exportedPlugins() throws -> [String] {
        let exported = try marginalia(["export", "--store", "s.sqlite"], in: directory.path, environment: environment)
        XCTAssertEqual(exported.status, 0, exported.stderr)
        return try exported.stdout.split(separator: "\n").map { line in
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try XCTUnwrap(object["plugin"] as? String)
        }
    }

    func testOnlyBringsWhatTheNamedPluginRequiresTransitivelyAndNothingElse() throws {
        let result = try annotate(["--only", "top"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try exportedPlugins(), ["bottom", "middle", "top"])
    }

    func testAParamForARequiredPluginApplies() throws {
        let result = try annotate(["--only", "top", "--param", "bottom.weight=0.25"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let stored = try marginalia(["export", "--store", "s.sqlite"], in: directory.path, environment: environment).stdout
        XCTAssertTrue(stored.split(separator: "\n").contains { $0.contains("topic:bottom") && $0.contains("0.25") }, stored)
    }

    func testAnUnknownNameIsAnErrorListingWhatIsThere() throws {
        let result = try annotate(["--only", "nowhere"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("no plugin named 'nowhere' on the search path (found: aside, bottom, middle, top)"), result.stderr)
    }

    func testAnEmptySearchPathSaysWhereToLook() throws {
        let result = try marginalia(["annotate", "in", "--store", "s.sqlite", "--quiet"], in: directory.path, environment: environment)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("no plugins found; pass --plugins PATH or set MARGINALIA_PLUGIN_PATH"), result.stderr)
    }

    func testAMissingRequirementIsNamedWithTheFileThatNeedsIt() throws {
        plugin("needy", requires: ["ghost"])
        let result = try annotate(["--only", "needy"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("plugins/needy.lua: plugin 'needy' requires 'ghost', which is not among the plugins in use"),
                      result.stderr)
    }

    func testABrokenRequiredPluginIsNamed() throws {
        directory.write("plugins/bottom.lua", "return { name = 'bottom', version = '1' }\n")
        let result = try annotate(["--only", "top"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("bottom.lua") && result.stderr.contains("manifest field 'description' is missing"), result.stderr)
    }

    func testParamsForAPluginNotInUseAreErrorsNamingWhereTheyCameFrom() throws {
        let flag = try annotate(["--only", "top", "--param", "aside.weight=2"])
        XCTAssertEqual(flag.status, 1)
        XCTAssertTrue(flag.stderr.contains("--param aside.weight=2: no plugin 'aside' among the plugins in use (bottom, middle, top)"), flag.stderr)

        directory.write("marginalia.toml", "[params.ghost]\nweight = 2\n")
        let file = try annotate(["--only", "top"])
        XCTAssertEqual(file.status, 1)
        XCTAssertTrue(file.stderr.contains("marginalia.toml:2: no plugin 'ghost' among the plugins in use (bottom, middle, top)"), file.stderr)

        directory.write("marginalia.toml", "[params.aside]\nweight = 2\n")
        XCTAssertEqual(try annotate(["--only", "top"]).status, 0, "a setting for a plugin on the search path but not in use is ignored")
    }
}
