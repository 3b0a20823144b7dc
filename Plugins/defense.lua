-- defense.lua: tags articles about the military, armed forces, weapons,
-- arms deals and defense cooperation.
--
-- Evidence: every lexicon hit becomes a "defense.term" span.
-- Decision: "topic:defense" when the article has at least `min_hits` hits
-- (repeats count: a report that says "la Défense" six times is about
-- defense). The score grows with the hits and reaches 1 at `full_score_hits`.
-- A single passing word ("a defense college") is not enough.

-- Term lists live in lexicons/, one file per language. They are loaded and
-- compiled once, here at the top level (load_terms only works while the
-- plugin file loads). The two languages stay in two lexicons because some
-- terms are the same word once accents are folded ("defense" / "défense").
local LEXICONS = {
  marginalia.lexicon(marginalia.load_terms("lexicons/defense.en.txt")),
  marginalia.lexicon(marginalia.load_terms("lexicons/defense.fr.txt")),
}

-- Both lexicons run on every document, whatever doc.lang says: the language
-- may be "und", and English news quotes French names (and vice versa).
-- When both lexicons match the same words, we keep one match: the leftmost,
-- and the longest if two start at the same place.
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
  name = "defense",
  version = "1.0.0",
  description = "Military, armed forces, weapons, arms deals and defense cooperation (English and French)",
  labels = { "topic:defense", "defense.term" },
  params = {
    min_hits = 2,          -- fewer hits than this: no topic label
    full_score_hits = 6,   -- this many hits or more: score 1
  },

  annotate = function (doc, ctx)
    local hits = find_hits(doc)
    for _, m in ipairs(hits) do
      doc:annotate(m.start, m.stop, "defense.term", { score = 1, features = { term = m.term } })
    end
    if #hits >= ctx.params.min_hits then
      local score = math.min(1, #hits / ctx.params.full_score_hits)
      doc:label("topic:defense", score, { hits = #hits })
    end
  end,

  examples = {
    -- English
    { text = "Israel upgraded T-54 tanks for the Vietnamese army and sold it air defense missiles.",
      lang = "en", expect = { "topic:defense" },
      spans = { { label = "defense.term", text = "tanks" },
                { label = "defense.term", text = "air defense" } } },
    { text = "The Ministry of Defence signed an arms deal for reconnaissance drones.",
      lang = "en", expect = { "topic:defense" },
      spans = { { label = "defense.term", text = "Ministry of Defence" } } },
    -- French, with the article "un" (must not matter here)
    { text = "Le ministère de la Défense a signé un accord avec l'armée russe.",
      lang = "fr", expect = { "topic:defense" },
      spans = { { label = "defense.term", text = "ministère de la Défense" },
                { label = "defense.term", text = "armée" } } },
    { text = "Un partenariat militaire prévoit la livraison de missiles aux forces armées.",
      lang = "fr", expect = { "topic:defense" } },
    -- Vietnamese place names, with and without diacritics
    { text = "At an expo in Hà Nội, the Việt Nam People's Army showed drones built in Thanh Hóa.",
      expect = { "topic:defense" },
      spans = { { label = "defense.term", text = "Army" }, { label = "defense.term", text = "drones" } } },
    { text = "At an expo in Ha Noi, the Viet Nam People's Army showed drones built in Thanh Hoa.",
      expect = { "topic:defense" } },
    -- Traps: diplomacy words are not defense words
    { text = "Both sides called for a lasting ceasefire, peaceful conflict resolution and security in Gaza.",
      lang = "en", reject = { "topic:defense" } },
    -- Trap: one passing mention is not enough
    { text = "The minister later visited a defense college in Đà Nẵng.", reject = { "topic:defense" } },
    -- Trap: "armyworm" is a pest, not an army
    { text = "Fall armyworm spread across maize fields in Sơn La this spring.", reject = { "topic:defense" } },
  },
}
