import Marginalia
import MarginaliaLua
import XCTest

/// `doc:annotate_all(spans, label [, options])` marks what the same loop of `doc:annotate`
/// marks, takes the options' score and features for entries without their own, and refuses a
/// bad entry by its position, marking nothing.
final class BulkAnnotationTests: XCTestCase {
    // The document of `runHostile`: "An innocent article about tanks."

    func testMarksWhatALoopOfAnnotateMarks() throws {
        let spans = #"{ { start = 1, stop = 2, features = { n = 1 } }, { start = 4, stop = 11, score = 0.5 }, { start = 27, stop = 31, features = { n = 3, w = "tanks" } } }"#
        let bulk = try runHostile("doc:annotate_all(\(spans), \"hostile.out\")").get().annotations
        let loop = try runHostile("""
            for _, s in ipairs(\(spans)) do doc:annotate(s.start, s.stop, "hostile.out", { score = s.score, features = s.features }) end
            """).get().annotations
        XCTAssertEqual(bulk.count, 3)
        // The same annotations; only the plugin's identity differs (its source is another).
        func fields(_ a: Annotation) -> String { "\(a.label) \(String(describing: a.span)) \(a.score) \(a.features.serialized())" }
        XCTAssertEqual(bulk.map(fields), loop.map(fields))
        XCTAssertEqual(bulk.map { $0.span?.byteStart }, [0, 3, 26])
        XCTAssertEqual(bulk[1].score, 0.5)
        XCTAssertEqual(bulk[2].features.objectValue?["w"]?.stringValue, "tanks")
    }

    func testEntriesWithoutScoreOrFeaturesTakeTheOptions() throws {
        let output = try runHostile("""
            local shared = marginalia.features{ kind = "shared" }
            doc:annotate_all({ { start = 1, stop = 2 }, { start = 4, stop = 5, score = 1, features = { kind = "own" } } },
                             "hostile.out", { score = 0.25, features = shared })
            doc:annotate_all({ { start = 7, stop = 8 } }, "hostile.out", { features = { kind = "table" } })
            """).get().annotations
        XCTAssertEqual(output.map(\.score), [0.25, 1, 1])
        XCTAssertEqual(output.map { $0.features.objectValue?["kind"]?.stringValue }, ["shared", "own", "table"])
    }

    func testTakesTheRecordsOfFindAllAndTokensAsTheyAre() throws {
        let output = try runHostile("""
            doc:annotate_all(marginalia.lexicon{ "tanks", "article" }:find_all(doc), "hostile.out")
            doc:annotate_all(doc:tokens(), "hostile.out", { score = 0.5 })
            doc:annotate_all({}, "hostile.out")
            """).get().annotations
        XCTAssertEqual(output.count, 2 + 6)   // 5 words and the period
        XCTAssertEqual(output.prefix(2).map { $0.span?.byteStart }, [12, 26])
        XCTAssertEqual(output.filter { $0.score == 0.5 }.count, 6)
        XCTAssertTrue(output.allSatisfy { $0.features.objectValue?.isEmpty == true })
    }

    func testABadEntryIsNamedAndNothingIsMarked() throws {
        try assertRefused(#"doc:annotate_all({ { start = 1, stop = 2 }, { start = 0, stop = 3 } }, "hostile.out")"#,
                          mentions: "doc:annotate_all: spans[2]: span 0..3 is outside the text of document 'victim'")
        try assertRefused(#"doc:annotate_all({ { start = 1, stop = 2 }, 7 }, "hostile.out")"#,
                          mentions: "doc:annotate_all: spans[2] is number, expected a table { start =, stop = }")
        try assertRefused(#"doc:annotate_all({ { start = 1, stop = "x" } }, "hostile.out")"#,
                          mentions: "doc:annotate_all: spans[1]: start and stop must be integers")
        try assertRefused(#"doc:annotate_all({ { start = 1, stop = 2 }, { start = 1, stop = 2 }, { start = 1, stop = 2, score = 3 } }, "hostile.out")"#,
                          mentions: "doc:annotate_all: spans[3]: score must be a number between 0 and 1, got 3")
        try assertRefused(#"doc:annotate_all({ { start = 1, stop = 2, features = { where = { 1, print } } } }, "hostile.out")"#,
                          mentions: "doc:annotate_all: spans[1]: features.where[2] is a function")
        try assertRefused(#"doc:annotate_all({ { start = 1, stop = 2 } }, "other.label")"#,
                          mentions: "doc:annotate_all: label 'other.label' is not declared")
        try assertRefused(#"doc:annotate_all("1..2", "hostile.out")"#,
                          mentions: "doc:annotate_all: spans must be a list of tables { start =, stop = }, got string (call it as doc:annotate_all(spans, label [, options]))")
        try assertRefused(#"doc:annotate_all({}, "hostile.out", { score = -1 })"#,
                          mentions: "doc:annotate_all: score must be a number between 0 and 1, got -1")
        try assertRefused(#"doc.annotate_all("hostile.out", {})"#, mentions: "doc:annotate_all: call it as doc:annotate_all(spans, label [, options])")
        try assertRefused(#"doc.annotate_all({ { start = 1, stop = 2 } }, "hostile.out")"#,
                          mentions: "got string (call it as doc:annotate_all(spans, label [, options]))")
        // Caught by pcall, the failed call has marked none of its good entries.
        let output = try runHostile("""
            local ok = pcall(doc.annotate_all, doc, { { start = 1, stop = 2 }, { start = 2, stop = 99 } }, "hostile.out")
            assert(not ok)
            doc:annotate_all({ { start = 4, stop = 5 } }, "hostile.out")
            """).get().annotations
        XCTAssertEqual(output.map { $0.span?.byteStart }, [3])
    }
}
