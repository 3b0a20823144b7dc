import Foundation
import Marginalia
import MarginaliaTestSupport
import XCTest

/// The same `annotate` command run again over a store that completed its inputs: it
/// skips them (knowing its plugins from the store), and anything that changes what the
/// plugins would be makes a normal run.
final class ResumeCommandTests: XCTestCase {
    func testARerunSkipsAndAnEditedLexiconOrAnotherParameterAnnotatesAgain() throws {
        let directory = TemporaryDirectory()
        try FileManager.default.copyItem(atPath: Repository.path("Plugins"), toPath: directory.file("Plugins"))
        let input = directory.write("news.jsonl", SyntheticCorpus.jsonl(count: 8))
        let store = directory.file("s.sqlite")
        func annotate(_ extra: [String] = []) throws -> String {
            let result = try marginalia(["annotate", input, "--plugins", directory.file("Plugins"), "--only", "defense",
                                         "--store", store, "--jobs", "1", "--quiet"] + extra, in: directory.path)
            XCTAssertEqual(result.status, 0, result.stderr)
            return result.stdout
        }
        func defenseSHA256() throws -> Set<String> {
            let lines = try marginalia(["export", "--store", store, "--plugin", "defense"], in: directory.path).stdout
            return Set(try lines.split(separator: "\n").compactMap { try JSONParser.parse(Array($0.utf8)).objectValue?["plugin_sha256"]?.stringValue })
        }
        XCTAssertTrue(try annotate().contains("8 documents annotated, 0 already done"))
        let first = try annotate()
        XCTAssertTrue(first.contains("0 documents annotated, 8 already done"), first)
        XCTAssertTrue(first.contains("skipped 1 input file already completed"), first)
        let before = try defenseSHA256()

        let lexicon = directory.file("Plugins/defense/lexicons/defense.en.txt")
        try (try String(contentsOfFile: lexicon, encoding: .utf8) + "\nquartermaster\n").write(toFile: lexicon, atomically: true, encoding: .utf8)
        let edited = try annotate()
        XCTAssertTrue(edited.contains("8 documents annotated"), edited)
        XCTAssertNotEqual(try defenseSHA256(), before, "the edited lexicon is a new defense")
        XCTAssertTrue(try annotate().contains("0 documents annotated, 8 already done"))

        XCTAssertTrue(try annotate(["--param", "defense.min_hits=1"]).contains("8 documents annotated"))
        XCTAssertTrue(try annotate(["--param", "defense.min_hits=1"]).contains("0 documents annotated, 8 already done"))
        XCTAssertTrue(try annotate(["--force"]).contains("8 documents annotated"))
    }
}
