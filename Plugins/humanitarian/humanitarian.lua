-- humanitarian/humanitarian.lua: tags articles about people in crisis and help for them:
-- humanitarian aid and relief, refugees and displaced people, famine,
-- civilian casualties of war, medical aid missions, disasters.
-- English and French.
--
-- Evidence: every lexicon hit becomes a "humanitarian.term" span.
-- Decision, as in the labelling guideline ("at least a paragraph about it"):
-- "topic:humanitarian" when one passage of the article (any
-- `passage_bytes` bytes, a long paragraph or two) holds at least `min_hits` hits
-- of at least `min_distinct` different terms. So a disaster and an epidemic
-- named once each in a long speech are not enough. The score grows with all
-- the hits of the article and reaches 1 at `full_score_hits`.
--
-- Casualty words ("killed", "wounded", "tués") are hits too, but only in a
-- sentence that also names a war, a bombing, a disaster or civilians
-- ("killed in an airstrike", "the flood killed 12"): alone, every crime and
-- road-accident story would count.

-- Steps shared by the topic taggers: load the lexicon, find, mark, decide
-- (the library lib/topic/, declared in `uses` below).
local topic = marginalia.use("topic")

-- Term lists live in lexicons/, one file per language, compiled once into one
-- matcher (terms that fold to the same word, like "famine", may appear in
-- both files). A line "!phrase" is a look-alike ("hearing aid"): the matcher
-- prefers it because it is longer, and we then ignore it.
local LEXICON, IGNORED = topic.load_lexicon{ "lexicons/humanitarian.en.txt", "lexicons/humanitarian.fr.txt" }
local CASUALTIES = topic.load_lexicon{ "lexicons/humanitarian_casualties.txt" }
local CONTEXT, NOT_CONTEXT = topic.load_lexicon{ "lexicons/humanitarian_context.txt" }

-- The index of the first of `matches` (in text order) starting at or after
-- `position`, found by binary search: scanning them all for every sentence is
-- quadratic on a long document.
local function first_from(matches, position)
  local low, high = 1, #matches + 1
  while low < high do
    local middle = (low + high) // 2
    if matches[middle].start < position then low = middle + 1 else high = middle end
  end
  return low
end

-- True when some match of `matches` (in text order) lies inside the sentence.
local function any_inside(matches, sentence)
  for k = first_from(matches, sentence.start), #matches do
    local m = matches[k]
    if m.start > sentence.stop then break end
    if m.stop <= sentence.stop then return true end
  end
  return false
end

-- Two paragraphs of filler for the examples: words far apart are not one passage.
local FILLER = string.rep("Then the speech turned to schools, roads and jobs. ", 45)

return {
  name = "humanitarian",
  version = "1.2.4",
  description = "People in crisis and help for them: aid, refugees, famine, civilian casualties (English and French)",
  uses = { "topic" },
  labels = { "topic:humanitarian", "humanitarian.term" },
  params = {
    passage_bytes = 2000,  -- a passage: a long paragraph or two (300-350 words)
    min_hits = 3,          -- hits needed in one passage
    min_distinct = 2,      -- different terms needed in that passage
    full_score_hits = 8,   -- this many hits in the article or more: score 1
  },

  annotate = function (doc, ctx)
    -- The lexicon's hits are found and marked in one host call.
    local hits = topic.find_and_mark(doc, LEXICON, IGNORED, "humanitarian.term")
    -- Casualty words count only in a sentence with a war or disaster word: without a
    -- casualty word, the context words and the sentences (the costliest call here) need
    -- not be asked for.
    local casualties = CASUALTIES:find_all(doc)
    local context = #casualties > 0 and topic.find(doc, CONTEXT, NOT_CONTEXT) or {}
    if #context > 0 then
      -- Each casualty word (in text order) with the sentence that holds it whole, if any:
      -- the sentences are in text order and do not overlap, so that sentence is the first
      -- one ending at or after the word, and the walk goes once through the sentences.
      local counted, sentences = {}, doc:sentences()
      local s, checked, inside = 1, 0, false
      for _, m in ipairs(casualties) do
        while s <= #sentences and sentences[s].stop < m.stop do s = s + 1 end
        local sentence = sentences[s]
        if sentence == nil then break end
        if sentence.start <= m.start then
          if checked ~= s then checked, inside = s, any_inside(context, sentence) end
          if inside then
            hits[#hits + 1] = m
            counted[#counted + 1] = m
          end
        end
      end
      topic.mark(doc, counted, "humanitarian.term")
      table.sort(hits, function (a, b) return a.start < b.start end)
    end
    topic.decide(doc, hits, ctx.params, "topic:humanitarian")
  end,

  examples = {
    -- English
    { text = "He called for a ceasefire to protect civilians and more humanitarian aid for refugees in Gaza.",
      lang = "en", expect = { "topic:humanitarian" },
      spans = { { label = "humanitarian.term", text = "civilians" },
                { label = "humanitarian.term", text = "humanitarian aid" } } },
    { text = "Israel sent doctors and nurses to give medical care to villages in need.",
      lang = "en", expect = { "topic:humanitarian" },
      spans = { { label = "humanitarian.term", text = "medical care" } } },
    -- French
    { text = "Le Viêt Nam enverra une aide humanitaire aux réfugiés et aux civils de Gaza.",
      lang = "fr", expect = { "topic:humanitarian" },
      spans = { { label = "humanitarian.term", text = "aide humanitaire" },
                { label = "humanitarian.term", text = "réfugiés" } } },
    -- Vietnamese place names, with and without diacritics
    { text = "Floods in Quảng Bình displaced thousands; relief and food aid reached Quang Tri.",
      expect = { "topic:humanitarian" } },
    -- Disasters, in English and French
    { text = "Typhoon Damrey hit Khánh Hòa: the death toll rose as rescuers reached survivors in Nha Trang.",
      lang = "en", expect = { "topic:humanitarian" },
      spans = { { label = "humanitarian.term", text = "death toll" } } },
    { text = "Un typhon a frappé le centre du Viêt Nam : les sauveteurs cherchent des survivants parmi les sinistrés.",
      lang = "fr", expect = { "topic:humanitarian" } },
    -- War casualties: "killed" and "wounded" next to an airstrike or shelling
    { text = "An airstrike on the market killed 23 civilians. Dozens were wounded in the shelling that followed.",
      lang = "en", expect = { "topic:humanitarian" },
      spans = { { label = "humanitarian.term", text = "killed" }, { label = "humanitarian.term", text = "wounded" } } },
    { text = "Les bombardements sur Alep ont fait 40 morts ; des centaines de blessés attendent des soins médicaux.",
      lang = "fr", expect = { "topic:humanitarian" },
      spans = { { label = "humanitarian.term", text = "morts" } } },
    -- Trap: casualty words in a crime story, without war or disaster
    { text = "A man was killed and two were wounded in a robbery; police said the injured were stable.",
      lang = "en", reject = { "topic:humanitarian" } },
    -- Trap: hearing aids, tax relief and first aid are not humanitarian
    { text = "Tax relief for hearing aids and first aid kits was approved; debt relief was not.",
      lang = "en", reject = { "topic:humanitarian" } },
    -- Trap (French): military aid
    { text = "La Russie promet une aide militaire et une aide militaire accrue au Laos.",
      lang = "fr", reject = { "topic:humanitarian" } },
    -- Trap: a disaster, an epidemic and refugees named once each in a long speech
    { text = "After the earthquake we rebuilt. " .. FILLER .. "The epidemic is over. " .. FILLER
             .. "Refugees are welcome.",
      lang = "en", reject = { "topic:humanitarian" } },
  },
}
