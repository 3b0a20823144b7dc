import Marginalia
import MarginaliaLua
import XCTest

/// Loads the plugin `source` (named "source") and a plugin "reader" that requires it, whose
/// annotate runs `body` with `doc`, a deep comparison `same(a, b)` and `helpers` in scope,
/// over one small document; returns the features of the reader's first annotation (the
/// label its body makes).
///
///     let seen = try readerFeatures(source: Self.source, body: """
///         doc:label("seen", 1, { total = doc:count("mention") })
///         """)
func readerFeatures(source: String, body: String, helpers: String = "") throws -> JSONValue? {
    let host = try PluginHost()
    try host.load(source: source, path: "source.lua")
    try host.load(source: """
        local function same(a, b)
          if type(a) ~= "table" or type(b) ~= "table" then return a == b end
          for k, v in pairs(a) do if not same(v, b[k]) then return false end end
          for k in pairs(b) do if a[k] == nil then return false end end
          return true
        end
        \(helpers)
        return {
          name = "reader", version = "1", description = "reads", labels = { "seen" },
          requires = { "source" },
          annotate = function (doc) \(body) end,
        }
        """, path: "reader.lua")
    let results = host.annotate(Document(id: "d", text: "Vietnam and Israel signed a deal."))
    return try results[1].get().annotations.first?.features
}
