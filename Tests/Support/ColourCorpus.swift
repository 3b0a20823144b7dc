import Foundation

/// A small dated, multilingual corpus and two tiny plugins, for the tests of the filters,
/// KWIC, `show`, `runs` and the report: `colours` 1.0.0 tags colour words (`colour.word`
/// spans with a `colour` and a `length` feature, and `topic:colour` when there are two or
/// more), `shapes` 0.2.0 tags shape words (`shape.word` with `sides`).
///
/// ```swift
/// let corpus = ColourCorpus(in: directory)
/// try marginalia(["annotate", corpus.input, "--plugins", corpus.plugins, "--store", store], in: directory.path)
/// ```
public struct ColourCorpus {
    /// The JSONL corpus and the plugin folder.
    public let input: String
    public let plugins: String

    /// id, date, language, title, text.
    public static let documents: [(id: String, date: String, language: String, title: String, text: String)] = [
        ("c1", "2016-01-05", "en", "Red square", "A red square sat beside a blue circle. The red one won."),
        ("c2", "2016-02-10", "en", "Green", "Only green, and no shapes at all."),
        ("c3", "2016-03-15", "fr", "Rouge", "Un triangle rouge et un carré."),
        ("c4", "2017-01-01", "en", "Plain", "Nothing to see here."),
    ]

    /// `count` more documents (`m000`, `m001`, …, dated 2018) of `wordsEach` colour words
    /// each, as JSONL: enough `colour.word` spans for several pages of KWIC lines.
    public static func manyColoursJSONL(count: Int, wordsEach: Int) -> String {
        let words = ["red", "blue", "green"]
        return (0..<count).map { index in
            let text = (0..<wordsEach).map { "word\($0) \(words[($0 + index) % 3])" }.joined(separator: " ") + "."
            return "{\"id\":\"m\(String(format: "%03d", index))\",\"date\":\"2018-05-01\",\"lang\":\"en\",\"text\":\"\(text)\"}"
        }.joined(separator: "\n") + "\n"
    }

    public init(in directory: TemporaryDirectory) {
        let lines = Self.documents.map { document in
            "{\"id\":\"\(document.id)\",\"date\":\"\(document.date)\",\"lang\":\"\(document.language)\","
                + "\"title\":\"\(document.title)\",\"text\":\"\(document.text)\"}"
        }
        input = directory.write("colours.jsonl", lines.joined(separator: "\n") + "\n")
        _ = directory.write("plugins/colours.lua", """
            local WORDS = { "red", "blue", "green", "rouge" }
            return {
              name = "colours", version = "1.0.0", description = "colour words",
              labels = { "colour.word", "topic:colour" },
              annotate = function (doc)
                local found = 0
                for _, word in ipairs(WORDS) do
                  local from = 1
                  while true do
                    local s, e = doc.text:find("%f[%a]" .. word .. "%f[%A]", from)
                    if not s then break end
                    doc:annotate(s, e, "colour.word", { features = { colour = word, length = #word } })
                    found = found + 1
                    from = e + 1
                  end
                end
                if found >= 2 then doc:label("topic:colour", 1, { words = found }) end
              end,
            }
            """)
        _ = directory.write("plugins/shapes.lua", """
            local SIDES = { square = 4, circle = 0, triangle = 3 }
            return {
              name = "shapes", version = "0.2.0", description = "shape words",
              labels = { "shape.word" },
              annotate = function (doc)
                for word, sides in pairs(SIDES) do
                  local s, e = doc.text:find(word, 1, true)
                  if s then doc:annotate(s, e, "shape.word", { features = { sides = sides } }) end
                end
              end,
            }
            """)
        plugins = directory.file("plugins")
    }
}
