import Foundation
import MarginaliaTestSupport
import XCTest

/// `marginalia plugins lock` and `annotate --locked`, as a new user meets them: the refusal
/// names the file that changed, `--only` and `--locked` combine both ways, and the printed
/// advice works when followed.
final class PluginLockCLITests: XCTestCase {
    let project = TemporaryDirectory()

    override func setUp() {
        project.write("articles/a.txt", "The embargo\nAn embargo and sanctions hit the port and its container ship.\n")
        project.write("Plugins/sanctions/lexicons/sanctions.en.txt", "sanctions\nembargo\n")
        project.write("Plugins/sanctions/lexicons/sanctions.fr.txt", "embargo\n")
        project.write("Plugins/sanctions/sanctions.lua", """
            local TERMS = {}
            for _, file in ipairs{ "lexicons/sanctions.en.txt", "lexicons/sanctions.fr.txt" } do
              for _, term in ipairs(marginalia.load_terms(file)) do TERMS[#TERMS + 1] = term end
            end
            local LEXICON = marginalia.lexicon(TERMS)
            return { name = "sanctions", version = "1.0.0", description = "Sanctions", labels = { "topic:sanctions" },
              annotate = function (doc) if #LEXICON:find_all(doc) > 0 then doc:label("topic:sanctions", 1) end end,
              examples = { { text = "An embargo.", expect = { "topic:sanctions" } } } }
            """)
    }

    func run(_ arguments: [String]) throws -> CommandResult {
        try marginalia(arguments + (arguments.first == "annotate" ? ["--quiet", "--store", project.file("s.sqlite")] : []), in: project.path)
    }

    func testARefusedRunNamesTheChangedTermFileAndItsAdviceWorks() throws {
        XCTAssertEqual(try run(["plugins", "lock"]).status, 0)
        XCTAssertEqual(try run(["annotate", "articles", "--locked"]).status, 0)
        project.write("Plugins/sanctions/lexicons/sanctions.fr.txt", "embargo\nsanctions économiques\n")
        let refused = try run(["annotate", "articles", "--locked"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertNotNil(refused.stderr.range(of: #"lexicons/sanctions\.fr\.txt: locked [0-9a-f]{12}…, now [0-9a-f]{12}…"#, options: .regularExpression), refused.stderr)
        XCTAssertFalse(refused.stderr.contains("sanctions.en.txt"), "only the changed file is named: \(refused.stderr)")
        XCTAssertFalse(refused.stderr.contains("'defense'"), "unchanged plugins are not listed: \(refused.stderr)")
        XCTAssertTrue(refused.stderr.contains("marginalia plugins lock --only sanctions"), refused.stderr)

        // Following the advice re-locks sanctions alone; the other entries stay, and the run goes.
        let before = try String(contentsOfFile: project.file("marginalia.lock"), encoding: .utf8)
        XCTAssertEqual(try run(["plugins", "lock", "--only", "sanctions"]).status, 0)
        let after = try String(contentsOfFile: project.file("marginalia.lock"), encoding: .utf8)
        XCTAssertEqual(before.components(separatedBy: "[[plugin]]").count, after.components(separatedBy: "[[plugin]]").count)
        XCTAssertNotEqual(before, after)
        let accepted = try run(["annotate", "articles", "--locked"])
        XCTAssertEqual(accepted.status, 0, accepted.stderr)
    }

    func testOnlyAndLockedWorkBothWays() throws {
        // A full lock accepts a run of a subset: exactly the plugins in use are checked.
        XCTAssertEqual(try run(["plugins", "lock"]).status, 0)
        project.write("Plugins/sanctions/lexicons/sanctions.en.txt", "sanctions\nembargo\nboycott\n")
        XCTAssertEqual(try run(["annotate", "articles", "--only", "un_votes", "--locked"]).status, 0,
                       "un_votes (and places, which it requires) are as locked; the edited sanctions is not in use")
        XCTAssertEqual(try run(["annotate", "articles", "--only", "sanctions", "--locked"]).status, 1)

        // A lock made from a subset accepts runs of that subset, with or without --only.
        try FileManager.default.removeItem(atPath: project.file("marginalia.lock"))
        XCTAssertEqual(try run(["plugins", "lock", "--only", "sanctions,un_votes"]).status, 0)
        let lock = try String(contentsOfFile: project.file("marginalia.lock"), encoding: .utf8)
        XCTAssertEqual(Set(lock.split(separator: "\n").filter { $0.hasPrefix("name = ") }),
                       ["name = \"places\"", "name = \"sanctions\"", "name = \"un_votes\""])
        let withOnly = try run(["annotate", "articles", "--only", "sanctions", "--locked"])
        XCTAssertEqual(withOnly.status, 0, withOnly.stderr)
        let withoutOnly = try marginalia(["annotate", "articles", "--locked", "--store", project.file("t.sqlite")], in: project.path)
        XCTAssertEqual(withoutOnly.status, 0, withoutOnly.stderr)
        XCTAssertTrue(withoutOnly.stderr.contains("sanctions 1.0.0") && withoutOnly.stderr.contains("un_votes ")
                      && withoutOnly.stderr.contains("places "), "runs the locked plugins: \(withoutOnly.stderr)")
        XCTAssertFalse(withoutOnly.stderr.contains("defense"), "not the plugins outside the lock: \(withoutOnly.stderr)")

        // A plugin outside the lock is refused, and the advice printed adds it.
        let outside = try run(["annotate", "articles", "--only", "defense", "--locked"])
        XCTAssertEqual(outside.status, 1)
        XCTAssertTrue(outside.stderr.contains("plugin 'defense'"), outside.stderr)
        XCTAssertTrue(outside.stderr.contains("is not in the lock"), outside.stderr)
        XCTAssertTrue(outside.stderr.contains("marginalia plugins lock --only defense"), outside.stderr)
        XCTAssertEqual(try run(["plugins", "lock", "--only", "defense"]).status, 0)
        XCTAssertEqual(try run(["annotate", "articles", "--only", "defense", "--locked"]).status, 0)
        XCTAssertEqual(try run(["annotate", "articles", "--only", "sanctions", "--locked"]).status, 0, "still locked")
    }

    func testALockedPluginMissingFromTheSearchPathIsNamed() throws {
        XCTAssertEqual(try run(["plugins", "lock", "--only", "sanctions"]).status, 0)
        try FileManager.default.removeItem(atPath: project.file("Plugins/sanctions"))
        let refused = try run(["annotate", "articles", "--locked"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("plugin 'sanctions' 1.0.0 is locked (it was at Plugins/sanctions/sanctions.lua) but is not on the search path"), refused.stderr)
    }
}
