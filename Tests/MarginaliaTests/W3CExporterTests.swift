import Marginalia
import XCTest

/// The W3C Web Annotation export: a JSON-LD AnnotationCollection whose selectors count
/// code points and whose creator is the plugin with its version and hash.
final class W3CExporterTests: XCTestCase {
    private func collection() throws -> [String: JSONValue] {
        let f = try StoreFixture()
        let text = "Hà Nội 🇻🇳 và Việt Nam"
        try f.add(documents: [("doc/1", text, nil, "vi")])
        let place = StoreFixture.bytes(of: "Việt Nam", in: text)
        try f.output(StoreFixture.plugin("places", "2.1"), on: "doc/1", labels: [("topic:vn", 0.5)],
                     spans: [("place", place.start, place.end, 1)])
        var out = ""
        try W3CExporter.export(from: f.store) { out += $0 }
        return try XCTUnwrap(JSONParser.parse(Array(out.utf8)).objectValue)
    }

    func testCollectionShapeAndContext() throws {
        let json = try collection()
        XCTAssertEqual(json["type"], "AnnotationCollection")
        XCTAssertEqual(json["total"], .integer(2))
        XCTAssertEqual(json["@context"]?.arrayValue?.first, "http://www.w3.org/ns/anno.jsonld")
        XCTAssertEqual(json["first"]?.objectValue?["items"]?.arrayValue?.count, 2)
    }

    func testSpanTargetsHavePositionAndQuoteSelectorsInCodePoints() throws {
        let items = try XCTUnwrap(collection()["first"]?.objectValue?["items"]?.arrayValue)
        let span = try XCTUnwrap(items[1].objectValue)
        XCTAssertEqual(span["motivation"], "tagging")
        XCTAssertEqual(span["body"]?.objectValue?["value"], "place")
        let target = try XCTUnwrap(span["target"]?.objectValue)
        XCTAssertEqual(target["source"], "urn:marginalia:document:doc%2F1")
        let selectors = try XCTUnwrap(target["selector"]?.arrayValue?.map { $0.objectValue! })
        // "Hà Nội 🇻🇳 và " is 13 code points (the flag is two regional indicators).
        XCTAssertEqual(selectors[0], ["type": "TextPositionSelector", "start": .integer(13), "end": .integer(21)])
        XCTAssertEqual(selectors[1], ["type": "TextQuoteSelector", "exact": "Việt Nam", "prefix": "Hà Nội 🇻🇳 và ", "suffix": ""])
    }

    func testCreatorIsThePluginAndDocumentLabelsClassify() throws {
        let items = try XCTUnwrap(collection()["first"]?.objectValue?["items"]?.arrayValue)
        let label = try XCTUnwrap(items[0].objectValue)
        XCTAssertEqual(label["motivation"], "classifying")
        XCTAssertNil(label["target"]?.objectValue?["selector"])
        let creator = try XCTUnwrap(label["creator"]?.objectValue)
        XCTAssertEqual(creator["type"], "Software")
        XCTAssertEqual(creator["name"], "places")
        XCTAssertEqual(creator["version"], "2.1")
        XCTAssertEqual(creator["sha256"], .string(StoreFixture.plugin("places", "2.1").sha256))
        XCTAssertEqual(label["score"]?.doubleValue, 0.5)
        XCTAssertTrue(label["id"]?.stringValue?.hasPrefix("urn:marginalia:annotation:") ?? false)
    }
}
