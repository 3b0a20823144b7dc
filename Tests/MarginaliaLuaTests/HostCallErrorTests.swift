import Marginalia
import MarginaliaLua
import XCTest

/// A host function used wrongly fails with its own message, prefixed with the script's file
/// and line — never with one of its arguments as the error value (found by the Lua-API fuzz
/// harness: a bad `score`, bad `features` or a non-string lexicon term made the error object
/// the offending value, so the message was "7" or "error object is a table value").
final class HostCallErrorTests: XCTestCase {
    func testEachMisuseNamesTheFunctionAndTheLine() throws {
        let cases: [(String, String)] = [
            ("doc:annotate(1, 3, 'hostile.out', { score = 7 })", "doc:annotate: score must be a number between 0 and 1, got 7"),
            ("doc:annotate(1, 3, 'hostile.out', { score = 'high' })", "doc:annotate: score must be a number between 0 and 1, got 'high'"),
            ("doc:annotate(1, 3, 'hostile.out', { features = print })", "doc:annotate: features is a function"),
            ("doc:annotate(1, 3, 'hostile.out', { features = 3 })", "doc:annotate: features must be a table of name = value"),
            ("doc:annotate(1, 3, 'hostile.out', { features = { f = print } })", "doc:annotate: "),
            ("doc:label('hostile.out', 1, { f = print })", "doc:label: "),
            ("marginalia.lexicon{ 33 }", "marginalia.lexicon: term #1 is a number, expected a string"),
            ("marginalia.lexicon{ 'a', {} }", "marginalia.lexicon: term #2 is a table, expected a string"),
            ("marginalia.lexicon{ 'a', true }", "marginalia.lexicon: term #2 is a boolean, expected a string"),
        ]
        for (call, fragment) in cases {
            guard case .failure(let error) = try runHostile(call) else {
                XCTFail("\(call): not refused")
                continue
            }
            XCTAssertTrue(error.message.contains("hostile.lua:4: " + fragment), "\(call): \(error.message)")
            XCTAssertEqual(error.line, 4, call)
            XCTAssertEqual(error.kind, .plugin, call)
        }
    }
}
