import Foundation
import Marginalia
import MarginaliaTestSupport
import XCTest

/// The static report as a browser sees it: headless Chromium (Debian's `chromium`, installed
/// by scripts/install-deps.sh) loads its pages with every host name unresolvable, and the
/// test reads back the DOM it built and a screenshot.
///
/// Set MARGINALIA_REPORT_SCREENSHOT=/some/file.png to keep the screenshot and look at it.
/// The same tests run on a SQLite store here and on a PostgreSQL one in
/// `ReportBrowserPostgreSQLTests`.
class ReportBrowserTests: XCTestCase {
    /// The store's backend; the subclass runs every test again on the other one.
    class var backend: TestStore.Backend { .sqlite }

    private var directory: TemporaryDirectory!
    private var testStore: TestStore!
    private var chromium: String!

    override func setUpWithError() throws {
        directory = TemporaryDirectory()
        testStore = try TestStore.make(Self.backend, in: directory)
        chromium = try XCTUnwrap(ChildProcess.which("chromium") ?? ChildProcess.which("chromium-browser"),
                                 "headless Chromium is needed to render the report: run scripts/install-deps.sh")
        for arguments in [
            ["annotate", Repository.path("seeds"), "--plugins", Repository.path("Plugins"), "--only", "defense,agriculture,un_votes", "--quiet"],
            ["merge", "--policy", "vote"],
            ["export", "--format", "brat", "--output", "brat"],
            ["import", "brat", "--layer", "alice"],
            ["report", "--output", "report"],
        ] {
            let result = try marginalia(arguments + ["--store", testStore.location], in: directory.path, environment: testStore.environment)
            XCTAssertEqual(result.status, 0, "marginalia \(arguments.joined(separator: " ")): \(result.stderr)")
        }
    }

    override func tearDown() {
        testStore = nil
        directory = nil
    }

    private func dom(_ page: String) throws -> String {
        try BrowserPage.dumpDOM(URL(fileURLWithPath: directory.file("report/" + page)).absoluteString, chromium: chromium,
                                profile: directory.file("profile"))
    }

    private var store: any BrowsableStore { get throws { try testStore.open() } }

    /// The relative links of a page that lead to other pages of the report.
    private func links(in html: String) -> [String] {
        html.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" && $0 != "#" }) }.filter { !$0.isEmpty }
    }

    func testTheIndexHasTheOverviewAndLinksOnlyToPagesThatExist() throws {
        let dom = try dom("index.html")
        XCTAssertTrue(dom.contains("<h1>Marginalia</h1>"), String(dom.prefix(2000)))
        for element in ["<script", "<link", "<img", "<iframe", "<object", "<embed"] {
            XCTAssertFalse(dom.contains(element), "the page loads nothing: \(element)")
        }
        let bars = try store.countAnnotations(matching: AnnotationQuery()).count
        XCTAssertEqual(BrowserPage.occurrences(of: "<g class=\"bar\"", in: dom), bars, "one bar per label × plugin version")
        XCTAssertEqual(BrowserPage.occurrences(of: "<table class=\"report-table\">", in: dom), 2, "coverage and pairs")
        XCTAssertTrue(dom.contains("<td>alice@brat</td>"), "the hand layer is in the agreement table")
        let targets = Set(links(in: dom))
        XCTAssertTrue(targets.contains("documents/batch-0001.html"), "\(targets)")
        XCTAssertTrue(targets.contains("labels/topic__defense-1.html"), "\(targets)")
        for target in targets {
            XCTAssertTrue(FileManager.default.fileExists(atPath: directory.file("report/" + target)), "a link to \(target)")
        }
    }

    func testEveryDocumentTextAndEverySpanSurviveTheHighlighting() throws {
        let dom = try dom("documents/batch-0001.html")
        let store = try store
        let articles = dom.components(separatedBy: "<article class=\"document\"").dropFirst()
        XCTAssertEqual(articles.count, 5)
        for article in articles {
            let id = try XCTUnwrap(article.components(separatedBy: "data-id=\"").dropFirst().first?.prefix { $0 != "\"" })
            let text = try XCTUnwrap(article.components(separatedBy: "<div class=\"text\">").dropFirst().first?
                .components(separatedBy: "</div>").first, String(id))
            let document = try XCTUnwrap(store.document(id: String(id)), String(id))
            XCTAssertEqual(BrowserPage.plainText(text), document.text, "the text of \(id) as the browser shows it")
            let spans = try store.annotations(documentID: String(id)).filter { $0.span != nil }
            let shown = BrowserPage.highlightedSpans(in: text)
            XCTAssertEqual(shown.count, spans.count, String(id))
            let utf8 = Array(document.text.utf8)
            for (index, span) in spans.enumerated() {
                XCTAssertEqual(shown[index + 1], String(decoding: utf8[span.span!.byteStart..<span.span!.byteEnd], as: UTF8.self), "\(id) span \(index + 1)")
            }
        }
        let defense = try XCTUnwrap(store.layers().last { $0.name == "defense" })
        XCTAssertTrue(dom.contains(" — defense@\(defense.version) (\(defense.sha256.prefix(12))) — score "), "tooltips name plugin, version and hash")
    }

    func testLabelPagesShowEachSpanInContext() throws {
        let dom = try dom("labels/defense.term-1.html")
        let spans = try store.annotations(matching: { var query = AnnotationQuery(); query.labels = LabelSelector("defense.term"); return query }())
        XCTAssertEqual(BrowserPage.occurrences(of: "<td class=\"hit\">", in: dom), min(100, spans.count))
        XCTAssertTrue(dom.contains("href=\"../documents/batch-0001.html#doc-000_fac921506216631c\""), "lines link to their document")
    }

    func testEveryKWICLineOfALabelIsOnOneOfItsPages() throws {
        // 305 colour.word spans in 33 documents: four pages of lines.
        let other = TemporaryDirectory()
        let otherStore = try TestStore.make(Self.backend, in: other)
        let corpus = ColourCorpus(in: other)
        let many = other.write("many.jsonl", ColourCorpus.manyColoursJSONL(count: 30, wordsEach: 10))
        for arguments in [["annotate", corpus.input, "--plugins", corpus.plugins, "--only", "colours", "--quiet"],
                          ["annotate", many, "--plugins", corpus.plugins, "--only", "colours", "--quiet"], ["report", "--output", "report"]] {
            let result = try marginalia(arguments + ["--store", otherStore.location], in: other.path, environment: otherStore.environment)
            XCTAssertEqual(result.status, 0, "marginalia \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        let store = try otherStore.open()
        let spans = try store.annotations(matching: { var query = AnnotationQuery(); query.labels = LabelSelector("colour.word"); return query }())
            .filter { $0.span != nil }
        XCTAssertEqual(spans.count, 305)
        var shown: [(document: String, hit: String)] = []
        for page in 1...4 {
            let html = try String(contentsOfFile: other.file("report/labels/colour.word-\(page).html"), encoding: .utf8)
            let lines = BrowserPage.kwicLines(in: html)
            XCTAssertEqual(lines.count, page < 4 ? 100 : 5, "page \(page)")
            XCTAssertTrue(html.contains("page \(page) of 4"), html)
            if page < 4 { XCTAssertTrue(html.contains("rel=\"next\" href=\"colour.word-\(page + 1).html\""), html) }
            XCTAssertEqual(BrowserPage.occurrences(of: "<li><a href=\"../documents/", in: html), page == 1 ? 33 : 0, "the 33 documents on page 1")
            shown += lines
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: other.file("report/labels/colour.word-5.html")))
        XCTAssertEqual(shown.map(\.document), spans.map(\.documentID), "every span once, in export order")
        let texts = try spans.map { try XCTUnwrap($0.coveredText(in: Array(try XCTUnwrap(store.document(id: $0.documentID)).text.utf8))) }
        XCTAssertEqual(shown.map(\.hit), texts)
        let browser = try BrowserPage.dumpDOM(URL(fileURLWithPath: other.file("report/labels/colour.word-4.html")).absoluteString,
                                              chromium: chromium, profile: other.file("profile"))
        XCTAssertTrue(browser.contains("301–305 of 305 spans"), browser)
    }

    func testASubsetAndNoPageOverTheLimit() throws {
        let subset = try marginalia(["report", "--output", "subset", "--label", "topic:", "--limit", "2", "--store", testStore.location],
                                    in: directory.path, environment: testStore.environment)
        XCTAssertEqual(subset.status, 0, subset.stderr)
        XCTAssertTrue(subset.stderr.hasPrefix("2 documents on "), subset.stderr)
        let index = try String(contentsOfFile: directory.file("subset/index.html"), encoding: .utf8)
        XCTAssertFalse(index.contains("data-label=\"defense.term\""), "only topic labels are counted")
        let pages = try FileManager.default.subpathsOfDirectory(atPath: directory.file("report")).filter { $0.hasSuffix(".html") }
        for page in pages {
            let size = try FileManager.default.attributesOfItem(atPath: directory.file("report/" + page))[.size] as? Int ?? 0
            XCTAssertLessThan(size, 2_000_000, page)
        }
    }

    func testPluginAndSampleChooseTheLabelsAndSpreadTheDocuments() throws {
        let sampled = try marginalia(["report", "--output", "sampled", "--plugin", "agriculture", "--sample", "2", "--store", testStore.location],
                                     in: directory.path, environment: testStore.environment)
        XCTAssertEqual(sampled.status, 0, sampled.stderr)
        XCTAssertTrue(sampled.stderr.hasPrefix("2 documents on "), sampled.stderr)
        var query = AnnotationQuery()
        query.plugin = "agriculture"
        let store = try store
        // Every k-th document with agriculture output, k = their number ÷ 2.
        let candidates = try store.documentIDs(matching: query, offset: 0, limit: 1_000)
        XCTAssertGreaterThan(candidates.count, 2, "the seeds give the sample something to choose from")
        let stride = max(1, candidates.count / 2)
        let expected = candidates.enumerated().filter { $0.offset % stride == 0 }.prefix(2).map(\.element)
        let batches = try FileManager.default.contentsOfDirectory(atPath: directory.file("sampled/documents")).sorted()
        let shown = try batches.flatMap { batch in
            try String(contentsOfFile: directory.file("sampled/documents/" + batch), encoding: .utf8)
                .components(separatedBy: "<article class=\"document\" id=\"").dropFirst()
                .map { piece in String(piece.components(separatedBy: "data-id=\"")[1].prefix { $0 != "\"" }) }
        }
        XCTAssertEqual(shown, expected, "spread over the store, not the first two")
        let index = try String(contentsOfFile: directory.file("sampled/index.html"), encoding: .utf8)
        let labels = Set(try store.countAnnotations(matching: query).map(\.label))
        for label in labels { XCTAssertTrue(index.contains("data-label=\"\(label)\""), label) }
        XCTAssertFalse(index.contains("data-label=\"defense.term\""), "another plugin's labels are left out")
        let refused = try marginalia(["report", "--output", "x", "--plugin", "nosuch", "--store", testStore.location], in: directory.path,
                                     environment: testStore.environment)
        XCTAssertEqual(refused.status, 1, "an unknown plugin is an error: \(refused.stderr)")
    }

    func testTheScreenshotIsAFullPage() throws {
        let screenshot = directory.file("report.png")
        let page = URL(fileURLWithPath: directory.file("report/index.html")).absoluteString
        let browser = [chromium!, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                       "--user-data-dir=" + directory.file("profile"), "--host-resolver-rules=MAP * ~NOTFOUND",
                       "--window-size=1280,2400", "--hide-scrollbars", "--screenshot=" + screenshot, page]
        let result = try ChildProcess.run(program: ChildProcess.which("timeout") ?? "/usr/bin/timeout", ["120"] + browser)
        XCTAssertEqual(result.status, 0, result.stderr)
        let png = try XCTUnwrap(FileManager.default.contents(atPath: screenshot), "no screenshot written")
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG file")
        let bytes = Array(png)
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual([width, height], [1280, 2400])
        XCTAssertGreaterThan(png.count, 40_000, "a blank page compresses to a few kilobytes; text and charts do not")
        if let keep = ProcessInfo.processInfo.environment["MARGINALIA_REPORT_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: screenshot, toPath: keep)
        }
    }
}

/// Every `ReportBrowserTests` test again, on a PostgreSQL store.
final class ReportBrowserPostgreSQLTests: ReportBrowserTests {
    override class var backend: TestStore.Backend { .postgresql }

    // Linux's test discovery finds a subclass by the tests it declares: each is named again here.
    override func testTheIndexHasTheOverviewAndLinksOnlyToPagesThatExist() throws { try super.testTheIndexHasTheOverviewAndLinksOnlyToPagesThatExist() }
    override func testEveryDocumentTextAndEverySpanSurviveTheHighlighting() throws { try super.testEveryDocumentTextAndEverySpanSurviveTheHighlighting() }
    override func testLabelPagesShowEachSpanInContext() throws { try super.testLabelPagesShowEachSpanInContext() }
    override func testEveryKWICLineOfALabelIsOnOneOfItsPages() throws { try super.testEveryKWICLineOfALabelIsOnOneOfItsPages() }
    override func testASubsetAndNoPageOverTheLimit() throws { try super.testASubsetAndNoPageOverTheLimit() }
    override func testTheScreenshotIsAFullPage() throws { try super.testTheScreenshotIsAFullPage() }
    override func testPluginAndSampleChooseTheLabelsAndSpreadTheDocuments() throws { try super.testPluginAndSampleChooseTheLabelsAndSpreadTheDocuments() }
}
