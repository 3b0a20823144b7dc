import Foundation
import Marginalia
import XCTest

/// Every export format gives the same bytes for the same annotations, whatever order they
/// were written in and however often the export runs.
final class ExportDeterminismTests: XCTestCase {
    static let vietnamese = "Hà Nội và Việt Nam bỏ phiếu; les chars « T-54 » 🇻🇳."
    static let english = "Tanks, \"missiles\"\nand drones."

    /// The same content written in two different orders, with a replaced output in between.
    private func store(reversed: Bool) throws -> StoreFixture {
        let f = try StoreFixture()
        let documents: [(id: String, text: String, date: String?, language: String?)] =
            [("vi", Self.vietnamese, "2016-05-23", "vi"), ("en", Self.english, nil, "en")]
        try f.add(documents: reversed ? documents.reversed() : documents)
        let place = StoreFixture.bytes(of: "Việt Nam", in: Self.vietnamese), tank = StoreFixture.bytes(of: "T-54", in: Self.vietnamese)
        let writes: [() throws -> Void] = [
            { try f.output(StoreFixture.plugin("places"), on: "vi", labels: [("topic:vn", 0.25)], spans: [("place", place.start, place.end, 1)]) },
            { try f.output(StoreFixture.plugin("defense"), on: "vi", spans: [("defense.term", tank.start, tank.end, 0.5)]) },
            { try f.output(StoreFixture.plugin("defense"), on: "en", labels: [("topic:defense", 0.7)], spans: [("defense.term", 0, 5, 1), ("defense.term", 8, 16, 1)]) },
        ]
        if reversed {
            try f.output(StoreFixture.plugin("defense"), on: "en", labels: [("stale", 1)])
            for write in writes.reversed() { try write() }
        } else {
            for write in writes { try write() }
        }
        _ = try MergeJob.run(MergeOptions(policy: .noisyOr), store: f.store)
        return f
    }

    private func text(_ export: ((String) throws -> Void) throws -> Void) throws -> String {
        var out = ""
        try export { out += $0 }
        return out
    }

    private func exports(_ f: StoreFixture) throws -> [String: String] {
        var files: [String: String] = [
            "jsonl": try text { try JSONLExporter.export(from: f.store, withDocuments: true, emit: $0) },
            "w3c": try text { try W3CExporter.export(from: f.store, emit: $0) },
            "csv": try text { try CSVExporter.export(from: f.store, emit: $0) },
        ]
        let brat = f.directory + "/brat-" + UUID().uuidString
        try BratExporter.export(from: f.store, to: brat)
        for name in try FileManager.default.contentsOfDirectory(atPath: brat) {
            files["brat/" + name] = try String(contentsOfFile: brat + "/" + name, encoding: .utf8)
        }
        return files
    }

    func testTheSameAnnotationsGiveTheSameBytesInEveryFormat() throws {
        let first = try exports(store(reversed: false))
        let second = try exports(store(reversed: true))
        XCTAssertEqual(first.keys.sorted(), ["brat/annotation.conf", "brat/en.ann", "brat/en.txt", "brat/vi.ann", "brat/vi.txt", "csv", "jsonl", "w3c"])
        for (name, bytes) in first {
            XCTAssertEqual(bytes, second[name], "\(name) differs between write orders")
        }
        XCTAssertFalse(first["jsonl"]!.contains("stale"))
    }

    func testExportingTwiceGivesTheSameBytes() throws {
        let f = try store(reversed: false)
        XCTAssertEqual(try exports(f), try exports(f))
    }

    func testJSONLLinesAreSortedWithDocumentLabelsBeforeSpans() throws {
        let jsonl = try exports(store(reversed: false))["jsonl"]!
        let lines = jsonl.split(separator: "\n").map { try! JSONParser.parse(Array($0.utf8)).objectValue! }
        let keys = lines.map { line -> String in
            if line["kind"] != nil { return "doc " + line["document"]!.stringValue! }
            return [line["document"]!.stringValue!, line["start"].map { "\($0.doubleValue!)" } ?? "-", line["label"]!.stringValue!,
                    line["plugin"]!.stringValue!].joined(separator: " ")
        }
        XCTAssertEqual(keys, [
            "doc en", "en - topic:defense defense", "en - topic:defense merged", "en 0.0 defense.term defense", "en 0.0 defense.term merged",
            "en 8.0 defense.term defense", "en 8.0 defense.term merged",
            "doc vi", "vi - topic:vn merged", "vi - topic:vn places", "vi 10.0 place merged", "vi 10.0 place places",
            "vi 41.0 defense.term defense", "vi 41.0 defense.term merged",
        ])
        XCTAssertTrue(jsonl.contains(#""start":10,"end":18,"text":"Việt Nam""#), "code points, not bytes")
    }

    func testBratFilesCarryTheTextAndCodePointOffsets() throws {
        let files = try exports(store(reversed: false))
        XCTAssertEqual(files["brat/vi.txt"], Self.vietnamese)
        let ann = files["brat/vi.ann"]!.split(separator: "\n")
        XCTAssertEqual(ann[0], "T1\tplace 10 18\tViệt Nam")
        XCTAssertTrue(ann[1].hasPrefix("#1\tAnnotatorNotes T1\tlabel: place | plugin: merged noisy-or spans=join "), "\(ann[1])")
        XCTAssertTrue(files["brat/en.ann"]!.contains("\tdefense_term 8 16\tmissiles\n"))
        XCTAssertEqual(files["brat/annotation.conf"], "[entities]\ndefense_term\nplace\n\n[relations]\n\n[events]\n\n[attributes]\n")
    }

    func testBratExportReadsBackAsTheSameSpans() throws {
        let f = try store(reversed: false)
        let brat = f.directory + "/brat"
        try BratExporter.export(from: f.store, to: brat)
        let collection = try BratCollection.load([brat], store: f.store)
        let read = collection.items.flatMap { item in item.file.spans.map { "\(item.document.id) \($0.label) \($0.start) \($0.end)" } }
        var query = AnnotationQuery()
        query.labels = LabelSelector("defense.,place")
        let stored = try f.store.annotations(matching: query).map { "\($0.documentID) \($0.label) \($0.span!.codePointStart) \($0.span!.codePointEnd)" }
        XCTAssertEqual(read, stored)
    }
}
