import Marginalia
import MarginaliaLua
import XCTest

/// Two Lua keys of one features table can be one Swift string: the same text in two
/// Unicode forms, or two invalid UTF-8 bytes both read as U+FFFD. Such a table used to
/// stop the whole process (a Swift dictionary refusing a duplicate key, SIGILL); it is now
/// an error of that plugin on that document, naming the key.
final class FeatureKeyTests: XCTestCase {
    func testKeysInTwoUnicodeFormsAreAnErrorNotACrash() throws {
        try assertRefused(#"doc:label("hostile.out", 1, { ["\u{E9}"] = 1, ["e\u{301}"] = 2 })"#,
                          mentions: "features has two keys that read as 'é'")
        try assertRefused(#"doc:annotate(1, 2, "hostile.out", { features = { where = { ["\u{E9}t\u{E9}"] = 1, ["e\u{301}te\u{301}"] = 2 } } })"#,
                          mentions: "features.where has two keys that read as 'été'")
    }

    func testInvalidUTF8KeysReadAsOneAreAnError() throws {
        try assertRefused(#"doc:label("hostile.out", 1, { ["\xFF"] = 1, ["\xFE"] = 2 })"#,
                          mentions: "features has two keys that read as '\u{FFFD}'")
    }

    func testOneSpellingOfAKeyIsKept() throws {
        let output = try runHostile(#"doc:label("hostile.out", 1, { ["e\u{301}"] = 2, ["\u{E9}x"] = 3 })"#).get()
        let features = try XCTUnwrap(output.annotations.first?.features.objectValue)
        XCTAssertEqual(features.count, 2)
        XCTAssertEqual(features["\u{E9}"]?.doubleValue, 2)
    }
}
