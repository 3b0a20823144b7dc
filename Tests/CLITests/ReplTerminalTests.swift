import Foundation
import MarginaliaTestSupport
import XCTest

/// The REPL at a real (pseudo-)terminal with GNU readline: Tab completes Lua names, Ctrl-C
/// clears the line and the session goes on, history survives to the next session, and
/// `:help`, `marginalia` and `ctx` say what there is.
final class ReplTerminalTests: XCTestCase {
    private let home = TemporaryDirectory()

    private func repl() throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(["repl", "--text", "Two words here."], in: home.path, environment: ["HOME": home.path])
        XCTAssertTrue(terminal.waitFor("marginalia> "), "a prompt: \(terminal.screen)")
        return terminal
    }

    func testTabCompletesLuaNamesNotFileNames() throws {
        let terminal = try repl()
        var mark = terminal.mark
        terminal.type("#doc:tok\t")
        XCTAssertTrue(terminal.waitFor("doc:tokens(", after: mark), terminal.screen)
        mark = terminal.mark
        terminal.type(")\n")
        XCTAssertTrue(terminal.waitFor("4\r\n", after: mark), "the completed call ran (Two, words, here, .): \(terminal.screen)")
        mark = terminal.mark
        terminal.type("marginalia.lex\t")
        XCTAssertTrue(terminal.waitFor("marginalia.lexicon(", after: mark), terminal.screen)
        terminal.type("\u{15}")   // Ctrl-U: clear the line
        mark = terminal.mark
        terminal.type("string.up\t")
        XCTAssertTrue(terminal.waitFor("string.upper(", after: mark), terminal.screen)
        terminal.type("\u{15}:quit\n")
        terminal.process.waitUntilExit()
    }

    func testCtrlCClearsTheLineAndTheSessionGoesOn() throws {
        let terminal = try repl()
        terminal.type("local x = {")
        XCTAssertTrue(terminal.waitFor("local x = {"))
        kill(terminal.process.processIdentifier, SIGINT)
        var mark = terminal.mark
        XCTAssertTrue(terminal.waitFor("marginalia> ", after: mark), "a fresh prompt after Ctrl-C: \(terminal.screen)")
        XCTAssertTrue(terminal.process.isRunning, "still running")
        mark = terminal.mark
        terminal.type("6 * 7\n")
        XCTAssertTrue(terminal.waitFor("42", after: mark), "the next input runs on its own: \(terminal.screen)")
        terminal.type(":quit\n")
        terminal.process.waitUntilExit()
        XCTAssertEqual(terminal.process.terminationStatus, 0)
    }

    func testHistoryIsKeptAcrossSessions() throws {
        let first = try repl()
        first.type("1000 + 337\n")
        XCTAssertTrue(first.waitFor("1337"))
        first.type(":quit\n")
        first.process.waitUntilExit()
        let saved = try String(contentsOfFile: home.file(".marginalia_history"), encoding: .utf8)
        XCTAssertTrue(saved.contains("1000 + 337"), saved)
        let second = try repl()
        let mark = second.mark
        second.type("\u{1b}[A\u{1b}[A\n")   // up arrow twice (past ":quit"), Enter
        XCTAssertTrue(second.waitFor("1337", after: mark), "the last line of the first session came back: \(second.screen)")
        second.type(":quit\n")
        second.process.waitUntilExit()
    }

    func testHelpListsTheAPIAndTablesOfFunctionsShowTheirMembers() throws {
        let piped = try marginalia(["repl", "--text", "x"], in: home.path, input: ":help\nmarginalia\nctx\nstring.upper('a')\n")
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertTrue(piped.stdout.contains("  doc:annotate(start, stop, label [, options])  Marks bytes"), piped.stdout)
        XCTAssertTrue(piped.stdout.contains("  marginalia.lexicon(terms)"), piped.stdout)
        XCTAssertTrue(piped.stdout.contains("{ features = <function>, include = <function>, lexicon = <function>, load_terms = <function>, use = <function>, version = \""), piped.stdout)
        XCTAssertTrue(piped.stdout.contains("log = <function>"), "ctx shows its members: \(piped.stdout)")
        XCTAssertTrue(piped.stdout.contains("\nA\n"), piped.stdout)
    }
}
