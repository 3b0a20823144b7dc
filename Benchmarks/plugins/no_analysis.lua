-- no_analysis.lua: the benchmark's floor. It looks at nothing and marks nothing, so that a
-- run measures what every batch pays whatever its plugins do: start-up, reading and parsing,
-- hashing and the language guess, making each document and handing it to Lua, and storing
-- the documents with their text and one output row each.
--
--   marginalia annotate corpus.jsonl --plugins Benchmarks/plugins --only no_analysis --store /tmp/s.sqlite
return {
  name = "no_analysis",
  version = "1.0.0",
  description = "Benchmark: no analysis and no annotation (the engine's floor)",
  labels = { "no_analysis.none" },

  annotate = function (_) end,

  examples = {
    { text = "Nothing is marked here.", reject = { "no_analysis.none" } },
  },
}
