import Foundation
import Marginalia
import MarginaliaTestSupport
import XCTest

/// The HTML report as a browser sees it: headless Chromium (Debian's `chromium`, installed
/// by scripts/install-deps.sh) loads the page with every host name unresolvable, and the
/// test reads back the DOM it built and a screenshot.
///
/// Set MARGINALIA_REPORT_SCREENSHOT=/some/file.png to keep the screenshot and look at it.
final class ReportBrowserTests: XCTestCase {
    private var directory: TemporaryDirectory!
    private var chromium: String!

    override func setUpWithError() throws {
        directory = TemporaryDirectory()
        chromium = try XCTUnwrap(ChildProcess.which("chromium") ?? ChildProcess.which("chromium-browser"),
                                 "headless Chromium is needed to render the report: run scripts/install-deps.sh")
        for arguments in [
            ["annotate", Repository.path("seeds"), "--plugins", Repository.path("Plugins"), "--only", "defense,agriculture,un_votes", "--quiet"],
            ["merge", "--policy", "vote"],
            ["export", "--format", "brat", "--output", "brat"],
            ["import", "brat", "--layer", "alice"],
            ["report", "--output", "report"],
        ] {
            let result = try marginalia(arguments + ["--store", "s.sqlite"], in: directory.path)
            XCTAssertEqual(result.status, 0, "marginalia \(arguments.joined(separator: " ")): \(result.stderr)")
        }
    }

    override func tearDown() { directory = nil }

    /// Runs headless Chromium on the report with `arguments` added; nothing can be fetched.
    private func browse(_ arguments: [String]) throws -> CommandResult {
        let page = URL(fileURLWithPath: directory.file("report/index.html")).absoluteString
        let browser = [chromium!, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                       "--user-data-dir=" + directory.file("profile"), "--host-resolver-rules=MAP * ~NOTFOUND"]
        let timeout = ChildProcess.which("timeout") ?? "/usr/bin/timeout"
        let result = try ChildProcess.run(program: timeout, ["120"] + browser + arguments + [page], in: directory.path)
        XCTAssertEqual(result.status, 0, "chromium failed: \(result.stderr)")
        return result
    }

    func testChromiumBuildsTheExpectedDocument() throws {
        let dom = try browse(["--dump-dom"]).stdout
        let source = try String(contentsOfFile: directory.file("report/index.html"), encoding: .utf8)
        XCTAssertTrue(dom.contains("<h1>Marginalia report</h1>"), String(dom.prefix(2000)))
        for element in ["<script", "<link", "<img", "<iframe", "<object", "<embed"] {
            XCTAssertFalse(dom.contains(element), "the page loads nothing: \(element)")
        }
        let store = try SQLiteAnnotationStore(path: directory.file("s.sqlite"))
        let bars = try store.countAnnotations(matching: AnnotationQuery()).count
        XCTAssertEqual(occurrences(of: "<g class=\"bar\"", in: dom), bars, "one bar per label × plugin")
        XCTAssertEqual(occurrences(of: "<table class=\"report-table\">", in: dom), 2, "coverage and pairs")
        XCTAssertTrue(dom.contains("<td>alice@brat</td>"), "the hand layer is in the agreement table")
        XCTAssertEqual(occurrences(of: "<mark ", in: dom), occurrences(of: "<mark ", in: source), "Chromium kept every highlight")
        XCTAssertGreaterThan(occurrences(of: "<mark ", in: dom), 50)
        let defense = try XCTUnwrap(store.layers().last { $0.name == "defense" })
        XCTAssertTrue(dom.contains(" — defense \(defense.version) (\(defense.sha256.prefix(12))) — score "), "tooltips name plugin, version and hash")
    }

    func testEveryDocumentTextSurvivesTheHighlighting() throws {
        let dom = try browse(["--dump-dom"]).stdout
        let store = try SQLiteAnnotationStore(path: directory.file("s.sqlite"))
        let articles = dom.components(separatedBy: "<article class=\"document\" id=\"doc-").dropFirst()
        XCTAssertEqual(articles.count, 5)
        for article in articles {
            let id = String(article.prefix { $0 != "\"" })
            let text = try XCTUnwrap(article.components(separatedBy: "<div class=\"text\">").dropFirst().first?
                .components(separatedBy: "</div>").first, id)
            let document = try XCTUnwrap(store.document(id: id), id)
            XCTAssertEqual(plainText(text), document.text, "the text of \(id) as the browser shows it")
        }
    }

    func testTheScreenshotIsAFullPage() throws {
        let screenshot = directory.file("report.png")
        _ = try browse(["--window-size=1280,2400", "--hide-scrollbars", "--screenshot=" + screenshot])
        let png = try XCTUnwrap(FileManager.default.contents(atPath: screenshot), "no screenshot written")
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG file")
        let bytes = Array(png)
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual([width, height], [1280, 2400])
        XCTAssertGreaterThan(png.count, 60_000, "a blank page compresses to a few kilobytes; text, chart and highlights do not")
        if let keep = ProcessInfo.processInfo.environment["MARGINALIA_REPORT_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: screenshot, toPath: keep)
        }
    }

    private func occurrences(of needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    /// Serialised HTML text without its tags and with its character references resolved.
    private func plainText(_ html: String) -> String {
        var out = "", inTag = false
        for character in html {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { out.append(character) }
        }
        for (reference, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", "\u{A0}"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: reference, with: character)
        }
        return out
    }
}
