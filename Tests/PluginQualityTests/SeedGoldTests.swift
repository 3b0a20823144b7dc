import Foundation
import Marginalia
import MarginaliaTestSupport
import XCTest

/// The bundled plugins agree with the hand labels of `seeds/gold.tsv` on every scored cell of
/// all six topics, name the country pair of each seed, and extract the UN votes of seed 000.
final class SeedGoldTests: XCTestCase {
    static let topics = ["defense", "agriculture", "un_votes", "diplomacy", "trade", "humanitarian"]
    static let pairs = [
        "000_fac921506216631c": ["IL", "VN"], "001_807720ca2e8041dc": ["IL", "VN"],
        "002_5d20180c7dd8879e": ["PS", "VN"], "003_96522f9657979dbd": ["CN", "IL"],
        "004_967e61519e458d4d": ["RU", "VN"],
    ]

    private func annotatedSeeds() throws -> [[String: JSONValue]] {
        let directory = TemporaryDirectory()
        let store = directory.file("seeds.sqlite")
        let summary = try annotate([Repository.path("seeds")], plugins: Repository.bundledPlugins, store: store)
        XCTAssertEqual(summary.errors, [])
        XCTAssertEqual(summary.documentsAnnotated, 5)
        return try exportJSONL(store).split(separator: "\n").map { try JSONParser.parse(Array($0.utf8)).objectValue! }
    }

    func testBundledPluginsMatchEveryScoredGoldCell() throws {
        let annotations = try annotatedSeeds()
        var fired: Set<String> = []
        for object in annotations {
            let label = object["label"]!.stringValue!
            if label.hasPrefix("topic:") { fired.insert(object["document"]!.stringValue! + " " + label.dropFirst("topic:".count)) }
        }
        let gold = try GoldTable(repositoryFile: "seeds/gold.tsv")
        var scored = 0
        for row in gold.rows {
            for topic in Self.topics {
                guard let cell = row.cells["topic:" + topic], let expected = cell else { continue }
                scored += 1
                let didFire = fired.contains("\(row.documentID) \(topic)")
                XCTAssertEqual(didFire, expected, "\(topic) on \(row.documentID): gold says \(expected ? 1 : 0), plugin \(didFire ? "fired" : "did not fire")")
            }
        }
        XCTAssertEqual(scored, 26, "gold.tsv should have 26 scored cells for the six topics")
    }

    func testRelationsNameTheCountryPairOfEachSeed() throws {
        var found: [String: [String]] = [:]
        for object in try annotatedSeeds() where object["label"]?.stringValue == "relation:bilateral" {
            let countries = object["features"]?.objectValue?["countries"]?.arrayValue?.compactMap(\.stringValue) ?? []
            found[object["document"]!.stringValue!] = countries
        }
        XCTAssertEqual(found, Self.pairs)
    }

    func testUNVotesOfSeed000() throws {
        let votes = try annotatedSeeds().filter {
            $0["document"]?.stringValue == "000_fac921506216631c" && $0["label"]?.stringValue == "un.vote"
        }.map { $0["features"]!.objectValue! }
        func has(_ expected: [String: JSONValue], subjectContaining words: String) -> Bool {
            votes.contains { vote in
                expected.allSatisfy { vote[$0.key] == $0.value } && (vote["subject"]?.stringValue ?? "").contains(words)
            }
        }
        // "Recently, Hanoi voted in favor of the controversial UNESCO resolution that disregards ..."
        XCTAssertTrue(has(["voter": .string("VN"), "body": .string("UNESCO"), "position": .string("for")],
                          subjectContaining: "Jewish religious connection to Jerusalem"), "\(votes)")
        // "... received Vietnamese support, however, such as in 2014 on a resolution submitted by Israel ..."
        XCTAssertTrue(has(["voter": .string("VN"), "body": .string("UN"), "position": .string("support"), "year": .integer(2014)],
                          subjectContaining: "submitted by Israel"), "\(votes)")
    }
}
