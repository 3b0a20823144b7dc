import Marginalia
import MarginaliaLua
import XCTest

/// `lex:find_all(s)` on a plain Lua string (not the document): byte offsets into that string,
/// with case and accent folding.
final class LexiconOnStringTests: XCTestCase {
    func testFindAllOnAStringGivesOffsetsIntoThatString() throws {
        let outcome = try runHostile("""
            for _, m in ipairs(marginalia.lexicon{ "ha noi" }:find_all("Hà Nội and HA NOI")) do
              doc:label("hostile.out", 1, { start = m.start, stop = m.stop, term = m.term })
            end
            """)
        let output = try outcome.get()
        let found = output.annotations.map { annotation -> String in
            let features = annotation.features.objectValue ?? [:]
            let start = Int(features["start"]?.doubleValue ?? -1), stop = Int(features["stop"]?.doubleValue ?? -1)
            return "\(start)-\(stop) \(features["term"]?.stringValue ?? "?")"
        }
        // "Hà Nội" is bytes 1-9 (à and ộ take 2 and 3 bytes); "HA NOI" bytes 15-20.
        XCTAssertEqual(found, ["1-9 ha noi", "15-20 ha noi"])
    }
}
