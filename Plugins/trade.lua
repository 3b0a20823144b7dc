-- trade.lua: tags articles about commerce across borders and trade policy:
-- exports and imports, tariffs, trade deals and trade wars, arms or commodity
-- sales abroad. English and French.
--
-- Evidence: every lexicon hit becomes a "trade.term" span.
-- Decision, as in the labelling guideline ("at least a paragraph about it"):
-- "topic:trade" when one passage of the article (any `passage_bytes` bytes,
-- about a paragraph) holds at least `min_hits` hits of at least
-- `min_distinct` different terms. So one passing "trade", or a "trade
-- union", is not enough. The score grows with all the hits of the article
-- and reaches 1 at `full_score_hits`.

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

-- True when some passage of at most `size` bytes holds at least `min_hits`
-- hits of at least `min_distinct` different terms. `hits` are in text order:
-- each hit in turn starts a passage, which takes the hits that follow while
-- they end within `size` bytes of its start.
local function has_dense_passage(hits, size, min_hits, min_distinct)
  for first = 1, #hits do
    local count, distinct, seen = 0, 0, {}
    for last = first, #hits do
      if hits[last].stop - hits[first].start >= size then break end
      count = count + 1
      if not seen[hits[last].term] then
        seen[hits[last].term] = true
        distinct = distinct + 1
      end
    end
    if count >= min_hits and distinct >= min_distinct then return true end
  end
  return false
end

-- A paragraph of filler for the examples: words far apart are not one passage.
local FILLER = string.rep("Then the speech turned to schools, roads and jobs. ", 25)

return {
  name = "trade",
  version = "1.0.0",
  description = "Commerce across borders and trade policy: exports, imports, tariffs, trade deals (English and French)",
  labels = { "topic:trade", "trade.term" },
  params = {
    passage_bytes = 1000,  -- a passage: about a paragraph (150-200 words)
    min_hits = 3,          -- hits needed in one passage
    min_distinct = 2,      -- different terms needed in that passage
    full_score_hits = 8,   -- this many hits in the article or more: score 1
  },

  annotate = function (doc, ctx)
    local hits = {}
    for _, m in ipairs(LEXICON:find_all(doc)) do
      if not IGNORED[m.term] then
        hits[#hits + 1] = m
        doc:annotate(m.start, m.stop, "trade.term", { features = { term = m.term } })
      end
    end
    local p = ctx.params
    if has_dense_passage(hits, p.passage_bytes, p.min_hits, p.min_distinct) then
      doc:label("topic:trade", math.min(1, #hits / p.full_score_hits), { hits = #hits })
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
    { text = "Les exportations de riz du Viêt Nam progressent : le libre-échange avec l'UE stimule le commerce.",
      lang = "fr", expect = { "topic:trade" },
      spans = { { label = "trade.term", text = "exportations" },
                { label = "trade.term", text = "libre-échange" } } },
    { text = "Hanoï et Moscou veulent plus d'échanges commerciaux, d'exportations et moins de droits de douane.",
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
    -- Trap (French): online shopping is not commerce between countries
    { text = "Le commerce en ligne explose à Hà Nội : sites de commerce en ligne et marchandises livrées.",
      lang = "fr", reject = { "topic:trade" } },
    -- Trap: trade words scattered through a long speech, a paragraph apart
    { text = "Exports matter. " .. FILLER .. "Tariffs are taxes. " .. FILLER .. "We love free trade.",
      lang = "en", reject = { "topic:trade" } },
    -- Trap: e-commerce is not trade between countries
    { text = "E-commerce boomed: e-commerce shops and e-commerce apps sell goods online.",
      lang = "en", reject = { "topic:trade" } },
  },
}
