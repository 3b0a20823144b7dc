import Foundation
import Marginalia
import XCTest

/// The static HTML report: chart, agreement tables and highlighted documents, escaped,
/// with nothing loaded from elsewhere.
final class HTMLReportTests: XCTestCase {
    private func report() throws -> String {
        let f = try StoreFixture()
        try f.add(documents: [("d1", "Tanks <script>alert(1)</script> & \"missiles\".", "2016-05-23", "en"),
                              ("d2", "Rice harvest.", nil, "en")])
        try f.output(StoreFixture.plugin("a"), on: "d1", labels: [("topic:defense", 0.5)], spans: [("defense.term", 0, 5, 1), ("defense.term", 35, 43, 0.25)])
        try f.output(StoreFixture.plugin("b"), on: "d1", labels: [("topic:defense", 1)], spans: [("defense.term", 0, 5, 1), ("weapon", 2, 5, 1)])
        try f.output(StoreFixture.plugin("b"), on: "d2", labels: [])
        return try HTMLReport.render(store: f.store)
    }

    private func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    func testChartHasABarPerLabelAndPlugin() throws {
        let html = try report()
        // topic:defense × {a, b}, defense.term × {a, b}, weapon × b.
        XCTAssertEqual(count("<g class=\"bar\"", in: html), 5)
        XCTAssertTrue(html.contains("<g class=\"bar\" data-label=\"defense.term\" data-plugin=\"a@1.0\"><title>defense.term — a@1.0: 2</title>"))
    }

    func testAgreementTablesAndEveryDocument() throws {
        let html = try report()
        XCTAssertEqual(count("<table class=\"report-table\">", in: html), 2)
        XCTAssertTrue(html.contains("<caption>coverage (2 documents)</caption>"))
        XCTAssertEqual(count("<article class=\"document\"", in: html), 2)
        XCTAssertTrue(html.contains("<p class=\"meta\">d1 · 2016-05-23 · en</p>"))
    }

    func testSpansAreHighlightedWithTheirProvenanceInTheTooltip() throws {
        let html = try report()
        // "Ta" is covered by defense.term (a and b); "nks" also by b's weapon span.
        let hash = StoreFixture.plugin("a").sha256.prefix(12)
        XCTAssertTrue(html.contains("<mark class=\"span\" data-labels=\"defense.term\""), html)
        XCTAssertTrue(html.contains("title=\"defense.term — a 1.0 (\(hash)) — score 1\ndefense.term — b 1.0 ("), html)
        XCTAssertTrue(html.contains("<mark class=\"span multi\" data-labels=\"defense.term weapon\""))
        XCTAssertTrue(html.contains("— score 0.25\">missiles</mark>&quot;"), html)
    }

    func testDocumentTextIsEscapedAndNothingComesFromTheNetwork() throws {
        let html = try report()
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; "))
        XCTAssertFalse(html.contains("<script"), "no script at all")
        for external in ["src=", "href=", "url(", "@import", "<link", "<iframe", "<img"] {
            XCTAssertFalse(html.contains(external), "the report loads nothing: found \(external)")
        }
        let addresses = html.components(separatedBy: "http").dropFirst().map { String($0.prefix(30)) }
        XCTAssertEqual(addresses, ["://www.w3.org/2000/svg\" width="], "only the SVG namespace name, which is never fetched")
    }
}
