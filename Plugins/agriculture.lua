-- agriculture.lua: tags articles about farming, crops, harvests,
-- livestock, fertiliser and agro-technology.
--
-- Evidence: every lexicon hit becomes an "agriculture.term" span.
-- Decision: "topic:agriculture" needs BOTH
--   * at least `min_hits` hits in total, and
--   * at least `min_distinct` different terms.
-- So a passing mention ("cooperation in trade, education and agriculture")
-- does not fire, and neither does one word repeated ("rice wine, rice cakes
-- and rice paper"). The score reaches 1 at `full_score_hits` hits.

-- Term lists live in lexicons/, one file per language, compiled once into one
-- matcher (terms that fold to the same word, like "agriculture", may appear in
-- both files). A line "!phrase" is a look-alike ("rice wine"): the matcher
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

local LEXICON, IGNORED = load_lexicon{ "lexicons/agriculture.en.txt", "lexicons/agriculture.fr.txt" }

return {
  name = "agriculture",
  version = "1.1.0",
  description = "Agriculture, farming, crops, harvests, livestock and agro-technology (English and French)",
  labels = { "topic:agriculture", "agriculture.term" },
  params = {
    min_hits = 3,          -- fewer hits than this: no topic label
    min_distinct = 2,      -- fewer different terms than this: no topic label
    full_score_hits = 6,   -- this many hits or more: score 1
  },

  annotate = function (doc, ctx)
    local hits = {}
    for _, m in ipairs(LEXICON:find_all(doc)) do
      if not IGNORED[m.term] then hits[#hits + 1] = m end
    end
    local distinct_terms, distinct = {}, 0
    for _, m in ipairs(hits) do
      doc:annotate(m.start, m.stop, "agriculture.term", { score = 1, features = { term = m.term } })
      if not distinct_terms[m.term] then
        distinct_terms[m.term] = true
        distinct = distinct + 1
      end
    end
    if #hits >= ctx.params.min_hits and distinct >= ctx.params.min_distinct then
      local score = math.min(1, #hits / ctx.params.full_score_hits)
      doc:label("topic:agriculture", score, { hits = #hits, distinct = distinct })
    end
  end,

  examples = {
    -- English
    { text = "Farmers in the Mekong Delta expect a record rice harvest as fertiliser prices fall.",
      lang = "en", expect = { "topic:agriculture" },
      spans = { { label = "agriculture.term", text = "rice" },
                { label = "agriculture.term", text = "fertiliser" } } },
    { text = "Israel sent farm animals and agricultural experts, and its agro-technology now boosts crops.",
      lang = "en", expect = { "topic:agriculture" },
      spans = { { label = "agriculture.term", text = "farm animals" } } },
    -- French, with the article "un"
    { text = "Les agriculteurs du delta du Mékong prévoient une récolte de riz record grâce à un engrais moins cher.",
      lang = "fr", expect = { "topic:agriculture" },
      spans = { { label = "agriculture.term", text = "récolte" }, { label = "agriculture.term", text = "riz" } } },
    { text = "L'élevage et la riziculture restent au cœur de l'économie agricole du pays.",
      lang = "fr", expect = { "topic:agriculture" } },
    -- Vietnamese place names, with and without diacritics
    { text = "Fall armyworm is eating crops in Sơn La, and farmers near Hà Nội fear for the harvest.",
      expect = { "topic:agriculture" },
      spans = { { label = "agriculture.term", text = "Fall armyworm" } } },
    { text = "Fall armyworm is eating crops in Son La, and farmers near Ha Noi fear for the harvest.",
      expect = { "topic:agriculture" } },
    -- Trap: a single passing mention
    { text = "The two sides agreed to strengthen cooperation in trade, education, science-technology, and agriculture.",
      lang = "en", reject = { "topic:agriculture" },
      spans = { { label = "agriculture.term", text = "agriculture" } } },
    -- Trap: one word repeated is not enough (min_distinct)
    { text = "The menu offered rice wine, rice cakes and rice paper rolls.",
      lang = "en", reject = { "topic:agriculture" } },
    -- Trap: French "culture" is about culture, not crops
    { text = "Un festival célèbre la culture et les cultures du monde à Hanoï.",
      lang = "fr", reject = { "topic:agriculture" } },
  },
}
