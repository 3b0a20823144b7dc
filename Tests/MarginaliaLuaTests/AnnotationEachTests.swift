import Marginalia
import MarginaliaLua
import XCTest

/// `doc:each(label, feature, …)` gives, in order, the start, stop and feature values of the
/// annotations with a span that `doc:annotations(label)` returns: for every label, shared
/// (`marginalia.features`) and own features, missing features, lists, and no feature at all.
final class AnnotationEachTests: XCTestCase {
    private static let source = """
        local SHARED = { features = marginalia.features{ code = "VN", kind = "country" } }
        return {
          name = "source", version = "1", description = "mentions", labels = { "mention", "other", "topic" },
          annotate = function (doc)
            doc:annotate(1, 2, "mention", SHARED)
            doc:annotate(3, 4, "mention", { features = { code = "IL", n = 2, ok = true } })
            doc:annotate(5, 6, "other", { features = { code = "VN", kind = "demonym" } })
            doc:annotate(7, 8, "mention", SHARED)
            doc:annotate(9, 10, "mention", { features = { code = { "a list" }, n = 2.5, ok = false } })
            doc:annotate(11, 12, "mention")
            doc:label("topic", 0.5, { code = "VN" })
          end,
        }
        """

    /// Runs `body` as the annotate of a plugin requiring `source`; returns the features of its
    /// one label.
    private func read(_ body: String) throws -> [String: JSONValue] {
        try readerFeatures(source: Self.source, body: body, helpers: """
            local function show(v) return type(v) == "table" and "{" .. tostring(v[1]) .. "}" or tostring(v) end
            """)?.objectValue ?? [:]
    }

    func testEachGivesWhatALoopOverTheAnnotationsReads() throws {
        let seen = try read("""
            local same_all, rows = true, 0
            for _, label in ipairs{ "mention", "other", false } do
              local expected = {}
              for _, a in ipairs(doc:annotations(label or nil)) do
                if a.start then expected[#expected + 1] = { a.start, a.stop, a.features.code, a.features.absent, a.features.n, a.features.kind } end
              end
              local got = {}
              for start, stop, code, absent, n, kind in doc:each(label or nil, "code", "absent", "n", "kind") do
                got[#got + 1] = { start, stop, code, absent, n, kind }
              end
              rows = rows + #got
              same_all = same_all and #got == #expected and same(got, expected)
            end
            local spans = {}
            for start, stop in doc:each("mention") do spans[#spans + 1] = start .. "-" .. stop end
            local codes = {}
            for _, _, code in doc:each("mention", "code") do codes[#codes + 1] = show(code) end
            doc:label("seen", 1, { same = same_all, rows = rows, spans = table.concat(spans, " "),
                                   codes = table.concat(codes, " ") })
            """)
        XCTAssertEqual(seen["same"], .bool(true))
        XCTAssertEqual(seen["rows"], .integer(12), "5 mentions, 1 other, then all 6 spans (the document label left out)")
        XCTAssertEqual(seen["spans"], .string("1-2 3-4 7-8 9-10 11-12"))
        XCTAssertEqual(seen["codes"], .string("VN IL VN {a list} nil"))
    }

    func testAnIteratorEndsForGoodAndTwoIteratorsAreIndependent() throws {
        let seen = try read("""
            local first, second = doc:each("mention", "code"), doc:each("mention", "code")
            local a1, _, c1 = first()
            local b1 = second()
            local a2 = first()
            local rest = 0
            while first() do rest = rest + 1 end
            doc:label("seen", 1, { a1 = a1, c1 = c1, b1 = b1, a2 = a2, rest = rest, after = first() == nil and first() == nil })
            """)
        XCTAssertEqual(seen["a1"], .integer(1))
        XCTAssertEqual(seen["c1"], .string("VN"))
        XCTAssertEqual(seen["b1"], .integer(1))
        XCTAssertEqual(seen["a2"], .integer(3))
        XCTAssertEqual(seen["rest"], .integer(3))
        XCTAssertEqual(seen["after"], .bool(true))
    }

    func testMisuseIsAnErrorNamingTheCall() throws {
        for (body, fragment) in [
            (#"doc:each("nope")"#, "doc:each: label 'nope' is not produced by any plugin that 'reader' requires"),
            (#"doc:each("mention", 42)"#, "doc:each: feature #1 must be a string, got number"),
            (#"doc:each(7)"#, "doc:each: label must be a string or nil"),
            (#"doc.each("mention")"#, "doc:each: call it as doc:each(label [, feature, …])"),
            (#"doc:each("mention", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q")"#,
             "doc:each: at most 16 features, got 17"),
        ] {
            XCTAssertThrowsError(try read(body), body) { error in
                XCTAssertTrue("\(error)".contains(fragment), "'\(error)' lacks '\(fragment)'")
            }
        }
    }
}
