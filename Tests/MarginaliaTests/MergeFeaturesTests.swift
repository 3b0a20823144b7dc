import Marginalia
import XCTest

/// `merge` keeps the features of what it merges: values all contributors agree on once,
/// differing values per contributor.
final class MergeFeaturesTests: XCTestCase {
    private let text = "Talks between Israel and Egypt resumed."

    private func annotation(_ plugin: PluginIdentity, _ needle: String, _ label: String, _ features: JSONValue) -> Annotation {
        let (start, end) = StoreFixture.bytes(of: needle, in: text)
        return Annotation(documentID: "d1", label: label, span: Span(byteStart: start, byteEnd: end, in: CodePointIndex(text)),
                          score: 1, features: features, plugin: plugin)
    }

    func testMergedSpansKeepAgreedFeaturesOnceAndDifferingOnesPerPlugin() throws {
        let places = StoreFixture.plugin("places"), geo = StoreFixture.plugin("geo", "2.0")
        let merger = LayerMerger(options: MergeOptions(policy: .max), inputs: [places, geo], voters: [:])
        let merged = merger.merge(documentID: "d1", annotations: [
            annotation(places, "Israel", "entity:country", ["code": "IL", "plugins": "mine"]),
            annotation(geo, "Israel", "entity:country", ["code": "IL", "kind": "state"]),
            annotation(places, "Egypt", "entity:country", ["code": "EG"]),
            annotation(geo, "Egypt", "entity:country", ["code": "EGY"]),
        ])
        XCTAssertEqual(merged.count, 2)
        XCTAssertEqual(merged[0].features, [
            "code": "IL", "kind": "state", "input.plugins": "mine", "plugins": ["geo@2.0", "places@1.0"],
        ])
        XCTAssertEqual(merged[1].features, [
            "code": ["geo@2.0": "EGY", "places@1.0": "EG"], "plugins": ["geo@2.0", "places@1.0"],
        ])
    }

    func testMergedDocumentLabelsKeepTheirFeatures() throws {
        let a = StoreFixture.plugin("a"), b = StoreFixture.plugin("b")
        let merger = LayerMerger(options: MergeOptions(policy: .max), inputs: [a, b], voters: [:])
        let merged = merger.merge(documentID: "d1", annotations: [
            Annotation(documentID: "d1", label: "topic:x", span: nil, score: 0.9, features: ["hits": 3, "why": "tanks"], plugin: a),
            Annotation(documentID: "d1", label: "topic:x", span: nil, score: 0.6, features: ["hits": 1, "why": "tanks"], plugin: b),
        ])
        let features = try XCTUnwrap(merged.first?.features.objectValue)
        XCTAssertEqual(features["why"], "tanks")
        XCTAssertEqual(features["hits"], ["a@1.0": 3, "b@1.0": 1])
        XCTAssertEqual(features["voters"], 2)
    }

    func testJoinedOverlappingSpansOfOnePluginListTheirValues() throws {
        let places = StoreFixture.plugin("places")
        let merger = LayerMerger(options: MergeOptions(policy: .max, spans: .join), inputs: [places], voters: [:])
        let merged = merger.merge(documentID: "d1", annotations: [
            annotation(places, "Israel and", "entity:country", ["code": "IL"]),
            annotation(places, "and Egypt", "entity:country", ["code": "EG"]),
        ])
        XCTAssertEqual(merged.count, 1)
        XCTAssertEqual(merged[0].features.objectValue?["code"], ["places@1.0": ["EG", "IL"]])
    }
}
