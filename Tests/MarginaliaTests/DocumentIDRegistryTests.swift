import XCTest
@testable import Marginalia

/// ``DocumentIDRegistry`` keeps places as integers where it can: whatever it keeps, the
/// duplicate-id error must name the first place byte for byte, as a dictionary of strings
/// did.
final class DocumentIDRegistryTests: XCTestCase {
    func testADuplicateNamesTheFirstPlaceExactly() {
        var registry = DocumentIDRegistry()
        XCTAssertNil(registry.register("a1", at: "news.jsonl:1"))
        XCTAssertNil(registry.register("a2", at: "news.jsonl:2"))
        XCTAssertEqual(registry.register("a1", at: "news.jsonl:3"), "news.jsonl:1")
        XCTAssertEqual(registry.register("a1", at: "other.jsonl:7"), "news.jsonl:1", "the first place is kept")
        XCTAssertEqual(registry.register("a2", at: "in/b/a2.txt"), "news.jsonl:2")
    }

    func testSourcesThatDoNotSplitIntoANameAndALineComeBackAsWritten() {
        let sources = ["in/a/dup.txt", "a.jsonl:0012", "a.jsonl:0", "dir:with:colons.txt", "x:", ":5", "", "?",
                       "a.jsonl:99999999999999", "a.jsonl:1099511627776", "a.jsonl:1099511627775", "a.jsonl:12a",
                       "<stdin>:4", "café.jsonl:3", "cafe\u{301}.jsonl:3", "cafe\u{301}.jsonl:4", "é:1", ":\u{301}9"]
        var registry = DocumentIDRegistry()
        for (index, source) in sources.enumerated() { XCTAssertNil(registry.register("id\(index)", at: source)) }
        for (index, source) in sources.enumerated() {
            let first = registry.register("id\(index)", at: "later.jsonl:\(index + 1)")
            XCTAssertEqual(first.map { Array($0.utf8) }, Array(source.utf8), "byte for byte: \(source)")
        }
    }

    /// Names that Swift's `String` equates (NFC and NFD) are different files: each keeps its bytes.
    func testCanonicallyEqualNamesKeepTheirOwnBytes() {
        var registry = DocumentIDRegistry()
        XCTAssertNil(registry.register("n1", at: "caf\u{E9}.jsonl:1"))
        XCTAssertNil(registry.register("n2", at: "cafe\u{301}.jsonl:1"))
        XCTAssertNil(registry.register("n3", at: "caf\u{E9}.jsonl:2"))
        XCTAssertEqual(registry.register("n2", at: "z:1").map { Array($0.utf8) }, Array("cafe\u{301}.jsonl:1".utf8))
        XCTAssertEqual(registry.register("n1", at: "z:2").map { Array($0.utf8) }, Array("caf\u{E9}.jsonl:1".utf8))
        XCTAssertEqual(registry.register("n3", at: "z:3").map { Array($0.utf8) }, Array("caf\u{E9}.jsonl:2".utf8))
    }

    /// Against a dictionary of strings, the way the stream kept places before, over random
    /// ids and places from a few files (lines in order, some text files, some duplicates).
    func testAgreesWithADictionaryOfStrings() {
        var generator = SystemRandomNumberGenerator()
        var registry = DocumentIDRegistry()
        var reference: [String: String] = [:]
        let files = ["a.jsonl", "b/c.jsonl", "<stdin>", "d.csv", "e:f.jsonl"]
        var lines = [Int](repeating: 0, count: files.count)
        for _ in 0..<20_000 {
            let id = "doc\(Int.random(in: 0..<8_000, using: &generator))"
            let file = Int.random(in: 0..<files.count + 1, using: &generator)
            let source: String
            if file == files.count {
                source = "texts/\(Int.random(in: 0..<50, using: &generator)).txt"
            } else {
                lines[file] += Int.random(in: 1...3, using: &generator)
                source = "\(files[file]):\(lines[file])"
            }
            let expected = reference[id]
            if expected == nil { reference[id] = source }
            XCTAssertEqual(registry.register(id, at: source), expected, "\(id) at \(source)")
        }
    }
}
