-- humanitarian.lua: tags articles about people in crisis and help for them:
-- humanitarian aid and relief, refugees and displaced people, famine,
-- civilian casualties of war, medical aid missions. English and French.
--
-- Evidence: every lexicon hit becomes a "humanitarian.term" span.
-- Decision: "topic:humanitarian" needs BOTH at least `min_hits` hits (repeats
-- count) and at least `min_distinct` different terms. The score reaches 1 at
-- `full_score_hits` hits.

-- Term lists live in lexicons/, one file per language, compiled once into one
-- matcher (terms that fold to the same word, like "famine", may appear in
-- both files). A line "!phrase" is a look-alike ("hearing aid"): the matcher
-- prefers it because it is longer, and we then ignore it.
local function load_lexicon(files)
  local terms, ignored = {}, {}
  for _, file in ipairs(files) do
    for _, line in ipairs(marginalia.load_terms(file)) do
      local look_alike = line:match("^!%s*(.+)$")
      terms[#terms + 1] = look_alike or line
      if look_alike then ignored[look_alike] = true end
    end
  end
  return marginalia.lexicon(terms), ignored
end

local LEXICON, IGNORED = load_lexicon{ "lexicons/humanitarian.en.txt", "lexicons/humanitarian.fr.txt" }

return {
  name = "humanitarian",
  version = "1.0.0",
  description = "People in crisis and help for them: aid, relief, refugees, famine, civilian casualties (English and French)",
  labels = { "topic:humanitarian", "humanitarian.term" },
  params = {
    min_hits = 3,          -- fewer hits than this: no topic label
    min_distinct = 2,      -- fewer different terms than this: no topic label
    full_score_hits = 8,   -- this many hits or more: score 1
  },

  annotate = function (doc, ctx)
    local hits, distinct, seen = 0, 0, {}
    for _, m in ipairs(LEXICON:find_all(doc)) do
      if not IGNORED[m.term] then
        doc:annotate(m.start, m.stop, "humanitarian.term", { features = { term = m.term } })
        hits = hits + 1
        if not seen[m.term] then
          seen[m.term] = true
          distinct = distinct + 1
        end
      end
    end
    if hits >= ctx.params.min_hits and distinct >= ctx.params.min_distinct then
      local score = math.min(1, hits / ctx.params.full_score_hits)
      doc:label("topic:humanitarian", score, { hits = hits, distinct = distinct })
    end
  end,

  examples = {
    -- English
    { text = "He called for a ceasefire to protect civilians and more humanitarian aid for refugees in Gaza.",
      lang = "en", expect = { "topic:humanitarian" },
      spans = { { label = "humanitarian.term", text = "civilians" },
                { label = "humanitarian.term", text = "humanitarian aid" } } },
    { text = "Israel sent doctors and nurses to give medical care to villages in need.",
      lang = "en", expect = { "topic:humanitarian" },
      spans = { { label = "humanitarian.term", text = "medical care" } } },
    -- French
    { text = "Le Viêt Nam enverra une aide humanitaire aux réfugiés et aux civils de Gaza.",
      lang = "fr", expect = { "topic:humanitarian" },
      spans = { { label = "humanitarian.term", text = "aide humanitaire" },
                { label = "humanitarian.term", text = "réfugiés" } } },
    -- Vietnamese place names, with and without diacritics
    { text = "Floods in Quảng Bình displaced thousands; relief and food aid reached Quang Tri.",
      expect = { "topic:humanitarian" } },
    -- Trap: hearing aids, tax relief and first aid are not humanitarian
    { text = "Tax relief for hearing aids and first aid kits was approved; debt relief was not.",
      lang = "en", reject = { "topic:humanitarian" } },
    -- Trap (French): military aid
    { text = "La Russie promet une aide militaire et une aide militaire accrue au Laos.",
      lang = "fr", reject = { "topic:humanitarian" } },
  },
}
