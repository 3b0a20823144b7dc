import Foundation
import MarginaliaTestSupport
import XCTest

/// The plugin-authoring commands, run as a researcher would: the real executable in a
/// scratch project folder.
final class PluginAuthoringCLITests: XCTestCase {
    let project = TemporaryDirectory()

    /// The README's "Write your first tagger" walkthrough, step by step.
    func testNewPluginPassesItsTestsAndItsLabelsShowUp() throws {
        let created = try marginalia(["plugins", "new", "ports"], in: project.path)
        XCTAssertEqual(created.status, 0, created.stderr)
        for file in ["Plugins/ports/ports.lua", "Plugins/ports/README.md", "Plugins/ports/examples/ports_sample.txt"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: project.file(file)), "plugins new writes \(file)")
        }
        let comment = try String(contentsOfFile: project.file("Plugins/ports/ports.lua"), encoding: .utf8)
        let named = comment.split(whereSeparator: { $0 == " " || $0 == "`" || $0 == "\n" }).filter { $0.hasPrefix("examples/") }
        XCTAssertEqual(named, ["examples/ports_sample.txt"], "the comment names the sample the command wrote (in the plugin's folder)")

        let tested = try marginalia(["plugins", "test", "ports"], in: project.path)
        XCTAssertEqual(tested.status, 0, tested.stdout + tested.stderr)
        XCTAssertTrue(tested.stdout.contains("3 passed, 0 failed"), tested.stdout)

        let annotated = try marginalia(["annotate", "Plugins/ports/examples", "--only", "ports"], in: project.path)
        XCTAssertEqual(annotated.status, 0, annotated.stderr)
        let shown = try marginalia(["show", "ports_sample"], in: project.path)
        XCTAssertTrue(shown.stdout.contains("topic:ports"), shown.stdout)
        XCTAssertTrue(shown.stdout.contains("“container ship”"), shown.stdout)

        let again = try marginalia(["plugins", "new", "ports"], in: project.path)
        XCTAssertNotEqual(again.status, 0, "never overwrites")
        XCTAssertTrue(again.stderr.contains("already exists"), again.stderr)

        // With --dir, the whole folder (sample included) goes there, not into ./examples.
        let elsewhere = try marginalia(["plugins", "new", "ships", "--dir", "taggers"], in: project.path)
        XCTAssertEqual(elsewhere.status, 0, elsewhere.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: project.file("taggers/ships/examples/ships_sample.txt")))
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.file("examples")))
        XCTAssertEqual(try marginalia(["plugins", "test", "ships", "--plugins", "taggers"], in: project.path).status, 0)
    }

    func testAFailingExampleIsReportedWithTheDifferenceAndFailsTheRun() throws {
        project.write("Plugins/tanks.lua", """
            return {
              name = "tanks", version = "1", description = "d", labels = { "topic:tanks" },
              annotate = function (doc)
                if doc.text:find("tank") then doc:label("topic:tanks", 1) end
              end,
              examples = {
                { text = "A tank rolled by.", expect = { "topic:tanks" } },
                { text = "Fish tanks are popular.", reject = { "topic:tanks" } },
              },
            }
            """)
        let result = try marginalia(["plugins", "test", "Plugins/tanks.lua"], in: project.path)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("1 passed, 1 failed"), result.stdout)
        XCTAssertTrue(result.stdout.contains("✗ example 2"), result.stdout)
        XCTAssertTrue(result.stdout.contains("label 'topic:tanks' must not appear"), result.stdout)
    }

    func testCheckFindsUndeclaredLabelsAndUnknownRequirements() throws {
        project.write("mine/sloppy.lua", """
            return {
              name = "sloppy", version = "1", description = "d", labels = { "topic:x" },
              requires = { "nowhere" },
              annotate = function (doc) doc:label("topic:y", 1) end,
            }
            """)
        project.write("mine/leaky.lua", """
            return {
              name = "leaky", version = "1", description = "d", labels = { "topic:x" },
              annotate = function (doc) doc:label("topic:y", 1) end,
              examples = { { text = "anything", expect = { "topic:x" } } },
            }
            """)
        let sloppy = try marginalia(["plugins", "check", "mine/sloppy.lua"], in: project.path)
        XCTAssertEqual(sloppy.status, 1)
        XCTAssertTrue(sloppy.stdout.contains("requires 'nowhere'"), sloppy.stdout)
        XCTAssertTrue(sloppy.stdout.contains("no examples"), sloppy.stdout)
        let leaky = try marginalia(["plugins", "check", "mine/leaky.lua"], in: project.path)
        XCTAssertEqual(leaky.status, 1)
        XCTAssertTrue(leaky.stdout.contains("label 'topic:y' is not declared"), leaky.stdout)
        XCTAssertTrue(leaky.stdout.contains("leaky.lua:3:"), "names the file and line: \(leaky.stdout)")
    }

    func testSyntaxErrorsNameFileLineAndShowTheLine() throws {
        project.write("Plugins/broken.lua", "return {\n  name = 'broken',\n  version = = '1',\n}\n")
        let result = try marginalia(["plugins", "check", "Plugins/broken.lua"], in: project.path)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("broken.lua:3:"), result.stdout)
        XCTAssertTrue(result.stdout.contains("version = = '1'"), "quotes the offending line: \(result.stdout)")
    }

    func testParamsComeFromTheProjectFileAndTheCommandLineAndAreChecked() throws {
        XCTAssertEqual(try marginalia(["plugins", "new", "ports"], in: project.path).status, 0)
        project.write("one.txt", "The port.\n")   // one hit: below the default min_hits = 2
        func topic(_ extra: [String]) throws -> Bool {
            let store = project.file("s\(UUID().uuidString).sqlite")
            let run = try marginalia(["annotate", "one.txt", "--only", "ports", "--store", store] + extra, in: project.path)
            XCTAssertEqual(run.status, 0, run.stderr)
            return try marginalia(["show", "one", "--store", store], in: project.path).stdout.contains("topic:ports")
        }
        XCTAssertFalse(try topic([]))
        XCTAssertTrue(try topic(["--param", "ports.min_hits=1"]))
        project.write("marginalia.toml", "# project settings\n[params.ports]\nmin_hits = 1\n")
        XCTAssertTrue(try topic([]))
        XCTAssertFalse(try topic(["--param", "ports.min_hits=5"]), "--param beats marginalia.toml")

        project.write("marginalia.toml", "[params.ports]\nmin_hit = 1\n")
        let typo = try marginalia(["annotate", "one.txt", "--only", "ports"], in: project.path)
        XCTAssertEqual(typo.status, 1)
        XCTAssertTrue(typo.stderr.contains("marginalia.toml:2: plugin 'ports'"), typo.stderr)
        XCTAssertTrue(typo.stderr.contains("has no parameter 'min_hit' (it has: min_hits)"), typo.stderr)
        let unknown = try marginalia(["annotate", "one.txt", "--only", "ports", "--config", "none.toml", "--param", "ports.nope=1"], in: project.path)
        XCTAssertTrue(unknown.stderr.contains("has no parameter 'nope'"), unknown.stderr)
    }

    func testEvalRunsSnippetsAndPluginsOnOneDocument() throws {
        let count = try marginalia(["eval", "return #doc:tokens()", "--text", "Two words."], in: project.path)
        XCTAssertEqual(count.stdout, "3\n", count.stderr)
        let lexicon = try marginalia(["eval", "marginalia.lexicon{'viet nam'}:find_all(doc)", "--text", "Việt Nam"], in: project.path)
        XCTAssertEqual(lexicon.stdout, "[{\"start\":1,\"stop\":10,\"term\":\"viet nam\"}]\n", lexicon.stderr)
        let withPlugin = try marginalia(["eval", "#doc:annotations('defense.term')", "--plugin", "defense",
                                         "--text", "Tanks, missiles and troops."], in: project.path)
        XCTAssertEqual(withPlugin.status, 0, withPlugin.stderr)
        // The header names the plugin and its version (whatever the bundled defense is at).
        XCTAssertNotNil(withPlugin.stdout.range(of: #"^defense \d+\.\d+\.\d+:"#, options: .regularExpression), withPlugin.stdout)
        XCTAssertTrue(withPlugin.stdout.contains("\n3\n"), withPlugin.stdout)
        let failing = try marginalia(["eval", "error('boom')", "--text", "x"], in: project.path)
        XCTAssertEqual(failing.status, 1)
        XCTAssertTrue(failing.stderr.contains("eval:1: boom"), failing.stderr)
    }

    func testReplReadsPipedInputKeepsGlobalsAndContinuesUnfinishedInput() throws {
        let input = "function twice(x)\n  return 2 * x\nend\ntwice(21)\n:text Tanks and more tanks\n#doc:tokens()\n"
        let result = try marginalia(["repl", "--text", "hello"], in: project.path, input: input)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "42\ndocument 'text' [und], 20 characters\n4\n")
    }
}
