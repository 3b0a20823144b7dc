import Marginalia
import XCTest

/// The FTS5 query syntax as `SearchExpression` reads it (what the PostgreSQL store's search
/// translates): precedence NOT > AND > OR, implicit AND, phrases with `""`, prefixes.
final class SearchExpressionTests: XCTestCase {
    func testPrecedenceIsNotThenAndThenOrAsInFTS5() throws {
        XCTAssertEqual(try SearchExpression.parse("a OR b c NOT d"),
                       .or(.word("a"), .and(.word("b"), .not(.word("c"), .word("d")))))
        XCTAssertEqual(try SearchExpression.parse("(a OR b) AND c*"), .and(.or(.word("a"), .word("b")), .prefix("c")))
        XCTAssertEqual(try SearchExpression.parse("\"security council\" drone*"), .and(.phrase("security council"), .prefix("drone")))
        XCTAssertEqual(try SearchExpression.parse("\"say \"\"no\"\"\""), .phrase("say \"no\""))
        XCTAssertEqual(try SearchExpression.parse("and or not"), .and(.and(.word("and"), .word("or")), .word("not")),
                       "operators are upper case only, as in FTS5")
        XCTAssertEqual(try SearchExpression.parse("  défense\tcafé  "), .and(.word("défense"), .word("café")))
    }

    func testAQueryItCannotReadIsASearchErrorSayingWhy() {
        for (query, reason) in [("\"unbalanced", "unterminated string"), ("", "the query is empty"), ("AND", "AND needs a word before it"),
                                ("tanks NOT", "NOT needs something after it"), ("(tanks", "'(' is not closed"), ("tanks)", "unexpected ')'"),
                                ("*", "'*' must follow a word"), ("\"a b\"*", "a '*' after a phrase is not supported")] {
            XCTAssertThrowsError(try SearchExpression.parse(query), query) { error in
                let message = (error as? SearchError)?.message ?? "\(error)"
                XCTAssertTrue(message.hasPrefix(reason), "\(query): \(message)")
            }
        }
    }
}
