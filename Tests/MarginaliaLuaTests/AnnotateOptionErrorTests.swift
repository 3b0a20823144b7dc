import Marginalia
import MarginaliaLua
import XCTest

/// A bad `score` or `features` in the options of `doc:annotate` is an error that says what
/// is wrong, as `doc:label`'s are. The message used to be popped off the stack with the
/// values read, and the error recorded read "hostile.lua: nil".
final class AnnotateOptionErrorTests: XCTestCase {
    func testABadScoreInTheOptionsIsNamed() throws {
        try assertRefused(#"doc:annotate(1, 2, "hostile.out", { score = 7 })"#,
                          mentions: "doc:annotate: score must be a number between 0 and 1, got 7")
    }

    func testABadFeatureInTheOptionsIsNamed() throws {
        try assertRefused(#"doc:annotate(1, 2, "hostile.out", { features = { where = { 1, print } } })"#,
                          mentions: "doc:annotate: features.where[2] is a function")
        try assertRefused(#"doc:annotate(1, 2, "hostile.out", { score = 0.5, features = 3 })"#,
                          mentions: "doc:annotate: features must be a table")
    }

    func testGoodOptionsStillWork() throws {
        let output = try runHostile(#"doc:annotate(1, 2, "hostile.out", { score = 0.25, features = { k = "v" } })"#).get()
        XCTAssertEqual(output.annotations.first?.score, 0.25)
        XCTAssertEqual(output.annotations.first?.features.objectValue?["k"]?.stringValue, "v")
    }
}
