-- defense.lua: tags articles about the military, armed forces, weapons,
-- arms deals and defense cooperation.
--
-- Evidence: every lexicon hit becomes a "defense.term" span.
-- Decision: "topic:defense" when the article has at least `min_hits` hits
-- (repeats count: a report that says "la Défense" six times is about
-- defense). The score grows with the hits and reaches 1 at `full_score_hits`.
-- A single passing word ("a defense college") is not enough.

-- Term lists live in lexicons/, one file per language, compiled once into one
-- matcher (terms that fold to the same word, like "missile", may appear in
-- both files). A line "!phrase" is a look-alike ("defense lawyer"): the matcher
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

local LEXICON, IGNORED = load_lexicon{ "lexicons/defense.en.txt", "lexicons/defense.fr.txt" }

return {
  name = "defense",
  version = "1.1.0",
  description = "Military, armed forces, weapons, arms deals and defense cooperation (English and French)",
  labels = { "topic:defense", "defense.term" },
  params = {
    min_hits = 2,          -- fewer hits than this: no topic label
    full_score_hits = 6,   -- this many hits or more: score 1
  },

  annotate = function (doc, ctx)
    local hits = {}
    for _, m in ipairs(LEXICON:find_all(doc)) do
      if not IGNORED[m.term] then hits[#hits + 1] = m end
    end
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
