import Foundation
import Marginalia
import XCTest

/// The bundled plugins agree with the hand labels of `seeds/gold.tsv` on every scored cell.
final class SeedGoldTests: XCTestCase {
    func testBundledPluginsMatchEveryScoredGoldCell() throws {
        let directory = TemporaryDirectory()
        let store = directory.file("seeds.sqlite")
        let summary = try annotate([Repository.path("seeds")], plugins: Repository.bundledPlugins, store: store)
        XCTAssertEqual(summary.errors, [])
        XCTAssertEqual(summary.documentsAnnotated, 5)

        var fired: Set<String> = []   // "document topic"
        for line in try exportJSONL(store).split(separator: "\n") {
            let object = try JSONParser.parse(Array(line.utf8)).objectValue!
            let label = object["label"]!.stringValue!
            if label.hasPrefix("topic:") {
                fired.insert(object["document"]!.stringValue! + " " + label.dropFirst("topic:".count))
            }
        }

        let gold = try String(contentsOfFile: Repository.path("seeds/gold.tsv"), encoding: .utf8)
        let rows = gold.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t").map(String.init) }
        let header = rows[0]
        var scored = 0
        for row in rows.dropFirst() {
            for topic in ["defense", "agriculture", "un_votes"] {
                let cell = row[header.firstIndex(of: topic)!]
                guard cell != "?" else { continue }
                scored += 1
                let didFire = fired.contains("\(row[0]) \(topic)")
                XCTAssertEqual(didFire, cell == "1", "\(topic) on \(row[0]): gold says \(cell), plugin \(didFire ? "fired" : "did not fire")")
            }
        }
        XCTAssertEqual(scored, 13, "gold.tsv should have 13 scored cells for these three topics")
    }
}
