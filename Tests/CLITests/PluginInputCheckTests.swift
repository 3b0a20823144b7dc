import Foundation
import MarginaliaTestSupport
import XCTest

/// Parameters are checked against the type of their default before anything runs, and
/// `plugins test` never passes when it tested nothing.
final class PluginInputCheckTests: XCTestCase {
    private var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = TemporaryDirectory()
        directory.write("in/a.txt", "Sanctions on tanks.\n")
        directory.write("plugins/sanctions.lua", """
            return {
              name = "sanctions", version = "1.0", description = "counts words", labels = { "topic:sanctions" },
              params = { min_hits = 2, weight = 0.5, strict = false, word = "sanctions", extra = { "embargo" } },
              annotate = function (doc, ctx)
                if ctx.params.min_hits > 0 then doc:label("topic:sanctions", ctx.params.weight) end
              end,
              examples = { { text = "Sanctions.", expect = { "topic:sanctions" } } },
            }
            """)
    }

    override func tearDown() { directory = nil }

    private func annotate(_ extra: [String]) throws -> CommandResult {
        try marginalia(["annotate", "in", "--plugins", "plugins", "--only", "sanctions", "--store", "s.sqlite", "--quiet"] + extra,
                       in: directory.path)
    }

    func testAParamOfTheWrongTypeIsRefusedNamingTheFlag() throws {
        let cases: [(String, String)] = [
            ("sanctions.min_hits=two", #"--param sanctions.min_hits=two: parameter 'min_hits' of plugin 'sanctions' expects an integer (its default is 2), got the string "two""#),
            ("sanctions.min_hits=2.5", "expects an integer (its default is 2), got the number 2.5"),
            ("sanctions.weight=high", #"parameter 'weight' of plugin 'sanctions' expects a number (its default is 0.5), got the string "high""#),
            ("sanctions.strict=yes", "expects a boolean (true or false) (its default is false)"),
            ("sanctions.extra=embargo", #"expects a list of strings (its default is ["embargo"]), got the string "embargo""#),
            ("sanctions.extra=[1,2]", "expects a list of strings (its default is [\"embargo\"]), got the list [1,2]"),
        ]
        for (param, message) in cases {
            let result = try annotate(["--param", param])
            XCTAssertEqual(result.status, 1, param)
            XCTAssertTrue(result.stderr.contains(message), "\(param): \(result.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("s.sqlite")) && result.stdout.contains("annotated"), param)
        }
    }

    func testValuesOfTheRightTypePass() throws {
        let result = try annotate(["--param", "sanctions.min_hits=3", "--param", "sanctions.weight=1", "--param", "sanctions.word=42",
                                   "--param", "sanctions.extra=[\"a\",\"b\"]", "--param", "sanctions.strict=true"])
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testAProjectFileParamOfTheWrongTypeNamesItsLine() throws {
        directory.write("marginalia.toml", """
            plugins = ["plugins"]

            [params.sanctions]
            weight = 0.7
            min_hits = "two"
            """)
        let result = try marginalia(["annotate", "in", "--only", "sanctions", "--store", "s.sqlite", "--quiet"], in: directory.path)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains(#"marginalia.toml:5: parameter 'min_hits' of plugin 'sanctions' expects an integer (its default is 2), got the string "two""#),
                      result.stderr)
    }

    func testPluginsTestThatRunsNoExampleExitsOneAndSaysWhy() throws {
        directory.write("other/sanctions.lua", """
            return {
              name = "sanction", version = "1.0", description = "misnamed", labels = { "topic:sanctions" },
              annotate = function (doc) doc:label("topic:sanctions", 1) end,
              examples = { { text = "Sanctions.", expect = { "topic:sanctions" } } },
            }
            """)
        let misnamed = try marginalia(["plugins", "test", "other/sanctions.lua"], in: directory.path)
        XCTAssertEqual(misnamed.status, 1, misnamed.stdout + misnamed.stderr)
        XCTAssertTrue(misnamed.stdout.contains("0 passed, 0 failed"), misnamed.stdout)
        XCTAssertTrue(misnamed.stderr.contains(#"no example ran: 'sanctions' names no loaded plugin: the manifest of other/sanctions.lua says name = "sanction""#),
                      misnamed.stderr)

        directory.write("bare/bare.lua", """
            return { name = "bare", version = "1.0", description = "no examples", labels = { "x" }, annotate = function () end }
            """)
        let bare = try marginalia(["plugins", "test", "bare", "--plugins", "bare"], in: directory.path)
        XCTAssertEqual(bare.status, 1, bare.stdout + bare.stderr)
        XCTAssertTrue(bare.stderr.contains("no example ran: bare has no `examples` in its manifest"), bare.stderr)

        let good = try marginalia(["plugins", "test", "sanctions", "--plugins", "plugins"], in: directory.path)
        XCTAssertEqual(good.status, 0, good.stdout + good.stderr)
    }
}
