import Marginalia
import XCTest

/// CSV rows: RFC 4180 quoting, code-point offsets, empty span columns for document labels.
final class CSVExporterTests: XCTestCase {
    let who = PluginIdentity(name: "p", version: "1", sha256: "abc")

    func testSpanRowsQuoteCommasQuotesAndLineBreaks() {
        let text = "Việt, \"Nam\"\nnext"
        let span = Span(byteStart: 0, byteEnd: Array(text.utf8).count - 5, in: CodePointIndex(text))
        let annotation = Annotation(documentID: "d", label: "place", span: span, score: 0.5, features: ["note": "a,b"], plugin: who)
        XCTAssertEqual(CSVExporter.row(for: annotation, utf8: Array(text.utf8)),
                       "d,place,0,11,\"Việt, \"\"Nam\"\"\",0.5,p,1,abc,\"{\"\"note\"\":\"\"a,b\"\"}\"\n")
    }

    func testDocumentLabelRowsLeaveTheSpanColumnsEmpty() {
        let annotation = Annotation(documentID: "d", label: "topic:x", span: nil, score: 1, plugin: who)
        XCTAssertEqual(CSVExporter.row(for: annotation, utf8: []), "d,topic:x,,,,1,p,1,abc,{}\n")
        XCTAssertEqual(CSVExporter.header.split(separator: ",").count, 10)
    }
}
