import Foundation
@testable import Marginalia
import XCTest

/// A lexicon compiles its automaton when it first scans, so that the members of a group
/// (which the group's automaton serves) are never compiled, and each gives the same matches
/// as a lexicon compiled at once.
final class LexiconCompilationTests: XCTestCase {
    func testALexiconCompilesOnItsFirstScanAndKeepsItsAutomaton() throws {
        let lexicon = try Lexicon(terms: ["tank", "air defense"])
        XCTAssertFalse(lexicon.isCompiled)
        XCTAssertEqual(lexicon.matches(in: "An AIR DEFENSE tank.").map(\.termIndex), [1, 0])
        XCTAssertTrue(lexicon.isCompiled)
        XCTAssertEqual(lexicon.matches(in: "tanks, tank").map(\.byteStart), [7])
    }

    func testTheMembersOfAGroupStayUncompiledWhileTheGroupScansForThem() throws {
        let english = try Lexicon(terms: ["tank", "missile", "air defense"])
        let french = try Lexicon(terms: ["char", "missile", "défense aérienne"])
        let group = try LexiconGroup([english, french])
        let text = Array("Missiles? A missile, a tank and a DÉFENSE AÉRIENNE near the char.".utf8)
        let together = text.withUnsafeBufferPointer { group.matches(inUTF8: $0) }
        XCTAssertFalse(english.isCompiled)
        XCTAssertFalse(french.isCompiled)
        XCTAssertEqual(together[0].map(\.termIndex), [1, 0])
        XCTAssertEqual(together[1].map(\.termIndex), [1, 2, 0])
        // Alone, each compiles then and finds exactly what the group gave it.
        XCTAssertEqual(text.withUnsafeBufferPointer { english.matches(inUTF8: $0) }, together[0])
        XCTAssertEqual(text.withUnsafeBufferPointer { french.matches(inUTF8: $0) }, together[1])
        XCTAssertTrue(english.isCompiled)
        XCTAssertTrue(french.isCompiled)
    }

    func testThreadsScanningANewLexiconAtOnceAllGetItsMatches() throws {
        let lexicon = try Lexicon(terms: (0..<2000).map { "term\($0)" } + ["tank"])
        let text = "tank term7 term1999 xterm5 term2000"
        let expected = [2000, 7, 1999]
        let lock = NSLock()
        nonisolated(unsafe) var results: [[Int]] = []
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let found = lexicon.matches(in: text).map(\.termIndex)
            lock.withLock { results.append(found) }
        }
        XCTAssertEqual(results, Array(repeating: expected, count: 8))
    }
}
