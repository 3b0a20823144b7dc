-- defense/defense.lua: tags articles about the military, armed forces, wars and
-- military operations, weapons, arms deals and defense cooperation.
-- English and French.
--
-- Evidence: every lexicon hit becomes a "defense.term" span.
-- Decision, as in the labelling guideline ("at least a paragraph about it"):
-- "topic:defense" when one passage of the article (any `passage_bytes`
-- bytes, a long paragraph or two) holds at least `min_hits` hits of at least
-- `min_distinct` different terms. So a passing word ("a defense college"),
-- or military words scattered through a long speech, are not enough, while
-- a short military item in a news digest is. The score grows with all the
-- hits of the article and reaches 1 at `full_score_hits`.

-- Steps shared by the topic taggers: load the lexicon, find, mark, decide
-- (the library lib/topic/, declared in `uses` below).
local topic = marginalia.use("topic")

-- Term lists live in lexicons/, one file per language, compiled once into one
-- matcher (terms that fold to the same word, like "missile", may appear in
-- both files). A line "!phrase" is a look-alike ("defense lawyer"): the matcher
-- prefers it because it is longer, and we then ignore it.
local LEXICON, IGNORED = topic.load_lexicon{ "lexicons/defense.en.txt", "lexicons/defense.fr.txt" }

-- Two paragraphs of filler for the examples: words far apart are not one passage.
local FILLER = string.rep("Then the speech turned to schools, roads and jobs. ", 45)

return {
  name = "defense",
  version = "2.1.1",
  description = "Military, armed forces, weapons, arms deals and defense cooperation (English and French)",
  uses = { "topic" },
  labels = { "topic:defense", "defense.term" },
  params = {
    passage_bytes = 2000,  -- a passage: a long paragraph or two (300-350 words)
    min_hits = 3,          -- hits needed in one passage
    min_distinct = 2,      -- different terms needed in that passage
    full_score_hits = 8,   -- this many hits in the article or more: score 1
  },

  annotate = function (doc, ctx)
    local hits = topic.find_and_mark(doc, LEXICON, IGNORED, "defense.term")
    topic.decide(doc, hits, ctx.params, "topic:defense")
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
    { text = "Le ministère de la Défense a signé un accord avec l'armée russe sur des drones.",
      lang = "fr", expect = { "topic:defense" },
      spans = { { label = "defense.term", text = "ministère de la Défense" },
                { label = "defense.term", text = "armée" } } },
    { text = "Un partenariat militaire prévoit la livraison de missiles aux forces armées.",
      lang = "fr", expect = { "topic:defense" } },
    -- Vietnamese place names, with and without diacritics
    { text = "At an expo in Hà Nội, the Việt Nam People's Army showed drones and missiles built in Thanh Hóa.",
      expect = { "topic:defense" },
      spans = { { label = "defense.term", text = "Army" }, { label = "defense.term", text = "drones" } } },
    { text = "At an expo in Ha Noi, the Viet Nam People's Army showed drones and missiles built in Thanh Hoa.",
      expect = { "topic:defense" } },
    -- Traps: diplomacy words are not defense words
    { text = "Both sides called for a lasting ceasefire, peaceful conflict resolution and security in Gaza.",
      lang = "en", reject = { "topic:defense" } },
    -- Trap: one passing mention is not enough
    { text = "The minister later visited a defense college in Đà Nẵng.", reject = { "topic:defense" } },
    -- Trap: a defense lawyer and a think tank are not defense
    { text = "The defense lawyer of the think tank chief spoke in defense of her client.",
      lang = "en", reject = { "topic:defense" } },
    -- Trap (French): "défense des droits" is not military
    { text = "La défense des droits de l'homme et la défense des intérêts des salariés, défense des droits humains.",
      lang = "fr", reject = { "topic:defense" } },
    -- Trap: "armyworm" is a pest, not an army
    { text = "Fall armyworm spread across maize fields in Sơn La this spring.", reject = { "topic:defense" } },
    -- Trap: a legal defense and a charm offensive are not military
    { text = "His legal defense rests on the video; the minister's charm offensive failed.",
      lang = "en", reject = { "topic:defense" } },
    -- Trap: military words scattered through a long speech, paragraphs apart
    { text = "We honour the army. " .. FILLER .. "Missiles are costly. " .. FILLER .. "Our troops come home.",
      lang = "en", reject = { "topic:defense" } },
  },
}
