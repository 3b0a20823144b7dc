import Foundation
import MarginaliaTestSupport
import XCTest

/// Strings from plugins reach the terminal with their control characters escaped: names,
/// labels, log lines, error messages and features — in the messages that refuse them too.
final class TerminalSafetyTests: XCTestCase {
    private var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = TemporaryDirectory()
        directory.write("in/a.txt", "The army bought tanks.\n")
    }

    override func tearDown() { directory = nil }

    /// No ESC, BEL, CSI (U+009B) or other control byte but newline and tab.
    private func assertNoControlCharacters(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let raw = text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) }
        XCTAssertTrue(raw.isEmpty, "\(what) holds raw control characters \(raw.map { String($0.value, radix: 16) }): \(text)", file: file, line: line)
    }

    func testAPluginNameWithAnEscapeSequenceIsRefusedWithTheNameEscaped() throws {
        directory.write("plugins/evil.lua", #"""
            return { name = "../../../escape/\27]0;PWNED\7x", version = "1.0", description = "x", labels = { "x" },
                     annotate = function () end }
            """#)
        let result = try marginalia(["annotate", "in", "--plugins", "plugins/evil.lua", "--store", "s.sqlite"], in: directory.path)
        XCTAssertEqual(result.status, 1)
        assertNoControlCharacters(result.stderr, "the refusal")
        assertNoControlCharacters(result.stdout, "standard output")
        XCTAssertTrue(result.stderr.contains(#"escape/\u{1b}]0;PWNED\u{7}x"#), result.stderr)
    }

    func testALabelWithAnEscapeSequenceIsRefusedWithTheLabelEscaped() throws {
        directory.write("plugins/evil.lua", #"""
            return { name = "evil", version = "1.0", description = "x", labels = { "evil\27[2J" }, annotate = function () end }
            """#)
        let result = try marginalia(["annotate", "in", "--plugins", "plugins/evil.lua", "--store", "s.sqlite"], in: directory.path)
        XCTAssertEqual(result.status, 1)
        assertNoControlCharacters(result.stderr, "the refusal")
        XCTAssertTrue(result.stderr.contains(#"label 'evil\u{1b}[2J' may only use letters"#), result.stderr)
    }

    func testLogLinesErrorsAndFeaturesAreEscapedWhereverTheyArePrinted() throws {
        directory.write("plugins/noisy.lua", #"""
            return {
              name = "noisy", version = "1.0", description = "prints escapes", labels = { "evil", "term" },
              annotate = function (doc, ctx)
                ctx.log("log \27]0;PWNED\7 line\nforged [other] line")
                doc:label("evil", 0.5, { features = { why = "csi \u{9B}2J here" } })
                if doc.id == "b" then error("boom \27[31mred\7") end
                doc:annotate(17, 21, "term", { features = { note = "\u{9B}31m" } })
              end,
            }
            """#)
        directory.write("in/b.txt", "Another text.\n")
        let annotate = try marginalia(["annotate", "in", "--plugins", "plugins", "--only", "noisy", "--store", "s.sqlite"], in: directory.path)
        XCTAssertEqual(annotate.status, 1, annotate.stderr)
        for (text, what) in [(annotate.stdout, "the run summary"), (annotate.stderr, "the log")] { assertNoControlCharacters(text, what) }
        XCTAssertTrue(annotate.stderr.contains(#"[noisy] log \u{1b}]0;PWNED\u{7} line\u{a}forged [other] line"#), annotate.stderr)
        XCTAssertTrue(annotate.stdout.contains(#"boom \u{1b}[31mred\u{7}"#), annotate.stdout)

        for command in [["errors"], ["errors", "--all"], ["show", "a"], ["query", "--label", "evil"], ["query", "--count"],
                        ["show", "b"], ["agreement"]] {
            let result = try marginalia(command + ["--store", "s.sqlite"], in: directory.path)
            assertNoControlCharacters(result.stdout + result.stderr, "marginalia \(command.joined(separator: " "))")
        }
        let show = try marginalia(["show", "a", "--store", "s.sqlite"], in: directory.path)
        XCTAssertTrue(show.stdout.contains(#"\u{9b}31m"#), show.stdout)
        let errors = try marginalia(["errors", "--store", "s.sqlite"], in: directory.path)
        XCTAssertTrue(errors.stdout.contains(#"boom \u{1b}[31mred\u{7}"#), errors.stdout)
        // Data for programs keeps its bytes (JSON escapes what it must itself).
        let json = try marginalia(["errors", "--store", "s.sqlite", "--json"], in: directory.path)
        XCTAssertTrue(json.stdout.contains(#"boom \u001b[31mred\u0007"#), json.stdout)
    }

    /// Data for programs (CSV, JSON, exports, pipe mode) keeps its bytes in a file or a pipe;
    /// written to a terminal, its control characters are escaped like every other output. Before,
    /// `query --csv` and `export --format csv` on a terminal wrote a plugin's ESC sequences
    /// raw, and JSON outputs the C1 control CSI (U+009B), which JSON does not escape.
    func testDataOnATerminalIsEscapedAndKeepsItsBytesThroughAPipe() throws {
        directory.write("plugins/evil.lua", #"""
            return {
              name = "evil", version = "1.0\27[31m", description = "x", labels = { "evil" },
              annotate = function (doc) doc:label("evil", 0.5, { features = { note = "csi \u{9B}2J esc \27]0;T\7" } }) end,
            }
            """#)
        let annotate = try marginalia(["annotate", "in", "--plugins", "plugins", "--only", "evil", "--store", "s.sqlite"], in: directory.path)
        XCTAssertEqual(annotate.status, 0, annotate.stderr)
        let commands: [[String]] = [["query", "--label", "evil", "--csv"], ["query", "--label", "evil", "--json"],
                                    ["export", "--format", "csv"], ["export", "--format", "jsonl"],
                                    ["annotate", "in", "--plugins", "plugins", "--only", "evil", "--store", "none", "--emit", "jsonl", "--quiet"]]
        for command in commands {
            let arguments = command.contains("--store") ? command : command + ["--store", "s.sqlite"]
            let terminal = try PseudoTerminal(arguments, in: directory.path)
            terminal.process.waitUntilExit()
            XCTAssertTrue(terminal.waitFor("evil"), "\(command): \(terminal.screen)")
            assertNoControlCharacters(terminal.screen.replacingOccurrences(of: "\r", with: ""), "marginalia \(command.joined(separator: " ")) on a terminal")
            XCTAssertTrue(terminal.screen.contains(#"\u{9b}2J"#), "\(command): \(terminal.screen)")
            let piped = try marginalia(arguments, in: directory.path)
            XCTAssertTrue(piped.stdout.unicodeScalars.contains("\u{9B}"), "\(command) keeps its bytes in a pipe: \(piped.stdout)")
        }
    }

    /// `kwic --csv` and `--json` are data like `query --csv`: a control character in the text
    /// around a hit keeps its bytes through a pipe and is escaped on a terminal. Before, kwic
    /// escaped it into a pipe too, so a program reading the concordance got other bytes than
    /// the export.
    func testKWICDataKeepsTheTextsBytesThroughAPipeAndIsEscapedOnATerminal() throws {
        directory.write("in/a.txt", "The army \u{9B}2J bought tanks.\n")
        directory.write("plugins/spans.lua", #"""
            return {
              name = "spans", version = "1.0.0", description = "x", labels = { "hit" },
              annotate = function (doc) local s, e = doc.text:find("bought", 1, true); doc:annotate(s, e, "hit") end,
            }
            """#)
        let annotate = try marginalia(["annotate", "in", "--plugins", "plugins", "--only", "spans", "--store", "s.sqlite"], in: directory.path)
        XCTAssertEqual(annotate.status, 0, annotate.stderr)
        for format in ["--csv", "--json"] {
            let arguments = ["kwic", "--label", "hit", format, "--store", "s.sqlite"]
            let piped = try marginalia(arguments, in: directory.path)
            XCTAssertEqual(piped.status, 0, piped.stderr)
            XCTAssertTrue(piped.stdout.unicodeScalars.contains("\u{9B}"), "kwic \(format) keeps its bytes in a pipe: \(piped.stdout)")
            let terminal = try PseudoTerminal(arguments, in: directory.path)
            terminal.process.waitUntilExit()
            XCTAssertTrue(terminal.waitFor("tanks"), "kwic \(format): \(terminal.screen)")
            assertNoControlCharacters(terminal.screen.replacingOccurrences(of: "\r", with: ""), "marginalia kwic \(format) on a terminal")
        }
    }
}
