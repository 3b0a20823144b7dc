-- diplomacy/diplomacy.lua: tags articles about relations between states conducted by
-- governments: visits, talks, summits, envoys and embassies, treaties,
-- diplomatic rows and sanctions. English and French.
--
-- Evidence: every lexicon hit becomes a "diplomacy.term" span.
-- Decision, as in the labelling guideline ("at least a paragraph about it"):
-- "topic:diplomacy" when one passage of the article (any `passage_bytes`
-- bytes, a long paragraph or two) holds at least `min_hits` hits of at least
-- `min_distinct` different terms. So one title in passing ("a former
-- foreign minister") is not enough. The score grows with all the hits of
-- the article and reaches 1 at `full_score_hits`.

-- Steps shared by the topic taggers: load the lexicon, find, mark, decide
-- (the library lib/topic/, declared in `uses` below).
local topic = marginalia.use("topic")

-- Term lists live in lexicons/, one file per language, compiled once into one
-- matcher (terms that fold to the same word, like "accord", may appear in
-- both files). A line "!phrase" is a look-alike ("trade talks"): the matcher
-- prefers it because it is longer, and we then ignore it.
local LEXICON, IGNORED = topic.load_lexicon{ "lexicons/diplomacy.en.txt", "lexicons/diplomacy.fr.txt" }

-- Two paragraphs of filler for the examples: words far apart are not one passage.
local FILLER = string.rep("Then the speech turned to schools, roads and jobs. ", 45)

return {
  name = "diplomacy",
  version = "1.1.1",
  description = "Relations between states: visits, talks, summits, envoys, treaties, rows (English and French)",
  uses = { "topic" },
  labels = { "topic:diplomacy", "diplomacy.term" },
  params = {
    passage_bytes = 2000,  -- a passage: a long paragraph or two (300-350 words)
    min_hits = 3,          -- hits needed in one passage
    min_distinct = 2,      -- different terms needed in that passage
    full_score_hits = 8,   -- this many hits in the article or more: score 1
  },

  annotate = function (doc, ctx)
    local hits = topic.find_and_mark(doc, LEXICON, IGNORED, "diplomacy.term")
    topic.decide(doc, hits, ctx.params, "topic:diplomacy")
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
    -- Trap: coalition talks are domestic politics
    { text = "Coalition talks stalled; the coalition negotiations resume as coalition talks go on.",
      lang = "en", reject = { "topic:diplomacy" } },
    -- Trap (French): wage negotiations
    { text = "Les négociations salariales ont abouti à un accord lors du sommet social.",
      lang = "fr", reject = { "topic:diplomacy" } },
    -- Trap: diplomacy words scattered through a long speech, paragraphs apart
    { text = "Our ambassador is here. " .. FILLER .. "The summit was fine. " .. FILLER .. "We like treaties.",
      lang = "en", reject = { "topic:diplomacy" } },
  },
}
