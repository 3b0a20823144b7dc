-- agriculture/agriculture.lua: tags articles about farming, crops, harvests,
-- livestock and their diseases, fertiliser and agro-technology.
-- English and French.
--
-- Evidence: every lexicon hit becomes an "agriculture.term" span.
-- Decision, as in the labelling guideline ("at least a paragraph about it"):
-- "topic:agriculture" when one passage of the article (any `passage_bytes`
-- bytes, a long paragraph or two) holds at least `min_hits` hits of at least
-- `min_distinct` different terms. So a passing mention ("cooperation in
-- trade, education and agriculture") or one word repeated is not enough.
-- The score grows with all the hits of the article and reaches 1 at
-- `full_score_hits`.

-- Steps shared by the topic taggers: load the lexicon, find, mark, decide
-- (the library lib/topic/, declared in `uses` below).
local topic = marginalia.use("topic")

-- Term lists live in lexicons/, one file per language, compiled once into one
-- matcher (terms that fold to the same word, like "agriculture", may appear in
-- both files). A line "!phrase" is a look-alike ("wind farm"): the matcher
-- prefers it because it is longer, and we then ignore it.
local LEXICON, IGNORED = topic.load_lexicon{ "lexicons/agriculture.en.txt", "lexicons/agriculture.fr.txt" }

-- Two paragraphs of filler for the examples: words far apart are not one passage.
local FILLER = string.rep("Then the speech turned to schools, roads and jobs. ", 45)

return {
  name = "agriculture",
  version = "2.1.1",
  description = "Agriculture, farming, crops, harvests, livestock and agro-technology (English and French)",
  uses = { "topic" },
  labels = { "topic:agriculture", "agriculture.term" },
  params = {
    passage_bytes = 2000,  -- a passage: a long paragraph or two (300-350 words)
    min_hits = 3,          -- hits needed in one passage
    min_distinct = 2,      -- different terms needed in that passage
    full_score_hits = 8,   -- this many hits in the article or more: score 1
  },

  annotate = function (doc, ctx)
    local hits = topic.find_and_mark(doc, LEXICON, IGNORED, "agriculture.term")
    topic.decide(doc, hits, ctx.params, "topic:agriculture")
  end,

  examples = {
    -- English
    { text = "Farmers in the Mekong Delta expect a record rice harvest as fertiliser prices fall.",
      lang = "en", expect = { "topic:agriculture" },
      spans = { { label = "agriculture.term", text = "rice harvest" },
                { label = "agriculture.term", text = "fertiliser" } } },
    { text = "Israel sent farm animals and agricultural experts, and its agro-technology now boosts crops.",
      lang = "en", expect = { "topic:agriculture" },
      spans = { { label = "agriculture.term", text = "farm animals" } } },
    -- French, with the article "un"
    { text = "Les agriculteurs du delta du Mékong prévoient une récolte de riz record grâce à un engrais moins cher.",
      lang = "fr", expect = { "topic:agriculture" },
      spans = { { label = "agriculture.term", text = "récolte de riz" },
                { label = "agriculture.term", text = "engrais" } } },
    { text = "L'élevage et la riziculture restent au cœur de l'économie agricole du pays.",
      lang = "fr", expect = { "topic:agriculture" } },
    -- Vines and grain count as farming too
    { text = "Frost hit the vineyards of Burgundy, and winemakers expect a small grape harvest.",
      lang = "en", expect = { "topic:agriculture" },
      spans = { { label = "agriculture.term", text = "grape harvest" } } },
    { text = "Les viticulteurs du Bordelais arrachent des vignes, et les céréales ne paient plus.",
      lang = "fr", expect = { "topic:agriculture" },
      spans = { { label = "agriculture.term", text = "viticulteurs" } } },
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
    -- Trap: farming words scattered through a long text, paragraphs apart
    { text = "He grew up on a farm. " .. FILLER .. "He likes wheat bread. " .. FILLER .. "His cattle were sold.",
      lang = "en", reject = { "topic:agriculture" } },
  },
}
