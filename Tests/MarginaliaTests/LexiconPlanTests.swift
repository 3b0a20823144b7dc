@testable import Marginalia
import XCTest

/// A lexicon's size is known before it is built: the plan's state count is the automaton's.
final class LexiconPlanTests: XCTestCase {
    func testThePlanCountsTheStatesOfTheAutomaton() throws {
        let lists: [[String]] = [
            ["ab", "ac"], ["air defense", "defense", "Défense", "air"], ["x"],
            ["Hà Nội", "ha noi", "hanoi", "Hanoi’s"], (0..<500).map { "term \($0 * 7919 % 1000)" },
        ]
        for terms in lists {
            let plan = try LexiconPlan(terms: terms)
            let lexicon = Lexicon(plan)
            XCTAssertEqual(plan.states, lexicon.stateCount, "\(terms.prefix(4))")
            XCTAssertEqual(plan.states, try Lexicon(terms: terms).stateCount)
            XCTAssertEqual(plan.classes, lexicon.automaton.classCount)
            XCTAssertGreaterThanOrEqual(plan.retainedBytes, lexicon.automaton.table.byteCount)
            XCTAssertGreaterThan(plan.peakBytes, plan.retainedBytes)
        }
        XCTAssertEqual(try LexiconPlan(terms: ["ab", "ac"]).states, 4)   // "", "a", "ab", "ac"
    }

    func testAPlannedLexiconMatchesLikeOneBuiltFromTheTerms() throws {
        let terms = ["air defense", "defense", "UN", "Hà Nội"]
        let text = "The UN air defense near Ha Noi; defense."
        XCTAssertEqual(Lexicon(try LexiconPlan(terms: terms)).matches(in: text), try Lexicon(terms: terms).matches(in: text))
    }

    func testThePlanRefusesWhatTheLexiconRefuses() {
        XCTAssertThrowsError(try LexiconPlan(terms: [])) { XCTAssertEqual($0 as? LexiconError, .noTerms) }
        XCTAssertThrowsError(try LexiconPlan(terms: ["ok", "  "])) { XCTAssertEqual($0 as? LexiconError, .emptyTerm(index: 1, term: "  ")) }
    }
}
