-- fixed_spans.lua: the benchmark's store-path plugin. It analyses nothing and marks the
-- first 15 characters of every document, one span each, with one small feature, so
-- that a run measures reading, the Lua bridge and writing alone (about as many rows per
-- document as the eight bundled plugins make together). The spans cross into the host in
-- one doc:annotate_all call per document (1.0.0 made one doc:annotate call per span).
--
--   marginalia annotate corpus.jsonl --plugins Benchmarks/plugins --store /tmp/s.sqlite
local SPANS = 15

return {
  name = "fixed_spans",
  version = "1.1.0",
  description = "Benchmark: 15 one-character spans per document, no analysis",
  labels = { "fixed.span" },

  annotate = function (doc)
    local text, spans = doc.text, {}
    for i = 1, SPANS do
      local start = utf8.offset(text, i)
      if start == nil or start > #text then break end
      spans[i] = { start = start, stop = utf8.offset(text, i + 1) - 1, features = { n = i } }
    end
    doc:annotate_all(spans, "fixed.span")
  end,

  examples = {
    { text = "Fifteen or more characters here.", spans = { { label = "fixed.span", text = "F" } } },
    { text = "Hà Nội", spans = { { label = "fixed.span", text = "à" } } },
  },
}
