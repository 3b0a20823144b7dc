import Marginalia
import MarginaliaLua
import XCTest

/// `doc:annotations` gives every record tables of its own, also when many annotations share
/// one features object (the call copies the table it made for the first of them): equal
/// contents, distinct tables, and writing to one changes no other.
final class AnnotationRecordTests: XCTestCase {
    func testRecordsSharingOneFeaturesObjectGetEqualButSeparateTables() throws {
        let host = try PluginHost()
        try host.load(source: """
            local SHARED = { features = marginalia.features{ code = "VN", kind = "country", n = 2, ok = true } }
            return {
              name = "source", version = "1", description = "mentions", labels = { "mention" },
              annotate = function (doc)
                doc:annotate(1, 2, "mention", SHARED)
                doc:annotate(3, 4, "mention", SHARED)
                doc:annotate(5, 6, "mention", { features = { code = "IL", nested = { deep = 1 } } })
                doc:annotate(7, 8, "mention", SHARED)
                doc:annotate(9, 10, "mention", { features = { code = "IL", nested = { deep = 1 } } })
                doc:annotate(11, 12, "mention")
              end,
            }
            """, path: "source.lua")
        try host.load(source: """
            return {
              name = "reader", version = "1", description = "reads them", labels = { "seen" },
              requires = { "source" },
              annotate = function (doc)
                local first = doc:annotations("mention")
                first[1].features.code = "XX"            -- a script may write to its copy
                first[3].features.nested.deep = 2
                local again = doc:annotations("mention")
                local f = first
                doc:label("seen", 1, {
                  distinct = f[1].features ~= f[2].features and f[2].features ~= f[4].features
                    and f[3].features ~= f[5].features and f[3].features.nested ~= f[5].features.nested,
                  codes = { f[1].features.code, f[2].features.code, f[4].features.code, again[1].features.code },
                  kind = f[4].features.kind, n = f[4].features.n, ok = f[4].features.ok,
                  deep = { f[3].features.nested.deep, f[5].features.nested.deep, again[3].features.nested.deep },
                  empty = next(f[6].features) == nil,
                  count = #f,
                })
              end,
            }
            """, path: "reader.lua")
        let results = host.annotate(Document(id: "d", text: "Vietnam and Israel signed."))
        let seen = try results[1].get().annotations.first?.features
        XCTAssertEqual(seen, .object([
            "distinct": .bool(true),
            "codes": .array([.string("XX"), .string("VN"), .string("VN"), .string("VN")]),
            "kind": .string("country"), "n": .integer(2), "ok": .bool(true),
            "deep": .array([.integer(2), .integer(1), .integer(1)]),
            "empty": .bool(true), "count": .integer(6),
        ]))
    }

    func testMoreSharedObjectsThanTheCallKeepsAreAllConvertedRight() throws {
        let host = try PluginHost()
        let count = 100   // more objects than the 64 tables one call keeps
        try host.load(source: """
            local HANDLES = {}
            for i = 1, \(count) do HANDLES[i] = { features = marginalia.features{ i = i } } end
            return {
              name = "source", version = "1", description = "many", labels = { "m" },
              annotate = function (doc)
                for round = 1, 3 do
                  for i = 1, \(count) do doc:annotate(round, round, "m", HANDLES[i]) end
                end
              end,
            }
            """, path: "source.lua")
        try host.load(source: """
            return {
              name = "reader", version = "1", description = "checks", labels = { "bad" },
              requires = { "source" },
              annotate = function (doc)
                for k, a in ipairs(doc:annotations("m")) do
                  if a.features.i ~= (k - 1) % \(count) + 1 then doc:label("bad", 1, { at = k }) end
                end
              end,
            }
            """, path: "reader.lua")
        let results = host.annotate(Document(id: "d", text: "abc"))
        XCTAssertEqual(try results[1].get().annotations.count, 0, "every record has its own object's features")
    }
}
