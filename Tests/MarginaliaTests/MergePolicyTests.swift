import Marginalia
import XCTest

/// Each merge policy on a hand-made store: three plugins label `topic:x` on one document
/// with 0.9, 0.6 and nothing (a silent voter counts 0).
final class MergePolicyTests: XCTestCase {
    private func fixture() throws -> StoreFixture {
        let f = try StoreFixture()
        try f.add(documents: [("d1", "Tanks and missiles near the border.", nil, "en"), ("d2", "Rice harvest.", nil, "en")])
        try f.output(StoreFixture.plugin("a"), on: "d1", labels: [("topic:x", 0.9)])
        try f.output(StoreFixture.plugin("b"), on: "d1", labels: [("topic:x", 0.6)])
        try f.output(StoreFixture.plugin("c"), on: "d1", labels: [])
        try f.output(StoreFixture.plugin("c"), on: "d2", labels: [("topic:x", 0.2)])
        return f
    }

    private func mergedScore(_ policy: MergePolicy, document: String = "d1") throws -> Double? {
        let f = try fixture()
        _ = try MergeJob.run(MergeOptions(policy: policy), store: f.store)
        return try f.merged(document).first { $0.label == "topic:x" }?.score
    }

    func testMaxTakesTheHighestScore() throws {
        XCTAssertEqual(try mergedScore(.max), 0.9)
    }

    func testMeanAveragesOverEveryVoterOfTheLabel() throws {
        XCTAssertEqual(try XCTUnwrap(try mergedScore(.mean)), (0.9 + 0.6 + 0) / 3, accuracy: 1e-12)
    }

    func testVoteKeepsAStrictMajorityAboveTheThreshold() throws {
        XCTAssertEqual(try XCTUnwrap(try mergedScore(.vote(threshold: 0.5))), 2.0 / 3, accuracy: 1e-12)
        XCTAssertNil(try mergedScore(.vote(threshold: 0.7)), "only one of three votes yes at 0.7")
        XCTAssertNil(try mergedScore(.vote(threshold: 0.5), document: "d2"), "one yes vote out of three")
    }

    func testWeightedUsesThePluginWeights() throws {
        let score = try XCTUnwrap(try mergedScore(.weighted(["a": 3, "b": 1, "c": 0])))
        XCTAssertEqual(score, (3 * 0.9 + 1 * 0.6) / 4, accuracy: 1e-12)
    }

    func testNoisyOrCombinesIndependentDetectors() throws {
        XCTAssertEqual(try XCTUnwrap(try mergedScore(.noisyOr)), 1 - (1 - 0.9) * (1 - 0.6), accuracy: 1e-12)
    }

    func testUnknownPolicyAndBadWeightsAreRejected() {
        XCTAssertThrowsError(try MergePolicy(name: "average")) { XCTAssertTrue("\($0)".contains("noisy-or"), "\($0)") }
        XCTAssertThrowsError(try MergePolicy.parseWeights("a=x"))
        XCTAssertEqual(try MergePolicy.parseWeights("a=2, b=0.5"), ["a": 2, "b": 0.5])
    }

    func testMergedLayerRecordsItsProvenanceAndLeavesRawAnnotationsAlone() throws {
        let f = try fixture()
        let before = try f.export()
        let summary = try MergeJob.run(MergeOptions(policy: .max), store: f.store)
        XCTAssertEqual(summary.inputs.map(\.name), ["a", "b", "c"])
        let label = try XCTUnwrap(try f.merged("d1").first)
        XCTAssertEqual(label.plugin.version, "max spans=join")
        XCTAssertEqual(label.features.objectValue?["plugins"], ["a@1.0", "b@1.0"])
        let raw = try f.export().split(separator: "\n").filter { !$0.contains("\"plugin\":\"merged\"") }
        XCTAssertEqual(raw.joined(separator: "\n") + "\n", before, "raw annotations unchanged")
    }

    func testReMergingIsIdempotent() throws {
        let f = try fixture()
        _ = try MergeJob.run(MergeOptions(policy: .mean), store: f.store)
        let once = try f.export()
        _ = try MergeJob.run(MergeOptions(policy: .mean), store: f.store)
        XCTAssertEqual(try f.export(), once)
        _ = try MergeJob.run(MergeOptions(policy: .max), store: f.store)
        XCTAssertEqual(try f.store.layers().filter { $0.name == "merged" }.map(\.version), ["max spans=join", "mean spans=join"],
                       "different policies sit side by side")
    }

    func testIdenticalSpansAreDeduplicatedAndOverlapsJoinedOrLongestKept() throws {
        let f = try StoreFixture()
        try f.add(documents: [("d", "air defense missile systems", nil, "en")])
        //                         0   4       12      20
        try f.output(StoreFixture.plugin("a"), on: "d", spans: [("term", 4, 11, 0.5), ("term", 4, 19, 0.7), ("other", 0, 3, 1)])
        try f.output(StoreFixture.plugin("b"), on: "d", spans: [("term", 4, 11, 0.9), ("term", 12, 27, 0.4)])
        _ = try MergeJob.run(MergeOptions(policy: .max, spans: .join), store: f.store)
        let joined = try f.merged("d").filter { $0.label == "term" }
        XCTAssertEqual(joined.map { [$0.span!.codePointStart, $0.span!.codePointEnd] }, [[4, 27]])
        XCTAssertEqual(joined.first?.score, 0.9)
        XCTAssertEqual(joined.first?.features.objectValue?["plugins"], ["a@1.0", "b@1.0"])

        _ = try MergeJob.run(MergeOptions(policy: .max, spans: .longest), store: f.store)
        let longest = try f.store.annotations(documentID: "d").filter { $0.plugin.version == "max spans=longest" && $0.label == "term" }
        XCTAssertEqual(longest.map { [$0.span!.codePointStart, $0.span!.codePointEnd] }, [[4, 19]], "15 long beats 7 and overlaps the 15 of b")

        let f2 = try StoreFixture()
        try f2.add(documents: [("d", "air defense missile systems", nil, "en")])
        try f2.output(StoreFixture.plugin("a"), on: "d", spans: [("term", 4, 11, 0.5)])
        try f2.output(StoreFixture.plugin("b"), on: "d", spans: [("term", 4, 11, 0.9), ("term", 20, 27, 0.3)])
        _ = try MergeJob.run(MergeOptions(policy: .max), store: f2.store)
        let deduplicated = try f2.merged("d")
        XCTAssertEqual(deduplicated.count, 2)
        XCTAssertEqual(deduplicated[0].features.objectValue?["plugins"], ["a@1.0", "b@1.0"])
        XCTAssertEqual(deduplicated[1].features.objectValue?["plugins"], ["b@1.0"])
    }

    func testLatestVersionByDefaultAllVersionsOnRequest() throws {
        let f = try StoreFixture()
        try f.add(documents: [("d", "text", nil, "en")])
        try f.output(StoreFixture.plugin("a", "1.9"), on: "d", labels: [("topic:x", 0.2)])
        try f.output(StoreFixture.plugin("a", "1.10"), on: "d", labels: [("topic:x", 0.8)])
        let latest = try MergeJob.run(MergeOptions(policy: .mean), store: f.store)
        XCTAssertEqual(latest.inputs.map(\.version), ["1.10"])
        XCTAssertEqual(try f.merged("d").first?.score, 0.8)
        let all = try MergeJob.run(MergeOptions(policy: .mean, allVersions: true), store: f.store)
        XCTAssertEqual(all.inputs.map(\.version), ["1.10", "1.9"])
        let score = try f.store.annotations(documentID: "d").first { $0.plugin.version == "mean spans=join versions=all" }?.score
        XCTAssertEqual(try XCTUnwrap(score), 0.5, accuracy: 1e-12)
    }
}
