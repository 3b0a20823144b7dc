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

-- Term lists live in lexicons/, one file per language, loaded and compiled
-- once at the top level. Two lexicons, because some English and French terms
-- are the same word ("agriculture", "irrigation").
local LEXICONS = {
  marginalia.lexicon(marginalia.load_terms("lexicons/agriculture.en.txt")),
  marginalia.lexicon(marginalia.load_terms("lexicons/agriculture.fr.txt")),
}

-- Both lexicons run on every document, whatever doc.lang says (it may be
-- "und"). When both lexicons match the same words, we keep one match: the
-- leftmost, and the longest if two start at the same place.
local function find_hits(doc)
  local all = {}
  for _, lexicon in ipairs(LEXICONS) do
    for _, m in ipairs(lexicon:find_all(doc)) do
      all[#all + 1] = m
    end
  end
  table.sort(all, function (a, b)
    if a.start ~= b.start then return a.start < b.start end
    return a.stop > b.stop
  end)
  local hits, last_stop = {}, 0
  for _, m in ipairs(all) do
    if m.start > last_stop then
      hits[#hits + 1] = m
      last_stop = m.stop
    end
  end
  return hits
end

return {
  name = "agriculture",
  version = "1.0.0",
  description = "Agriculture, farming, crops, harvests, livestock and agro-technology (English and French)",
  labels = { "topic:agriculture", "agriculture.term" },
  params = {
    min_hits = 3,          -- fewer hits than this: no topic label
    min_distinct = 2,      -- fewer different terms than this: no topic label
    full_score_hits = 6,   -- this many hits or more: score 1
  },

  annotate = function (doc, ctx)
    local hits = find_hits(doc)
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
