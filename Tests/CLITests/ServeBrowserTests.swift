import Foundation
import GRDB
import Marginalia
import MarginaliaTestSupport
import XCTest

/// `marginalia serve` as a browser sees it: the server started on a free loopback port,
/// pages read back in headless Chromium, statuses over plain HTTP, the server stopped by
/// its PID. The same tests run on a SQLite store here and on a PostgreSQL one in
/// `ServeBrowserPostgreSQLTests`.
class ServeBrowserTests: XCTestCase {
    /// The store's backend; the subclass runs every test again on the other one.
    class var backend: TestStore.Backend { .sqlite }

    fileprivate var directory: TemporaryDirectory!
    fileprivate var testStore: TestStore!
    fileprivate var server: ChildProcess!
    fileprivate var port: UInt16 = 0
    fileprivate var chromium: String!

    override func setUpWithError() throws {
        directory = TemporaryDirectory()
        chromium = try XCTUnwrap(ChildProcess.which("chromium") ?? ChildProcess.which("chromium-browser"),
                                 "headless Chromium is needed: run scripts/install-deps.sh")
        testStore = try TestStore.make(Self.backend, in: directory)
        let corpus = ColourCorpus(in: directory)
        let annotate = try marginalia(["annotate", corpus.input, "--plugins", corpus.plugins, "--only", "colours,shapes", "--quiet",
                                       "--store", testStore.location], in: directory.path, environment: testStore.environment)
        XCTAssertEqual(annotate.status, 0, annotate.stderr)
        port = try LoopbackHTTP.freePort()
        server = try ChildProcess(["serve", "--store", testStore.location, "--port", String(port)], in: directory.path,
                                  environment: testStore.environment)
        try LoopbackHTTP.waitUntilListening(port: port)
    }

    override func tearDown() {
        if let server, server.isRunning {
            server.signal(SIGTERM)
            server.wait()
        }
        server = nil
        testStore = nil
        directory = nil
    }

    fileprivate func page(_ path: String) throws -> String {
        try BrowserPage.dumpDOM("http://127.0.0.1:\(port)\(path)", chromium: chromium, profile: directory.file("profile"))
    }

    fileprivate var store: any BrowsableStore { get throws { try testStore.open() } }

    func testTheOverviewRendersWithEveryLabelAndNothingFromTheNetwork() throws {
        let dom = try page("/")
        XCTAssertTrue(dom.contains("<h1>Marginalia</h1>"), String(dom.prefix(1500)))
        XCTAssertTrue(dom.contains("4 documents, 9 annotations, 3 labels from 2 plugin versions and layers."), dom)
        XCTAssertEqual(BrowserPage.occurrences(of: "<g class=\"bar\"", in: dom), try store.countAnnotations(matching: AnnotationQuery()).count)
        XCTAssertTrue(dom.contains("aria-label=\"annotations per month, one row per label\""), "a timeline from the document dates")
        XCTAssertTrue(dom.contains("<title>colour.word 2016-01: 3</title>"), "c1's three colour words in January 2016")
        XCTAssertTrue(dom.contains("<td>fr</td><td class=\"num\">1</td>"), "documents by language")
        for element in ["<script", "<link", "<img", "<iframe"] { XCTAssertFalse(dom.contains(element), element) }
        XCTAssertTrue(server.isRunning)
    }

    func testADocumentPageHighlightsReadBackTheSpanTextAndThePluginFilterChangesThem() throws {
        let dom = try page("/document?id=c1")
        let spans = try store.annotations(documentID: "c1").filter { $0.span != nil }
        let text = Array(ColourCorpus.documents[0].text.utf8)
        let shown = BrowserPage.highlightedSpans(in: dom)
        XCTAssertEqual(shown.count, spans.count)
        for (index, span) in spans.enumerated() {
            XCTAssertEqual(shown[index + 1], String(decoding: text[span.span!.byteStart..<span.span!.byteEnd], as: UTF8.self), "span \(index + 1)")
        }
        XCTAssertTrue(dom.contains("topic:colour</span> score 1 · colours@1.0.0"), "document labels with scores")
        XCTAssertTrue(dom.contains("<code>{\"words\":3}</code>"), "and features")
        let colours = try XCTUnwrap(store.layers().first { $0.name == "colours" })
        XCTAssertTrue(dom.contains("<code>\(colours.sha256)</code>"), "provenance names the plugin's SHA-256")
        let filtered = try page("/document?id=c1&plugin=shapes@0.2.0")
        XCTAssertEqual(Set(BrowserPage.highlightedSpans(in: filtered).values), ["square", "circle"], "only the shapes")
    }

    func testHostileTextStaysTextAndANewRunIsSeen() throws {
        let text = "A red <script>alert(1)</script> & \\\"blue\\\" <b>x</b>."
        let hostile = directory.write("hostile.jsonl", "{\"id\":\"h<1>\",\"title\":\"<i>t</i>\",\"text\":\"\(text)\"}\n")
        let annotate = try marginalia(["annotate", hostile, "--plugins", directory.file("plugins"), "--only", "colours", "--quiet",
                                       "--store", testStore.location], in: directory.path, environment: testStore.environment)
        XCTAssertEqual(annotate.status, 0, annotate.stderr)
        XCTAssertTrue(try page("/").contains("5 documents"), "the overview is read again after a run")
        let dom = try page("/document?id=h%3C1%3E")
        XCTAssertFalse(dom.contains("<script"), "no script at all")
        XCTAssertFalse(dom.contains("<b>x</b>") || dom.contains("<i>t</i>"), "markup in the text or title stays text")
        let shown = try XCTUnwrap(dom.components(separatedBy: "<div class=\"text\">").dropFirst().first?.components(separatedBy: "</div>").first)
        XCTAssertEqual(BrowserPage.plainText(shown), try store.document(id: "h<1>")?.text)
        XCTAssertEqual(Set(BrowserPage.highlightedSpans(in: shown).values), ["red", "blue"])
    }

    func testTheLabelPageHasAKWICLinePerSpan() throws {
        let dom = try page("/label?name=colour.word")
        XCTAssertEqual(BrowserPage.occurrences(of: "<td class=\"hit\">", in: dom), 5)
        XCTAssertTrue(dom.contains("<td class=\"left\">A red square sat beside a </td>"), dom)
        XCTAssertTrue(dom.contains("5 annotations in 3 documents"), dom)
        let shapes = try page("/label?name=shape.word&plugin=shapes@0.2.0")
        XCTAssertTrue(shapes.contains("<a class=\"on\" href=\"/label?name=shape.word&amp;plugin=shapes%400.2.0\">shapes@0.2.0</a>"), shapes)
        XCTAssertEqual(BrowserPage.occurrences(of: "<td class=\"hit\">", in: shapes), 3)
        XCTAssertEqual(try LoopbackHTTP.request("/label?name=shape.word&plugin=colours", port: port).status, 200)
        XCTAssertEqual(BrowserPage.occurrences(of: "<td class=\"hit\">", in: try page("/label?name=shape.word&plugin=colours")), 0,
                       "the plugin filter changes the lines")
    }

    /// Annotates more documents into the served store (the server reads the new run).
    fileprivate func annotateMore(_ name: String, _ contents: String, only: String = "colours,shapes") throws {
        let input = directory.write(name, contents)
        let annotate = try marginalia(["annotate", input, "--plugins", directory.file("plugins"), "--only", only, "--quiet",
                                       "--store", testStore.location], in: directory.path, environment: testStore.environment)
        XCTAssertEqual(annotate.status, 0, annotate.stderr)
    }

    func testKWICLinesArePagedOverEveryDocumentOfTheLabelInTheURL() throws {
        // 33 documents with colour words: 5 spans in c1-c3, 300 in m000-m029 (10 each).
        try annotateMore("many.jsonl", ColourCorpus.manyColoursJSONL(count: 30, wordsEach: 10))
        var query = AnnotationQuery()
        query.labels = LabelSelector(patterns: ["colour.word"])
        let store = try self.store
        let spans = try store.annotations(matching: query).filter { $0.span != nil }
        XCTAssertEqual(spans.count, 305)
        let expected = try spans.map { ($0.documentID, try XCTUnwrap($0.coveredText(in: Array(try XCTUnwrap(store.document(id: $0.documentID)).text.utf8)))) }
        var shown: [(document: String, hit: String)] = []
        for number in 0..<4 {
            let dom = try page("/label?name=colour.word" + (number > 0 ? "&page=\(number)" : ""))
            let lines = BrowserPage.kwicLines(in: dom)
            XCTAssertEqual(lines.count, number < 3 ? 100 : 5, "page \(number)")
            XCTAssertTrue(dom.contains("\(number * 100 + 1)–\(number * 100 + lines.count) of 305 spans"), dom)
            XCTAssertTrue(dom.contains("page \(number + 1) of 4"), "the pager")
            if number < 3 { XCTAssertTrue(dom.contains("rel=\"next\" href=\"/label?name=colour.word&amp;page=\(number + 1)\""), dom) }
            shown += lines
        }
        XCTAssertEqual(shown.map(\.document), expected.map(\.0), "every span of every document, in export order, once")
        XCTAssertEqual(shown.map(\.hit), expected.map(\.1))
        XCTAssertEqual(BrowserPage.kwicLines(in: try page("/label?name=colour.word&page=2")).map(\.document), shown[200..<300].map(\.document),
                       "the same URL shows the same lines")
        XCTAssertEqual(try LoopbackHTTP.request("/label?name=colour.word&page=4", port: port).status, 404, "past the last page")
        // The documents are paged on their own (33 of them: one page), the lines' page kept in the links.
        let documents = try page("/label?name=colour.word&page=1")
        XCTAssertEqual(BrowserPage.occurrences(of: "<li><a href=\"/document?id=", in: documents), 33)
        XCTAssertEqual(try LoopbackHTTP.request("/label?name=colour.word&docs=1", port: port).status, 404)
        XCTAssertEqual(try LoopbackHTTP.request("/label?name=colour.word&docs=-1", port: port).status, 400)
        // A plugin filter pages its own lines and stays in the pager's links.
        let filtered = try page("/label?name=colour.word&plugin=colours@1.0.0&page=3")
        XCTAssertEqual(BrowserPage.kwicLines(in: filtered).count, 5)
        XCTAssertTrue(filtered.contains("href=\"/label?name=colour.word&amp;page=2&amp;plugin=colours%401.0.0\""), filtered)
    }

    func testADocumentWithANULByteShowsWholeInItsPageInSearchAndInKWIC() throws {
        // The NUL in the id and in the text, colour words on both sides of it.
        try annotateMore("nul.jsonl", #"{"id":"nul\u0000doc","text":"A red kite.\u0000 Then a blue whale swam by the green reef."}"# + "\n")
        let text = "A red kite.\u{0} Then a blue whale swam by the green reef."
        XCTAssertEqual(try store.document(id: "nul\u{0}doc")?.text, text, "stored whole")
        let visible = text.replacingOccurrences(of: "\u{0}", with: "\u{2400}")

        let document = try page("/document?id=nul%00doc")
        XCTAssertTrue(document.contains("<h1>nul\u{2400}doc</h1>"), document)
        let shown = try XCTUnwrap(document.components(separatedBy: "<div class=\"text\">").dropFirst().first?.components(separatedBy: "</div>").first)
        XCTAssertEqual(BrowserPage.plainText(shown), visible, "every character, the NUL as ␀")
        XCTAssertEqual(Set(BrowserPage.highlightedSpans(in: shown).values), ["red", "blue", "green"])
        let colours = try XCTUnwrap(store.layers().first { $0.name == "colours" })
        XCTAssertTrue(document.contains("<caption>provenance</caption>") && document.contains("<code>\(colours.sha256)</code>"),
                      "provenance found by the id with its NUL: \(document)")

        let search = try page("/search?q=whale")
        XCTAssertTrue(search.contains("1 documents match."), "the words after the NUL are indexed: \(search)")
        XCTAssertTrue(search.contains("href=\"/document?id=nul%00doc\""), search)
        XCTAssertTrue(search.contains("kite.\u{2400} Then a blue <b>whale</b> swam"), search)

        let label = try page("/label?name=colour.word")
        let lines = BrowserPage.kwicLines(in: label).filter { $0.document == "nul\u{2400}doc" }
        XCTAssertEqual(lines.map(\.hit), ["red", "blue", "green"], label)
        XCTAssertTrue(label.contains("<td class=\"left\">A red kite.\u{2400} Then a </td>"), label)
        XCTAssertTrue(label.contains("href=\"/document?id=nul%00doc\">nul\u{2400}doc</a>"), "the document list links the whole id")
    }

    func testASpanThatDoesNotFitItsTextIsANoteNotACrash() throws {
        // A damaged store: one span past the end of c1's text, one cutting the "é" of c3.
        switch Self.backend {
        case .sqlite:
            try DatabaseQueue(path: testStore.location).write { db in
                let c1 = try XCTUnwrap(Int64.fetchOne(db, sql: "SELECT key FROM documents WHERE id = 'c1'"))
                let c3 = try XCTUnwrap(Int64.fetchOne(db, sql: "SELECT key FROM documents WHERE id = 'c3'"))
                try db.execute(sql: "UPDATE annotations SET byte_end = 900, cp_end = 900 WHERE document_key = ? AND byte_start = 2", arguments: [c1])
                // "Un triangle rouge et un carré.": the é is bytes 28..<30.
                try db.execute(sql: "UPDATE annotations SET byte_start = 24, byte_end = 29, cp_start = 24, cp_end = 29 WHERE document_key = ? AND byte_start IS NOT NULL", arguments: [c3])
            }
        case .postgresql:
            try testStore.sql("""
                UPDATE annotations SET byte_end = 900, cp_end = 900 WHERE document_id = 'c1' AND byte_start = 2;
                UPDATE annotations SET byte_start = 24, byte_end = 29, cp_start = 24, cp_end = 29 WHERE document_id = 'c3' AND byte_start IS NOT NULL;
                """)
        }
        let c1 = try LoopbackHTTP.request("/document?id=c1", port: port)
        XCTAssertEqual(c1.status, 200, c1.body)
        XCTAssertTrue(c1.body.contains("1 of 5 spans cannot be shown in this text of 55 bytes"), c1.body)
        XCTAssertTrue(c1.body.contains(": bytes 2..&lt;900 are outside the text (55 bytes)</li>"), c1.body)
        let dom = try page("/document?id=c1")
        let shown = try XCTUnwrap(dom.components(separatedBy: "<div class=\"text\">").dropFirst().first?.components(separatedBy: "</div>").first)
        XCTAssertEqual(BrowserPage.plainText(shown), ColourCorpus.documents[0].text, "the text whole")
        XCTAssertEqual(BrowserPage.highlightedSpans(in: shown).count, 4, "the four spans that fit")
        XCTAssertNil(BrowserPage.highlightedSpans(in: shown)[1], "span 1 is not cut out")
        let c3 = try page("/document?id=c3")
        XCTAssertTrue(c3.contains("bytes 24..&lt;29 cut a UTF-8 sequence"), c3)
        XCTAssertTrue(c3.contains("Un triangle rouge et un carré."), c3)
        XCTAssertEqual(try LoopbackHTTP.request("/label?name=colour.word", port: port).status, 200, "KWIC leaves the damaged spans out")
        XCTAssertTrue(server.isRunning)
    }

    func testSearchFindsAPhraseAndEveryFilterChangesTheResults() throws {
        let phrase = try page("/search?q=%22blue+circle%22")
        XCTAssertTrue(phrase.contains("1 documents match."), phrase)
        XCTAssertTrue(phrase.contains("beside a <b>blue circle</b>. The red"), phrase)
        XCTAssertTrue(phrase.contains("value=\"&quot;blue circle&quot;\""), "the form shows the search: \(phrase)")
        XCTAssertTrue(phrase.contains("href=\"/document?id=c1\""), phrase)
        func matches(_ query: String) throws -> Int {
            let dom = try page("/search?" + query)
            let count = dom.components(separatedBy: "<p class=\"summary\">").dropFirst().first?.prefix { $0 != " " }
            return try XCTUnwrap(count.flatMap { Int($0) }, dom)
        }
        XCTAssertEqual(try matches("q=red+OR+green+OR+rouge"), 3)
        XCTAssertEqual(try matches("q=red+OR+green+OR+rouge&label=shape.word"), 2, "c2 has no shape")
        XCTAssertEqual(try matches("q=red+OR+green+OR+rouge&language=fr"), 1)
        XCTAssertEqual(try matches("q=red+OR+green+OR+rouge&from=2016-02-01"), 2)
        XCTAssertEqual(try matches("q=red+OR+green+OR+rouge&plugin=shapes&to=2016-01-31"), 1)
    }

    func testUnknownPagesAre404AndBadQueriesAre400AndNothingIsWritable() throws {
        let unknown = try LoopbackHTTP.request("/document?id=nope", port: port)
        XCTAssertEqual(unknown.status, 404)
        XCTAssertTrue(unknown.body.contains("<h1>404 · Not found</h1>") && unknown.body.contains("no document &#39;nope&#39;"), unknown.body)
        XCTAssertTrue(try page("/document?id=nope").contains("<h1>404 · Not found</h1>"), "a page, in the browser too")
        for bad in ["/search?q=%22unbalanced", "/label?name=colour.word&page=x", "/search?q=red&from=yesterday", "/?colour=red",
                    "/label?name=colour.word&name=shape.word", "/label"] {
            let response = try LoopbackHTTP.request(bad, port: port)
            XCTAssertEqual(response.status, 400, bad)
            XCTAssertTrue(response.body.contains("<h1>400 · Bad request</h1>"), bad)
        }
        XCTAssertEqual(try LoopbackHTTP.request("/nowhere", port: port).status, 404)
        XCTAssertEqual(try LoopbackHTTP.request("/label?name=no.such", port: port).status, 404)
        XCTAssertEqual(try LoopbackHTTP.request("/", port: port, method: "POST").status, 405)
        XCTAssertEqual(try LoopbackHTTP.request("/", port: port).status, 200, "still serving after all that")
    }
}

/// Every `ServeBrowserTests` test again, on a PostgreSQL store (its search is the database's
/// own full-text index, not FTS5).
final class ServeBrowserPostgreSQLTests: ServeBrowserTests {
    override class var backend: TestStore.Backend { .postgresql }

    // Linux's test discovery finds a subclass by the tests it declares: each is named again here.
    override func testTheOverviewRendersWithEveryLabelAndNothingFromTheNetwork() throws { try super.testTheOverviewRendersWithEveryLabelAndNothingFromTheNetwork() }
    override func testADocumentPageHighlightsReadBackTheSpanTextAndThePluginFilterChangesThem() throws { try super.testADocumentPageHighlightsReadBackTheSpanTextAndThePluginFilterChangesThem() }
    override func testHostileTextStaysTextAndANewRunIsSeen() throws { try super.testHostileTextStaysTextAndANewRunIsSeen() }
    override func testTheLabelPageHasAKWICLinePerSpan() throws { try super.testTheLabelPageHasAKWICLinePerSpan() }
    override func testKWICLinesArePagedOverEveryDocumentOfTheLabelInTheURL() throws { try super.testKWICLinesArePagedOverEveryDocumentOfTheLabelInTheURL() }
    override func testASpanThatDoesNotFitItsTextIsANoteNotACrash() throws { try super.testASpanThatDoesNotFitItsTextIsANoteNotACrash() }
    override func testSearchFindsAPhraseAndEveryFilterChangesTheResults() throws { try super.testSearchFindsAPhraseAndEveryFilterChangesTheResults() }
    override func testUnknownPagesAre404AndBadQueriesAre400AndNothingIsWritable() throws { try super.testUnknownPagesAre404AndBadQueriesAre400AndNothingIsWritable() }

    /// PostgreSQL text cannot hold a NUL: the document with one is refused by name (a
    /// document error, exit status 1), the one beside it in the same batch is stored and served.
    override func testADocumentWithANULByteShowsWholeInItsPageInSearchAndInKWIC() throws {
        let input = directory.write("nul.jsonl", #"{"id":"nul\u0000doc","text":"A red kite.\u0000 Then a blue whale."}"# + "\n"
                                        + #"{"id":"beside","text":"A green whale swam by."}"# + "\n")
        let annotate = try marginalia(["annotate", input, "--plugins", directory.file("plugins"), "--only", "colours,shapes",
                                       "--store", testStore.location], in: directory.path, environment: testStore.environment)
        XCTAssertEqual(annotate.status, 1, annotate.stderr)
        let said = annotate.stdout + annotate.stderr
        XCTAssertTrue(said.contains("nul.jsonl:1: document 'nul") && said.contains("doc' cannot be stored: its id has a NUL byte (U+0000)"), said)
        XCTAssertNil(try store.document(id: "nul\u{0}doc"))
        XCTAssertEqual(try store.recordedErrors(runID: nil).last?.error.documentID, "nul\u{2400}doc", "the error is stored, the NUL as ␀")
        XCTAssertEqual(try LoopbackHTTP.request("/document?id=nul%00doc", port: port).status, 404)
        let beside = try page("/document?id=beside")
        XCTAssertEqual(Set(BrowserPage.highlightedSpans(in: beside).values), ["green"], "the other document of the batch is served")
        XCTAssertTrue(try page("/search?q=whale").contains("1 documents match."))
    }
}
