import Foundation
import Marginalia
import MarginaliaLua
import MarginaliaTestSupport
import XCTest

/// Every span on the seeds points at the right text, in code points (export) and in
/// bytes (what Lua sees), including Vietnamese and French text.
final class OffsetTests: XCTestCase {
    func testExportTextIsTheCodePointSliceOfTheDocument() throws {
        let directory = TemporaryDirectory()
        let store = directory.file("seeds.sqlite")
        try annotate([Repository.path("seeds")], plugins: Repository.bundledPlugins, store: store)
        let opened = try SQLiteAnnotationStore(path: store)
        var spans = 0
        var nonASCII = 0
        for line in try exportJSONL(store).split(separator: "\n") {
            let object = try JSONParser.parse(Array(line.utf8)).objectValue!
            guard case .integer(let start)? = object["start"], case .integer(let end)? = object["end"] else { continue }
            let document = try XCTUnwrap(opened.document(id: object["document"]!.stringValue!))
            let scalars = Array(document.text.unicodeScalars)
            var slice = String.UnicodeScalarView()
            slice.append(contentsOf: scalars[Int(start)..<Int(end)])
            XCTAssertEqual(String(slice), object["text"]!.stringValue!, "\(line)")
            spans += 1
            if object["text"]!.stringValue!.unicodeScalars.contains(where: { !$0.isASCII }) { nonASCII += 1 }
        }
        XCTAssertGreaterThan(spans, 50)
        XCTAssertGreaterThan(nonASCII, 0, "the French seed should yield spans with accents (e.g. Défense)")
    }

    func testLuaSubOfReportedPositionsEqualsTheMatchedBytes() throws {
        let host = try PluginHost()
        var logged: [String] = []
        host.onLog = { _, message in logged.append(message) }
        try host.load(source: """
            local places = marginalia.lexicon{ "viet nam", "ha noi", "hanoi", "defense", "palestine" }
            return {
              name = "probe", version = "1", description = "checks sub()", labels = { "probe.hit" },
              annotate = function (doc, ctx)
                for _, m in ipairs(places:find_all(doc)) do
                  local covered = doc.text:sub(m.start, m.stop)
                  ctx.log(covered)
                  doc:annotate(m.start, m.stop, "probe.hit", { features = { covered = covered } })
                end
              end,
            }
            """, path: "probe.lua")
        for file in try FileManager.default.contentsOfDirectory(atPath: Repository.path("seeds")) where file.hasSuffix(".txt") {
            let data = try Data(contentsOf: URL(fileURLWithPath: Repository.path("seeds/" + file)))
            let document = Document(id: file, text: String(decoding: data, as: UTF8.self))
            let utf8 = Array(document.text.utf8)
            for result in host.annotate(document) {
                let output = try result.get()
                for annotation in output.annotations {
                    let span = try XCTUnwrap(annotation.span)
                    let bytes = String(decoding: utf8[span.byteStart..<span.byteEnd], as: UTF8.self)
                    XCTAssertEqual(annotation.features.objectValue?["covered"]?.stringValue, bytes)
                }
            }
        }
        XCTAssertTrue(logged.contains("Hà Nội"), "found: \(Set(logged))")
        XCTAssertTrue(logged.contains("Việt Nam"))
        XCTAssertTrue(logged.contains("Hanoï"))
    }

    func testNFDTextIsFlaggedAndItsOffsetsCountScalars() throws {
        let nfd = "Vie\u{0323}\u{0302}t Nam voted."
        let document = Document(id: "nfd", text: nfd)
        XCTAssertTrue(document.metadata.isNFD)
        let host = try PluginHost()
        try host.load(source: """
            local lex = marginalia.lexicon{ "viet nam" }
            return { name = "nfd", version = "1", description = "d", labels = { "hit" },
              annotate = function (doc) for _, m in ipairs(lex:find_all(doc)) do doc:annotate(m.start, m.stop, "hit") end end }
            """, path: "nfd.lua")
        let span = try XCTUnwrap(host.annotate(document).first?.get().annotations.first?.span)
        XCTAssertEqual(span.codePointStart, 0)
        XCTAssertEqual(span.codePointEnd, 10, "V i e ◌̣ ◌̂ t ␠ N a m = 10 scalars")
        XCTAssertEqual(span.byteEnd, 12, "two combining marks of 2 bytes each")
    }
}
