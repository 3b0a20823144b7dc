import Foundation
import MarginaliaBatch
import MarginaliaTestSupport
import XCTest

/// What the fuzzers (`scripts/fuzz.sh`) found stays found: every seed and every input kept in
/// `Fuzz/regressions/HARNESS/` is replayed through its harness (a trap, an overflow or a
/// failed round trip ends the test process, which fails the run).
final class FuzzRegressionTests: XCTestCase {
    private func inputs(_ folder: String, _ harness: FuzzHarness) -> [(String, [UInt8])] {
        let directory = Repository.path("Fuzz/\(folder)/\(harness.rawValue)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.sorted().compactMap { name in
            FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(name)).map { (name, [UInt8]($0)) }
        }
    }

    func testEverySeedAndKeptCrasherReadsWithoutATrap() {
        var replayed = 0
        for harness in FuzzHarness.allCases {
            for (_, bytes) in inputs("seeds", harness) + inputs("regressions", harness) {
                harness.run(bytes)
                replayed += 1
            }
        }
        XCTAssertGreaterThanOrEqual(replayed, FuzzHarness.allCases.count, "every harness has at least a seed")
    }

    /// Found by the toml harness in 930 runs: `[` then U+001C made TOMLKit's parser (toml++)
    /// fail an assertion and abort the process — `marginalia annotate` died of SIGABRT
    /// (status 134) in a folder holding such a marginalia.toml.
    func testAControlCharacterInAProjectFileIsAnErrorNamingItsLineNotAnAbort() throws {
        for text in ["[\u{1c}]\n", "plugins = [\"a\"]\n[params.x\u{1}]\n", "a = 1\nb\u{7f} = 2\n"] {
            XCTAssertThrowsError(try ProjectFile.parse(text, path: "marginalia.toml")) { error in
                let message = "\(error)"
                XCTAssertTrue(message.hasPrefix("marginalia.toml:"), message)
                XCTAssertTrue(message.contains("is not allowed in TOML"), message)
            }
        }
        XCTAssertThrowsError(try ProjectFile.parse("a = 1\n\n[\u{1c}]\n", path: "p.toml")) {
            XCTAssertEqual("\($0)", "p.toml:3: control character U+001C is not allowed in TOML")
        }
        XCTAssertNoThrow(try ProjectFile.parse("plugins = [\"a\"]\r\n\t\n", path: "p.toml"), "tab and CRLF stay allowed")
    }

    /// Found by the toml harness (crash-920347a0… in Fuzz/regressions/toml): a table header
    /// whose key starts with a character no key may hold (`[%params.defense]`, or simply
    /// `[%a]` then a key) made toml++ fail an assertion and abort the process.
    func testAMalformedTableHeaderIsAnErrorNamingItsLineNotAnAbort() throws {
        XCTAssertThrowsError(try ProjectFile.parse("[%a]\nb = 1\n", path: "p.toml")) {
            XCTAssertEqual("\($0)", "p.toml:1: malformed table header [%a]: a key is letters, digits, '_' and '-', or a quoted string, joined by dots")
        }
        for text in ["plugins = [\"a\"]\n\n[%params.defense]\nmin_hits = 2\n", "[params.]\n", "[params x]\n", "[[a]\n", "[a] b\n"] {
            XCTAssertThrowsError(try ProjectFile.parse(text, path: "marginalia.toml"), text) {
                XCTAssertTrue("\($0)".contains("malformed table header"), "\($0)")
            }
        }
        // Well-formed headers, and value lines that start with '[' inside arrays and strings.
        for text in ["[params.defense] # the defaults\nmin_hits = 2\n", "[ params . \"un votes\" ]\n", "[params.'x-y_1']\n",
                     "plugins = [\n  [\"a\"],\n  \"b\",\n]\n", "[params.defense]\nterms = \"\"\"\n[not a header\n\"\"\"\n"] {
            XCTAssertNil(TOMLHeaderCheck.firstMalformedHeader(in: text), text)
        }
    }

    /// Found by the toml harness after the header check (crash-9528bd0e… in
    /// Fuzz/regressions/toml, after 19,000 runs): a `}` where an array expects a value
    /// (`a = [}`, `a = [1, }]`, over lines too) made toml++ fail an assertion and abort:
    /// `marginalia annotate` exited 134 in a folder holding such a marginalia.toml.
    func testABracketOfTheWrongKindIsAnErrorNamingItsLineNotAnAbort() throws {
        XCTAssertThrowsError(try ProjectFile.parse("a = [}\n", path: "p.toml")) {
            XCTAssertEqual("\($0)", "p.toml:1: '}' closes the '[' opened on this line: close an array with ']', an inline table with '}'")
        }
        XCTAssertThrowsError(try ProjectFile.parse("plugins = [\n  \"a\",\n}\n", path: "p.toml")) {
            XCTAssertEqual("\($0)", "p.toml:3: '}' closes the '[' opened on line 1: close an array with ']', an inline table with '}'")
        }
        for text in ["a = [1, }]\n", "a = { b = [ } ] }\n", "a = [ # c\n }\n", "a = [[}]]\n", "a = { b = 1 ]\n"] {
            XCTAssertThrowsError(try ProjectFile.parse(text, path: "marginalia.toml"), text) {
                XCTAssertTrue("\($0)".hasPrefix("marginalia.toml:"), "\($0)")
                XCTAssertTrue("\($0)".contains("closes the"), "\($0)")
            }
        }
        // Brackets inside strings and comments are text; nested arrays and tables are fine.
        for text in ["a = [{ b = 1 }, [2]]\n", "a = \"[}\"\n", "a = [ # }\n 1 ]\n", "a = '''\n[}\n'''\n", "[params.x]\nb = { c = [1] }\n"] {
            XCTAssertNil(TOMLHeaderCheck.firstMismatchedBracket(in: text), text)
        }
    }

    /// Found by the toml harness after the bracket check (crash-fd93afec… in
    /// Fuzz/regressions/toml, in 160,000 runs): a byte order mark, then a malformed header
    /// (`\u{FEFF}[|a]`). toml++ skips the mark; the header check did not, took the line for a
    /// value, and toml++ failed an assertion in parse_key: `ProjectFile.parse` aborted. (The
    /// CLI reads the file with `String(data:encoding:)`, which drops the mark, so `annotate`
    /// itself was not affected.)
    func testAHeaderAfterAByteOrderMarkIsCheckedToo() throws {
        XCTAssertThrowsError(try ProjectFile.parse("\u{FEFF}[|a]\nb = 1\n", path: "p.toml")) {
            XCTAssertEqual("\($0)", "p.toml:1: malformed table header [|a]: a key is letters, digits, '_' and '-', or a quoted string, joined by dots")
        }
        XCTAssertThrowsError(try ProjectFile.parse("\u{FEFF}a = [}\n", path: "p.toml")) { XCTAssertTrue("\($0)".hasPrefix("p.toml:1: '}' closes"), "\($0)") }
        XCTAssertNoThrow(try ProjectFile.parse("\u{FEFF}plugins = [\"a\"]\n[params.a]\nx = 1\n", path: "p.toml"), "a byte order mark alone is fine")
    }
}
