import Marginalia
import XCTest

/// CSV rows: RFC 4180 quoting, code-point offsets, empty span columns for document labels,
/// document metadata and one column per feature.
final class CSVExporterTests: XCTestCase {
    let who = PluginIdentity(name: "p", version: "1", sha256: "abc")
    let document = Document(id: "d", text: "", metadata: DocumentMetadata(title: "T, too", date: "2016-01-02", language: "vi", source: "AJ", input: "in.jsonl:4"))

    func testSpanRowsQuoteCommasQuotesAndLineBreaks() throws {
        let text = "Việt, \"Nam\"\nnext"
        let span = Span(byteStart: 0, byteEnd: Array(text.utf8).count - 5, in: CodePointIndex(text))
        let annotation = Annotation(documentID: "d", label: "place", span: span, score: 0.5, features: ["note": "a,b"], plugin: who)
        XCTAssertEqual(try CSVExporter.row(for: annotation, of: document, utf8: Array(text.utf8), featureKeys: ["note"]),
                       "d,place,0,11,\"Việt, \"\"Nam\"\"\",0.5,p,1,abc,\"{\"\"note\"\":\"\"a,b\"\"}\",2016-01-02,vi,AJ,in.jsonl:4,\"T, too\",\"a,b\"\n")
    }

    func testDocumentLabelRowsLeaveTheSpanColumnsEmpty() throws {
        let annotation = Annotation(documentID: "d", label: "topic:x", span: nil, score: 1, plugin: who)
        XCTAssertEqual(try CSVExporter.row(for: annotation, of: Document(id: "d", text: ""), utf8: [], featureKeys: []), "d,topic:x,,,,1,p,1,abc,{},,und,,,\n")
        XCTAssertEqual(CSVExporter.header(featureKeys: []).split(separator: ",").count, 15)
    }

    func testFeatureCellsAreStringsAsTheyAreAndJSONOtherwise() throws {
        let features: JSONValue = ["name": "Hà Nội", "count": 3, "codes": ["IL", "VN"]]
        let annotation = Annotation(documentID: "d", label: "topic:x", span: nil, score: 1, features: features, plugin: who)
        let row = try CSVExporter.row(for: annotation, of: document, utf8: [], featureKeys: ["codes", "count", "missing", "name"])
        XCTAssertTrue(row.hasSuffix(",\"[\"\"IL\"\",\"\"VN\"\"]\",3,,Hà Nội\n"), row)
        XCTAssertEqual(CSVExporter.header(featureKeys: ["codes", "count"]).split(separator: ",").suffix(2), ["feature.codes", "feature.count\n"])
    }
}
