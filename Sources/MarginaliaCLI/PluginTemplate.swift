import Foundation

/// The starter plugin and sample article written by `marginalia plugins new NAME`.
/// Both are plain text with `NAME` replaced; the plugin passes `plugins test` as written.
enum PluginTemplate {
    static func plugin(named name: String) -> String {
        #"""
        -- NAME/NAME.lua: a starter tagger written by `marginalia plugins new NAME`.
        --
        -- It tags articles about ports and shipping. Make it yours:
        --   1. change the terms and the labels below,
        --   2. keep the examples at the bottom honest: they are its tests,
        --   3. run `marginalia plugins test NAME` until everything passes,
        --   4. run `marginalia annotate` on examples/NAME_sample.txt of this folder
        --      (--only NAME) and `marginalia show NAME_sample` to see your labels.
        -- Everything the plugin needs lives in this folder (term files, helpers, README),
        -- so `marginalia plugins pack NAME` can share it. The whole API (doc, ctx,
        -- marginalia.lexicon, …) is in docs/lua-api.md.

        -- A lexicon matches whole words and phrases, ignoring case and accents:
        -- "port" also finds "Port" and "PORT", "Hai Phong" finds "Hải Phòng".
        -- Build it once, here at the top level, not inside annotate.
        -- (Longer lists read better from a file: marginalia.load_terms("lexicons/NAME.txt").)
        local TERMS = marginalia.lexicon {
          "port", "harbour", "harbor", "container ship", "cargo terminal", "shipping lane",
          "cảng", "porte-conteneurs",
        }

        return {
          name = "NAME",
          version = "0.1.0",
          description = "Ports and shipping (starter plugin: edit me)",
          -- Every label the plugin may emit. Emitting another one is an error.
          labels = { "topic:NAME", "NAME.term" },
          -- Defaults; override with --param NAME.min_hits=3 or in marginalia.toml.
          params = { min_hits = 2 },

          -- Called once per document. doc.text is the article; positions are
          -- 1-based byte positions, as string.find returns them.
          annotate = function (doc, ctx)
            local hits = TERMS:find_all(doc)
            -- Evidence: one span per term found.
            for _, hit in ipairs(hits) do
              doc:annotate(hit.start, hit.stop, "NAME.term", { features = { term = hit.term } })
            end
            -- Decision: a document label when there is enough evidence.
            if #hits >= ctx.params.min_hits then
              doc:label("topic:NAME", math.min(1, #hits / 5), { hits = #hits })
            end
          end,

          -- Examples double as tests: `expect` labels must appear, `reject` labels must
          -- not, and each `spans` entry must be found on exactly that text.
          examples = {
            { text = "The harbour of Hải Phòng welcomed its largest container ship this week.",
              expect = { "topic:NAME" },
              spans = { { label = "NAME.term", text = "container ship" },
                        { label = "NAME.term", text = "harbour" } } },
            { text = "He made one port of call and flew home.", reject = { "topic:NAME" } },
            { text = "Le port du Havre accueille un porte-conteneurs géant.", lang = "fr",
              expect = { "topic:NAME" }, spans = { { label = "NAME.term", text = "porte-conteneurs" } } },
          },
        }

        """#.replacingOccurrences(of: "NAME", with: name)
    }

    /// The README of a new plugin folder.
    static func readme(named name: String) -> String {
        """
        # \(name)

        Ports and shipping (a starter plugin written by `marginalia plugins new \(name)`: edit me).

        | | |
        |---|---|
        | labels | `topic:\(name)` (enough terms in the article), `\(name).term` (each term found) |
        | parameters | `min_hits = 2`: terms needed for `topic:\(name)` |
        | files | `\(name).lua` (the plugin and its examples), `examples/\(name)_sample.txt` |

        ```sh
        marginalia plugins test \(name)                         # its examples are its tests
        marginalia annotate Plugins/\(name)/examples --only \(name)
        marginalia plugins pack \(name)                         # a reproducible .tar.gz to share
        ```

        """
    }

    static let sampleArticle = """
        A new berth for Hải Phòng
        The port of Hải Phòng opened a deep-water cargo terminal on Friday. The harbour can now
        receive the largest container ship on the Asia–Europe shipping lane, the port authority said.

        """
}
