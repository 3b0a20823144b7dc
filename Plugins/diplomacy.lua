-- diplomacy.lua: tags articles about relations between states conducted by
-- governments: visits, talks, summits, envoys and embassies, treaties,
-- diplomatic rows and sanctions. English and French.
--
-- Evidence: every lexicon hit becomes a "diplomacy.term" span.
-- Decision: "topic:diplomacy" needs BOTH at least `min_hits` hits (repeats
-- count) and at least `min_distinct` different terms. The score reaches 1 at
-- `full_score_hits` hits.

-- Term lists live in lexicons/, one file per language, compiled once into one
-- matcher (terms that fold to the same word, like "accord", may appear in
-- both files). A line "!phrase" is a look-alike ("trade talks"): the matcher
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

local LEXICON, IGNORED = load_lexicon{ "lexicons/diplomacy.en.txt", "lexicons/diplomacy.fr.txt" }

return {
  name = "diplomacy",
  version = "1.0.0",
  description = "Relations between states: visits, talks, summits, envoys, treaties, diplomatic rows (English and French)",
  labels = { "topic:diplomacy", "diplomacy.term" },
  params = {
    min_hits = 3,          -- fewer hits than this: no topic label
    min_distinct = 2,      -- fewer different terms than this: no topic label
    full_score_hits = 8,   -- this many hits or more: score 1
  },

  annotate = function (doc, ctx)
    local hits, distinct, seen = 0, 0, {}
    for _, m in ipairs(LEXICON:find_all(doc)) do
      if not IGNORED[m.term] then
        doc:annotate(m.start, m.stop, "diplomacy.term", { features = { term = m.term } })
        hits = hits + 1
        if not seen[m.term] then
          seen[m.term] = true
          distinct = distinct + 1
        end
      end
    end
    if hits >= ctx.params.min_hits and distinct >= ctx.params.min_distinct then
      local score = math.min(1, hits / ctx.params.full_score_hits)
      doc:label("topic:diplomacy", score, { hits = hits, distinct = distinct })
    end
  end,

  examples = {
    -- English
    { text = "Foreign Minister Bùi Thanh Sơn received the Palestinian envoy; both sides praised bilateral ties.",
      lang = "en", expect = { "topic:diplomacy" },
      spans = { { label = "diplomacy.term", text = "Foreign Minister" },
                { label = "diplomacy.term", text = "envoy" },
                { label = "diplomacy.term", text = "bilateral ties" } } },
    { text = "Turkey summoned the Dutch ambassador as the diplomatic row over the embassy widened.",
      lang = "en", expect = { "topic:diplomacy" } },
    -- French
    { text = "En visite officielle à Hanoï, le ministre russe a salué le partenariat stratégique entre les deux pays.",
      lang = "fr", expect = { "topic:diplomacy" },
      spans = { { label = "diplomacy.term", text = "visite officielle" },
                { label = "diplomacy.term", text = "les deux pays" } } },
    -- Vietnamese place names without diacritics
    { text = "The Viet Nam embassy in Tel Aviv hosted talks before the state visit to Ha Noi.",
      expect = { "topic:diplomacy" } },
    -- Trap: trade talks and wage talks are not diplomacy
    { text = "Wage talks at the factory stalled; trade talks with suppliers continue.",
      lang = "en", reject = { "topic:diplomacy" } },
    -- Trap: one passing word
    { text = "The singer, a UNICEF ambassador, released a new album in Hà Nội.",
      lang = "en", reject = { "topic:diplomacy" } },
  },
}
