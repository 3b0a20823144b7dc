local LEX = marginalia.lexicon{ "tanks", "missiles", "ha noi" }
local kept = {}
return {
  name = "fuzzed", version = "1.0", description = "a plugin the fuzzer mutates",
  labels = { "fuzz.term", "fuzz.doc" },
  params = { min_hits = 1 },
  examples = { { text = "Tanks.", expect = { "fuzz.term" } } },
  annotate = function (doc, ctx)
    local hits = LEX:annotate(doc, "fuzz.term")
    kept[#kept + 1] = marginalia.lexicon{ doc.id }
    if #hits >= ctx.params.min_hits then doc:label("fuzz.doc", 1, { hits = #hits }) end
    ctx.log("hits", #hits)
  end,
}
