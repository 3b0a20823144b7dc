-- un_votes.lua: tags articles about a country's votes in UN bodies
-- (General Assembly, Security Council, UNESCO, Human Rights Council...).
--
-- Decision: a sentence counts when it contains a voting word ("voted",
-- "abstention", "scrutin"...) AND the name of a UN body. The article gets
-- "topic:un_votes" when at least `min_sentences` sentences count; the score
-- reaches 1 at `full_score_sentences`.
-- Evidence, only in sentences that count: "un.vote" covers the sentence,
-- "un_votes.term" marks its voting words and UN body names.
--
-- "resolution(s)" is not a voting word: "relevant UN resolutions" and
-- "peaceful conflict resolution" are not votes.

-- Term lists live in lexicons/ and are compiled once, at the top level.
-- UN body names are nearly the same in English and French: one file.
local BODIES = marginalia.lexicon(marginalia.load_terms("lexicons/un_bodies.txt"))
-- Voting words: one file per language, two lexicons ("vote" is in both).
local VOTE_LEXICONS = {
  marginalia.lexicon(marginalia.load_terms("lexicons/vote_words.en.txt")),
  marginalia.lexicon(marginalia.load_terms("lexicons/vote_words.fr.txt")),
}

-- Matching ignores case, so the term "UN" also matches the French article
-- "un" ("un vote"). The short forms therefore only count when the text
-- itself is written in capitals. ("U.N" covers a matcher that leaves the
-- final dot out of the match.)
local SHORT_FORMS = { ["UN"] = true, ["U.N."] = true, ["U.N"] = true }

local function find_bodies(doc)
  local bodies = {}
  for _, m in ipairs(BODIES:find_all(doc)) do
    local written = doc.text:sub(m.start, m.stop)
    if not SHORT_FORMS[m.term] or SHORT_FORMS[written] then
      bodies[#bodies + 1] = m
    end
  end
  return bodies
end

-- Both vote lexicons run on every document, whatever doc.lang says (it may
-- be "und"). When both match the same words, we keep one match: the
-- leftmost, and the longest if two start at the same place.
local function find_vote_words(doc)
  local all = {}
  for _, lexicon in ipairs(VOTE_LEXICONS) do
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

-- The matches that lie entirely inside the sentence (byte positions).
local function inside(matches, sentence)
  local found = {}
  for _, m in ipairs(matches) do
    if m.start >= sentence.start and m.stop <= sentence.stop then
      found[#found + 1] = m
    end
  end
  return found
end

return {
  name = "un_votes",
  version = "1.0.0",
  description = "A country's votes and abstentions in UN bodies (English and French)",
  labels = { "topic:un_votes", "un_votes.term", "un.vote" },
  params = {
    min_sentences = 1,         -- sentences with a vote word and a UN body needed
    full_score_sentences = 2,  -- this many such sentences or more: score 1
  },

  annotate = function (doc, ctx)
    local bodies = find_bodies(doc)
    local votes = find_vote_words(doc)
    local count = 0
    for _, sentence in ipairs(doc:sentences()) do
      local sentence_votes = inside(votes, sentence)
      local sentence_bodies = inside(bodies, sentence)
      if #sentence_votes > 0 and #sentence_bodies > 0 then
        count = count + 1
        doc:annotate(sentence.start, sentence.stop, "un.vote", { score = 1 })
        for _, m in ipairs(sentence_votes) do
          doc:annotate(m.start, m.stop, "un_votes.term", { score = 1, features = { term = m.term, kind = "vote" } })
        end
        for _, m in ipairs(sentence_bodies) do
          doc:annotate(m.start, m.stop, "un_votes.term", { score = 1, features = { term = m.term, kind = "body" } })
        end
      end
    end
    if count >= ctx.params.min_sentences then
      local score = math.min(1, count / ctx.params.full_score_sentences)
      doc:label("topic:un_votes", score, { sentences = count })
    end
  end,

  examples = {
    -- English
    { text = "Recently, Hanoi voted in favor of the controversial UNESCO resolution.",
      lang = "en", expect = { "topic:un_votes" },
      spans = { { label = "un_votes.term", text = "voted" },
                { label = "un_votes.term", text = "UNESCO" } } },
    { text = "Vietnam abstained when the UN General Assembly adopted the text on Tuesday.",
      lang = "en", expect = { "topic:un_votes" },
      spans = { { label = "un_votes.term", text = "UN" } } },
    { text = "China vetoed the draft in the U.N. Security Council last week.",
      lang = "en", expect = { "topic:un_votes" } },
    -- French
    { text = "Le Vietnam a voté la résolution à l'Assemblée générale des Nations unies.",
      lang = "fr", expect = { "topic:un_votes" },
      spans = { { label = "un_votes.term", text = "voté" },
                { label = "un_votes.term", text = "Assemblée générale" } } },
    { text = "Lors du scrutin au Conseil de sécurité de l'ONU, la Chine s'est abstenue.",
      lang = "fr", expect = { "topic:un_votes" } },
    -- Trap: the French article "un" next to a vote word
    { text = "Le Parlement a voté un budget pour un nouveau programme.",
      lang = "fr", reject = { "topic:un_votes" } },
    -- Trap: resolutions without any vote
    { text = "He called for peaceful conflict resolution in accordance with relevant UN resolutions.",
      lang = "en", reject = { "topic:un_votes" } },
    -- Trap: "United" alone is not the United Nations
    { text = "Voters in the United States voted on Tuesday.", lang = "en", reject = { "topic:un_votes" } },
    -- Trap: the vote and the UN are in different sentences
    { text = "The National Assembly in Hà Nội voted on the budget. Separately, the UN opened an office.",
      reject = { "topic:un_votes" } },
    -- Vietnamese place names, without diacritics
    { text = "Viet Nam voted in favour of the resolution at the UN Human Rights Council.",
      expect = { "topic:un_votes" },
      spans = { { label = "un_votes.term", text = "in favour of" },
                { label = "un_votes.term", text = "Human Rights Council" } } },
  },
}
