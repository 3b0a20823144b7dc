import Marginalia
import XCTest

/// `marginalia diff`: what two versions of a tagger (or one tagger in two stores) changed,
/// per label and per document.
final class VersionDiffTests: XCTestCase {
    static let text = "Tanks and missiles near the border today."

    private func fixture() throws -> StoreFixture {
        let f = try StoreFixture()
        try f.add(documents: [("d1", Self.text, nil, "en"), ("d2", Self.text, nil, "en")])
        try f.output(StoreFixture.plugin("t", "1.0"), on: "d1", labels: [("topic:x", 0.5)], spans: [("term", 0, 5, 1)])
        try f.output(StoreFixture.plugin("t", "1.0"), on: "d2", spans: [("term", 10, 18, 1)])
        try f.output(StoreFixture.plugin("t", "2.0"), on: "d1", labels: [("topic:x", 0.9)], spans: [("term", 0, 5, 1)])
        try f.output(StoreFixture.plugin("t", "2.0"), on: "d2", spans: [("term", 28, 34, 1)])
        return f
    }

    private func annotations(_ f: StoreFixture, _ plugin: String) throws -> [Annotation] {
        var query = AnnotationQuery()
        query.plugin = plugin
        return try f.store.annotations(matching: query)
    }

    func testAddedRemovedAndRescoredByDocument() throws {
        let f = try fixture()
        let diff = VersionDiff(before: try annotations(f, "t@1.0"), after: try annotations(f, "t@2.0"))
        XCTAssertEqual(diff.unchanged, 1)
        XCTAssertEqual(diff.changes.map { "\($0.documentID) \($0.kind.rawValue) \($0.label) \($0.start ?? -1)" },
                       ["d1 rescored topic:x -1", "d2 removed term 10", "d2 added term 28"])
        XCTAssertEqual(diff.changes[0].before, 0.5)
        XCTAssertEqual(diff.changes[0].after, 0.9)
    }

    func testPerLabelSummaryAndJSON() throws {
        let f = try fixture()
        let diff = VersionDiff(before: try annotations(f, "t@1.0"), after: try annotations(f, "t@2.0"))
        XCTAssertEqual(diff.perLabel.map { "\($0.label) +\($0.added) -\($0.removed) ~\($0.rescored)" }, ["term +1 -1 ~0", "topic:x +0 -0 ~1"])
        let json = try XCTUnwrap(diff.json().objectValue)
        XCTAssertEqual(json["unchanged"], .integer(1))
        XCTAssertEqual(json["changes"]?.arrayValue?[2], ["document": "d2", "change": "added", "label": "term", "start": 28, "end": 34, "after": 1.0])
    }

    func testTheSameVersionHasNoChanges() throws {
        let f = try fixture()
        let diff = VersionDiff(before: try annotations(f, "t@2.0"), after: try annotations(f, "t@2.0"))
        XCTAssertEqual(diff.changes, [])
        XCTAssertEqual(diff.unchanged, 3)
    }
}
