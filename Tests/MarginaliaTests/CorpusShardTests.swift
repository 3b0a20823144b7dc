import Marginalia
import XCTest

final class CorpusShardTests: XCTestCase {
    func testTheHashIsFixedAcrossMachinesAndProcesses() {
        // The first 8 bytes of SHA-256("abc") are ba7816bf8f01cfea; modulo 7 that is 4.
        XCTAssertEqual(CorpusShard.index(of: "abc", count: 7), Int(UInt64(0xba7816bf8f01cfea) % 7))
        XCTAssertEqual(CorpusShard.index(of: "abc", count: 1), 0)
    }

    func testShardsCoverEveryIdOnceAndAreRoughlyEven() throws {
        let shards = try (0..<4).map { try CorpusShard(index: $0, count: 4) }
        var sizes = [0, 0, 0, 0]
        for number in 0..<4000 {
            let owners = shards.filter { $0.owns(documentID: "doc-\(number)") }
            XCTAssertEqual(owners.count, 1)
            sizes[owners[0].index] += 1
        }
        for size in sizes { XCTAssertTrue((850...1150).contains(size), "\(sizes)") }
        XCTAssertTrue(CorpusShard.whole.owns(documentID: "anything"))
    }

    func testParsing() throws {
        XCTAssertEqual(try CorpusShard(parsing: "2/8"), try CorpusShard(index: 2, count: 8))
        XCTAssertEqual(try CorpusShard(parsing: "2/8").description, "2/8")
        XCTAssertThrowsError(try CorpusShard(parsing: "8/8"))
        XCTAssertThrowsError(try CorpusShard(parsing: "2/"))
        XCTAssertThrowsError(try CorpusShard(parsing: "2/8/1"))
    }
}
