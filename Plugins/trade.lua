-- trade.lua: tags articles about commerce across borders and trade policy:
-- exports and imports, tariffs, trade deals and trade wars, arms or commodity
-- sales abroad. English and French.
--
-- Evidence: every lexicon hit becomes a "trade.term" span.
-- Decision: "topic:trade" needs BOTH at least `min_hits` hits (repeats count)
-- and at least `min_distinct` different terms, so one passing "trade" or one
-- word repeated is not enough. The score reaches 1 at `full_score_hits` hits.

-- Term lists live in lexicons/, one file per language, compiled once into one
-- matcher (terms that fold to the same word, like "commerce", may appear in
-- both files). A line "!phrase" is a look-alike ("trade union"): the matcher
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

local LEXICON, IGNORED = load_lexicon{ "lexicons/trade.en.txt", "lexicons/trade.fr.txt" }

return {
  name = "trade",
  version = "1.0.0",
  description = "Commerce across borders and trade policy: exports, imports, tariffs, trade deals (English and French)",
  labels = { "topic:trade", "trade.term" },
  params = {
    min_hits = 3,          -- fewer hits than this: no topic label
    min_distinct = 2,      -- fewer different terms than this: no topic label
    full_score_hits = 8,   -- this many hits or more: score 1
  },

  annotate = function (doc, ctx)
    local hits, distinct, seen = 0, 0, {}
    for _, m in ipairs(LEXICON:find_all(doc)) do
      if not IGNORED[m.term] then
        doc:annotate(m.start, m.stop, "trade.term", { features = { term = m.term } })
        hits = hits + 1
        if not seen[m.term] then
          seen[m.term] = true
          distinct = distinct + 1
        end
      end
    end
    if hits >= ctx.params.min_hits and distinct >= ctx.params.min_distinct then
      local score = math.min(1, hits / ctx.params.full_score_hits)
      doc:label("topic:trade", score, { hits = hits, distinct = distinct })
    end
  end,

  examples = {
    -- English
    { text = "Vietnam wants to double shrimp exports to the US, its biggest importer, despite new tariffs.",
      lang = "en", expect = { "topic:trade" },
      spans = { { label = "trade.term", text = "exports" }, { label = "trade.term", text = "tariffs" } } },
    { text = "Amid a US-China trade war, Israel scrapped the sale of radar systems and other goods to China.",
      lang = "en", expect = { "topic:trade" },
      spans = { { label = "trade.term", text = "trade war" } } },
    -- French
    { text = "Les exportations de riz du Viêt Nam progressent : l'accord de libre-échange avec l'UE stimule le commerce.",
      lang = "fr", expect = { "topic:trade" },
      spans = { { label = "trade.term", text = "exportations" },
                { label = "trade.term", text = "accord de libre-échange" } } },
    { text = "Hanoï et Moscou veulent doubler leurs échanges commerciaux, leurs exportations et baisser les droits de douane.",
      lang = "fr", expect = { "topic:trade" } },
    -- Vietnamese place names, with and without diacritics
    { text = "Ha Noi and Tel Aviv signed a free trade agreement to cut tariffs on exports.",
      expect = { "topic:trade" } },
    -- Trap: a trade union is not trade
    { text = "The trade union said trade union members will strike at Tesco; the trade unions agree.",
      lang = "en", reject = { "topic:trade" } },
    -- Trap: one passing mention
    { text = "The two sides agreed to strengthen cooperation in trade, education and agriculture.",
      lang = "en", reject = { "topic:trade" },
      spans = { { label = "trade.term", text = "trade" } } },
    -- Trap (French): a shopping centre is not commerce between countries
    { text = "Un centre commercial a ouvert à Hà Nội ; un deuxième centre commercial suivra.",
      lang = "fr", reject = { "topic:trade" } },
  },
}
