import Marginalia
import MarginaliaLua
import XCTest

/// `doc:count(label, feature)` counts what a loop over `doc:annotations(label)` counts: the
/// same total, and the same table of values, told apart as Lua keys are.
final class AnnotationCountTests: XCTestCase {
    private static let source = """
        local SHARED = { features = marginalia.features{ code = "VN", kind = "country" } }
        return {
          name = "source", version = "1", description = "mentions", labels = { "mention", "other", "topic" },
          annotate = function (doc)
            doc:annotate(1, 2, "mention", SHARED)
            doc:annotate(3, 4, "mention", SHARED)
            doc:annotate(5, 6, "mention", { features = { code = "IL", n = 2, ok = true } })
            doc:annotate(7, 8, "mention", { features = { code = "caf\\u{E9}", n = 2.0, ok = false } })
            doc:annotate(9, 10, "mention", { features = { code = "cafe\\u{301}", n = 2.5 } })
            doc:annotate(11, 12, "mention", { features = { code = { "a list" } } })
            doc:annotate(13, 14, "mention")
            doc:annotate(15, 16, "other", { features = { code = "VN" } })
            doc:label("topic", 0.5, { code = "VN" })
          end,
        }
        """

    /// Runs `body` (with `doc` and a `same(a, b)` deep comparison in scope) as the annotate
    /// of a plugin requiring `source`; returns the features of its one label.
    private func read(_ body: String) throws -> JSONValue? {
        try readerFeatures(source: Self.source, body: body)
    }

    func testCountsAreWhatALoopOverTheAnnotationsCounts() throws {
        let seen = try read("""
            local function loop(label, feature)
              local total, counts = 0, {}
              for _, a in ipairs(doc:annotations(label)) do
                total = total + 1
                local v = a.features[feature]
                if type(v) == "string" or type(v) == "number" or type(v) == "boolean" then
                  counts[v] = (counts[v] or 0) + 1
                end
              end
              return total, counts
            end
            local same_all = true
            for _, label in ipairs{ "mention", "other", "topic", false } do
              for _, feature in ipairs{ "code", "n", "ok", "kind", "absent" } do
                local total, counts = doc:count(label or nil, feature)
                local loop_total, loop_counts = loop(label or nil, feature)
                same_all = same_all and total == loop_total and same(counts, loop_counts)
              end
            end
            local total, by_code = doc:count("mention", "code")
            local _, by_n = doc:count("mention", "n")
            local _, by_ok = doc:count("mention", "ok")
            doc:label("seen", 1, {
              same = same_all, total = total, all = doc:count(), plain = doc:count("mention"),
              vn = by_code.VN, il = by_code.IL, nfc = by_code["caf\\u{E9}"], nfd = by_code["cafe\\u{301}"],
              two = by_n[2], half = by_n[2.5], yes = by_ok[true], no = by_ok[false],
              keys = (function () local n = 0 for _ in pairs(by_code) do n = n + 1 end return n end)(),
            })
            """)
        XCTAssertEqual(seen, .object([
            "same": .bool(true), "total": .integer(7), "all": .integer(9), "plain": .integer(7),
            "vn": .integer(2), "il": .integer(1), "nfc": .integer(1), "nfd": .integer(1),
            "two": .integer(2), "half": .integer(1), "yes": .integer(1), "no": .integer(1),
            "keys": .integer(4),
        ]))
    }

    func testTheCountsTableIsTheScriptsOwn() throws {
        let seen = try read("""
            local _, first = doc:count("mention", "code")
            first.VN = 99
            local _, again = doc:count("mention", "code")
            doc:label("seen", 1, { first = first.VN, again = again.VN, fresh = first ~= again })
            """)
        XCTAssertEqual(seen, .object(["first": .integer(99), "again": .integer(2), "fresh": .bool(true)]))
    }

    func testBadArgumentsAreErrorsNamingTheFunction() throws {
        for (call, message) in [
            ("doc:count('elsewhere', 'code')", "doc:count: label 'elsewhere' is not produced by any plugin that 'reader' requires"),
            ("doc:count(42)", "doc:count: label must be a string or nil"),
            ("doc:count('mention', 7)", "doc:count: feature must be a string or nil, got number"),
            ("doc.count('mention')", "doc:count: call it as doc:count(label [, feature])"),
        ] {
            let reader = try PluginHost()
            try reader.load(source: Self.source, path: "source.lua")
            try reader.load(source: """
                return { name = "reader", version = "1", description = "d", labels = { "seen" }, requires = { "source" },
                         annotate = function (doc) \(call) end }
                """, path: "reader.lua")
            let results = reader.annotate(Document(id: "d", text: "Some text here."))
            guard case .failure(let error) = results[1] else { XCTFail("\(call) was accepted"); continue }
            XCTAssertTrue(error.message.contains(message), "\(call): \(error.message)")
            XCTAssertTrue(error.message.contains("reader.lua:2"), "\(call): \(error.message)")
        }
    }
}
