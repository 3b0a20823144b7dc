@testable import Marginalia
import XCTest

/// Every `AnnotationQuery` filter, alone and combined, and `--count` by label × plugin, on
/// a hand-made store of three documents, two plugins and two versions of one of them.
final class AnnotationQueryTests: XCTestCase {
    private var fixture: StoreFixture!

    override func setUpWithError() throws {
        fixture = try StoreFixture()
        try fixture.add(documents: [
            ("d1", "Tanks rolled into the capital.", "2016-03-01", "en"),
            ("d2", "Les chars et les missiles.", "2017-05-02", "fr"),
            ("d3", "Rice harvest was good.", nil, "en"),
        ])
        //                                                  0    5                 d2: 8    13   17      25
        try fixture.output(StoreFixture.plugin("defense", "1.0"), on: "d1",
                           labels: [("topic:defense", 0.8)], spans: [("defense.term", 0, 5, 1)])
        try fixture.output(StoreFixture.plugin("defense", "1.0"), on: "d2",
                           labels: [("topic:defense", 0.4)], spans: [("defense.term", 8, 13, 0.9), ("defense.term", 17, 25, 0.9)])
        try fixture.output(StoreFixture.plugin("defense", "2.0"), on: "d1", labels: [("topic:defense", 0.9)])
        try fixture.output(StoreFixture.plugin("agri"), on: "d3",
                           labels: [("topic:agriculture", 0.7)], spans: [("agriculture.term", 0, 4, 0.6), ("agriculture.term", 5, 12, 0.6)])
    }

    override func tearDown() { fixture = nil }

    private func find(_ configure: (inout AnnotationQuery) -> Void) throws -> [String] {
        var query = AnnotationQuery()
        configure(&query)
        return try fixture.store.annotations(matching: query).map { annotation in
            let where_ = annotation.span.map { "[\($0.codePointStart),\($0.codePointEnd))" } ?? "doc"
            return "\(annotation.documentID) \(annotation.label) \(where_) \(annotation.plugin.name)@\(annotation.plugin.version)"
        }
    }

    func testTheEmptyQuerySelectsEverythingInExportOrder() throws {
        XCTAssertEqual(try find { _ in }, [
            "d1 topic:defense doc defense@1.0", "d1 topic:defense doc defense@2.0", "d1 defense.term [0,5) defense@1.0",
            "d2 topic:defense doc defense@1.0", "d2 defense.term [8,13) defense@1.0", "d2 defense.term [17,25) defense@1.0",
            "d3 topic:agriculture doc agri@1.0", "d3 agriculture.term [0,4) agri@1.0", "d3 agriculture.term [5,12) agri@1.0",
        ])
    }

    func testLabelsAreExactOrPrefixesEndingInDotOrColon() throws {
        XCTAssertEqual(try find { $0.labels = LabelSelector("topic:agriculture") }, ["d3 topic:agriculture doc agri@1.0"])
        XCTAssertEqual(try find { $0.labels = LabelSelector("topic:") }.count, 4)
        XCTAssertEqual(try find { $0.labels = LabelSelector("defense.,agriculture.term") }.count, 5)
        XCTAssertEqual(try find { $0.labels = LabelSelector("topic") }, [], "no prefix without the separator")
    }

    func testPluginByNameOrNameAtVersion() throws {
        XCTAssertEqual(try find { $0.plugin = "defense" }.count, 6, "every version")
        XCTAssertEqual(try find { $0.plugin = "defense@2.0" }, ["d1 topic:defense doc defense@2.0"])
        XCTAssertEqual(try find { $0.plugin = "defense@3.0" }, [])
    }

    func testDocumentAndMinimumScore() throws {
        XCTAssertEqual(try find { $0.documentID = "d2" }.count, 3)
        XCTAssertEqual(try find { $0.minimumScore = 0.85 }, [
            "d1 topic:defense doc defense@2.0", "d1 defense.term [0,5) defense@1.0",
            "d2 defense.term [8,13) defense@1.0", "d2 defense.term [17,25) defense@1.0",
        ])
    }

    func testDateRangeIsInclusiveAndLeavesUndatedDocumentsOut() throws {
        XCTAssertEqual(Set(try find { $0.dateFrom = "2016-03-01" }.map { String($0.prefix(2)) }), ["d1", "d2"])
        XCTAssertEqual(Set(try find { $0.dateTo = "2016-03-01" }.map { String($0.prefix(2)) }), ["d1"])
        XCTAssertEqual(try find { $0.dateFrom = "2016-03-02"; $0.dateTo = "2017-05-01" }, [])
    }

    func testLanguage() throws {
        XCTAssertEqual(Set(try find { $0.language = "fr" }.map { String($0.prefix(2)) }), ["d2"])
    }

    func testTextContainsMatchesSpanTextCaseInsensitivelyAndLiterally() throws {
        XCTAssertEqual(try find { $0.textContains = "TANK" }, ["d1 defense.term [0,5) defense@1.0"])
        XCTAssertEqual(try find { $0.textContains = "ss" }, ["d2 defense.term [17,25) defense@1.0"])
        XCTAssertEqual(try find { $0.textContains = "e_" }, [], "LIKE wildcards are escaped: 'e_' would match 'harvest'")
        XCTAssertEqual(try find { $0.textContains = "s%t" }, [], "'s%t' would match 'harvest'")
    }

    func testFiltersCombineAndLimitCuts() throws {
        XCTAssertEqual(try find { $0.labels = LabelSelector("defense."); $0.language = "fr"; $0.minimumScore = 0.5; $0.limit = 1 },
                       ["d2 defense.term [8,13) defense@1.0"])
    }

    func testCountsGroupByLabelAndPluginVersionAndFollowTheFilters() throws {
        func counts(_ configure: (inout AnnotationQuery) -> Void) throws -> [String] {
            var query = AnnotationQuery()
            configure(&query)
            return try fixture.store.countAnnotations(matching: query).map { "\($0.label) \($0.plugin.name)@\($0.plugin.version) \($0.count)" }
        }
        XCTAssertEqual(try counts { _ in }, [
            "agriculture.term agri@1.0 2", "defense.term defense@1.0 3", "topic:agriculture agri@1.0 1",
            "topic:defense defense@1.0 2", "topic:defense defense@2.0 1",
        ])
        XCTAssertEqual(try counts { $0.labels = LabelSelector("topic:"); $0.language = "en"; $0.limit = 1 },
                       ["topic:agriculture agri@1.0 1", "topic:defense defense@1.0 1", "topic:defense defense@2.0 1"],
                       "the limit does not cut counts")
    }

    func testCountsAreAnsweredFromTheCoveringIndex() throws {
        let whole = try fixture.store.countQueryPlan(matching: AnnotationQuery())
        let annotationSteps = whole.filter { $0.hasPrefix("SCAN a") || $0.hasPrefix("SEARCH a") }
        XCTAssertEqual(annotationSteps.count, 1, "\(whole)")
        XCTAssertTrue(annotationSteps[0].hasPrefix("SCAN a USING COVERING INDEX annotations_by_"),
                      "a whole count reads one index (label × plugin order), never the rows: \(whole)")
        var byLabel = AnnotationQuery()
        byLabel.labels = LabelSelector("topic:")
        byLabel.minimumScore = 0.5
        let filtered = try fixture.store.countQueryPlan(matching: byLabel).joined(separator: "\n")
        // Labels are interned: the prefix is a range over their names, then the label ids
        // are looked up in the covering index.
        XCTAssertTrue(filtered.contains("COVERING INDEX annotations_by_label_plugin_score (label=?)"), filtered)
        XCTAssertTrue(filtered.contains("SEARCH labels USING COVERING INDEX sqlite_autoindex_labels_1 (name>? AND name<?)"), filtered)
    }

    func testPluginAndDocumentFiltersUseTheirOwnCoveringIndexes() throws {
        func plan(_ configure: (inout AnnotationQuery) -> Void) throws -> String {
            var query = AnnotationQuery()
            configure(&query)
            return try fixture.store.countQueryPlan(matching: query).joined(separator: "\n")
        }
        let byPlugin = try plan { $0.plugin = "defense@1.0" }
        XCTAssertTrue(byPlugin.contains("COVERING INDEX annotations_by_plugin_label_score (plugin_id=?)"), byPlugin)
        let byLanguage = try plan { $0.language = "fr" }
        XCTAssertTrue(byLanguage.contains("COVERING INDEX annotations_by_output (document_key=?)"), byLanguage)
        let byDocumentAndLabel = try plan { $0.documentID = "d1"; $0.labels = LabelSelector("topic:defense"); $0.plugin = "defense" }
        XCTAssertTrue(byDocumentAndLabel.contains("COVERING INDEX annotations_by_output (document_key=?)"),
                      "a document's few annotations, not every annotation of the label: \(byDocumentAndLabel)")
    }
}
