import Foundation
import Marginalia
import MarginaliaBatch
import MarginaliaLua
import MarginaliaTestSupport
import XCTest

/// Every bundled plugin finishes a 10 MB document within the default instruction and memory
/// limits: their work grows about linearly with the text (un_votes once paired every UN
/// body with every country mention, and every sentence with every match: quadratic).
final class LongDocumentTests: XCTestCase {
    func testEveryBundledPluginFinishesATenMegabyteDocument() throws {
        let text = Self.longArticle(bytes: 10 << 20)
        XCTAssertGreaterThanOrEqual(text.utf8.count, 10 << 20)
        // Default instruction and memory budgets; the time limit is the debug build's, which
        // runs the Swift side (lexicons, sentences) several times slower than a release build.
        let limits = SandboxLimits(seconds: 600)
        XCTAssertEqual(limits.instructions, SandboxLimits().instructions)
        XCTAssertEqual(limits.memoryBytes, SandboxLimits().memoryBytes)
        let host = try PluginSet(paths: Repository.bundledPlugins, limits: limits).makeHost()
        host.onLog = { _, _ in }
        let results = host.annotate(Document(id: "long", text: text))
        var votes = 0
        for result in results {
            switch result {
            case .success(let output):
                if output.plugin.name == "un_votes" { votes = output.annotations.filter { $0.label == "un.vote" }.count }
            case .failure(let error):
                XCTFail("\(error.kind.rawValue): \(error.message)")
            }
        }
        XCTAssertEqual(results.count, Repository.bundledPluginNames.count)
        // The article is full of votes, countries and UN bodies: un_votes had work to do.
        XCTAssertGreaterThan(votes, 10_000)
    }

    /// A made-up article of at least `bytes` bytes (never corpus text): paragraphs of votes in
    /// UN bodies, countries, national councils and other news, in an order fixed by a seed.
    static func longArticle(bytes: Int) -> String {
        let sentences = [
            "Vietnam voted in favor of the resolution at the UN Security Council in 2019.",
            "France and China abstained when the UN General Assembly adopted the text on Tuesday.",
            "Ukraine's Security Council voted to ban five MPs; Crimea voted in a referendum.",
            "The US put a draft resolution to the U.N. Security Council.",
            "Russia vetoed it on Friday, and India did not vote for the resolution.",
            "Le Vietnam a voté la résolution à l'Assemblée générale des Nations unies.",
            "The army bought new tanks and air defense missiles for the border brigades.",
            "Farmers in Brazil fear the drought will ruin the maize harvest.",
            "Japan and Germany signed a trade agreement in Berlin.",
            "Aid agencies sent food to refugees in Sudan after the floods.",
        ]
        var generator = SeededGenerator(seed: 20_261_201)
        var text = ""
        text.reserveCapacity(bytes + 200)
        while text.utf8.count < bytes {
            for _ in 0..<6 { text += sentences[Int(generator.next() % UInt64(sentences.count))] + " " }
            text += "\n\n"
        }
        return text
    }
}

/// A small deterministic random number generator (SplitMix64), for reproducible test data.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
