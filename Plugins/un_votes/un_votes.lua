-- un_votes/un_votes.lua: finds votes of countries in UN bodies (General Assembly,
-- Security Council, UNESCO, Human Rights Council...) and what they were.
--
-- A sentence counts as a UN vote when
--   (a) it has a voting word ("voted", "abstained", "vetoed", "scrutin"...)
--       and names a UN body -- or the sentence before put a text to a UN body
--       ("The Security Council adopted a resolution. Russia abstained.");
--   (b) it says ONE specific text ("a resolution", not "relevant UN
--       resolutions") was adopted, supported or opposed, and names a UN body;
--   (c) it has a voting word and one specific text ("Russia did not vote
--       for the resolution"), in an article that names a UN body elsewhere.
-- Each counting sentence becomes a "un.vote" span with the features the text
-- states: voter (ISO code, from the places plugin), body (UN, UNGA, UNSC,
-- UNESCO, UNHRC), position (for, against, abstain, support, oppose), subject
-- (the resolution, a few words) and year. Its voting and decision words and
-- body names are "un_votes.term" spans (feature kind = vote | decision |
-- body). The article gets "topic:un_votes" when at least `min_sentences`
-- sentences count.
--
-- Traps handled: "UN" must be written in capitals (French "un vote" is an
-- article); "United" alone, "conflict resolution" and plural "resolutions"
-- are not votes; a national "Security Council" (Ukraine's, "National Security
-- Council") is not the UN's; "a Commons vote" and other votes in parliaments
-- are look-alikes; "adopted" alone ("adopted a plan") is not a vote; a
-- habitual or hypothetical sentence ("the US vetoes a resolution every time",
-- "Russia keeps vetoing", "threatened to veto", lexicons/habitual_words.txt)
-- tells what a country tends to do, not a vote that took place.

-- Reads "name <tab> value" lines into a matcher and a name -> value table.
-- Lines starting with "!" are look-alikes: matched (the longest phrase wins)
-- and then ignored.
local function load_table(file)
  local names, value_of = {}, {}
  for _, line in ipairs(marginalia.load_terms(file)) do
    local look_alike, name, value = line:match("^(!?)%s*([^\t]-)\t+(%S+)$")
    assert(name, file .. ": expected 'name<tab>value', got: " .. line)
    names[#names + 1] = name
    if look_alike == "" and value_of[name] == nil then value_of[name] = value end
  end
  return marginalia.lexicon(names), value_of
end

-- Same for plain term lists (one term a line); returns the matcher and the look-alikes.
local function load_terms(files)
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

local BODIES, BODY_OF = load_table("lexicons/un_bodies.tsv")
local POSITIONS, POSITION_OF = load_table("lexicons/vote_positions.tsv")
local VOTE_WORDS, NOT_VOTE = load_terms{ "lexicons/vote_words.en.txt", "lexicons/vote_words.fr.txt" }
local DECISIONS = load_terms{ "lexicons/decision_words.txt" }
local RESOLUTIONS, NOT_RESOLUTION = load_terms{ "lexicons/resolution_words.txt" }
local HABITUAL = load_terms{ "lexicons/habitual_words.txt" }

-- Matching ignores case, so the body "UN" also matches the French article "un".
-- Short forms only count when the text itself is written in capitals.
local SHORT_FORMS = { ["UN"] = true, ["U.N."] = true, ["U.N"] = true }

-- The matches for which wanted(m) is true, in their order.
local function keep(matches, wanted)
  local kept = {}
  for _, m in ipairs(matches) do
    if wanted(m) then kept[#kept + 1] = m end
  end
  return kept
end

-- The matches of `lexicon` in the text, keeping those for which wanted(m) is true.
local function find(lexicon, doc, wanted)
  return keep(lexicon:find_all(doc), wanted)
end

-- The matches sorted by start, with a cursor, so that those inside each sentence
-- are found without scanning them all (that is quadratic on a long document).
local function by_start(matches)
  local order, sorted = {}, true
  for i = 1, #matches do
    order[i] = i
    if i > 1 and matches[i].start < matches[i - 1].start then sorted = false end
  end
  if not sorted then   -- lexicon matches come sorted; annotations may not
    table.sort(order, function (a, b)
      local x, y = matches[a], matches[b]
      if x.start ~= y.start then return x.start < y.start end
      return a < b
    end)
  end
  return { matches = matches, order = order, cursor = 1 }
end

local NONE = {}   -- shared by the many sentences with no match of a kind; never written

-- The matches lying entirely inside the span (byte positions), in their original
-- order. Fast when successive spans come in text order (the cursor moves on).
local function inside(index, span)
  local matches, order, cursor = index.matches, index.order, index.cursor
  while cursor > 1 and matches[order[cursor - 1]].start >= span.start do cursor = cursor - 1 end
  while cursor <= #order and matches[order[cursor]].start < span.start do cursor = cursor + 1 end
  index.cursor = cursor
  local picked = nil
  for k = cursor, #order do
    local m = matches[order[k]]
    if m.start > span.stop then break end
    if m.stop <= span.stop then
      picked = picked or {}
      picked[#picked + 1] = order[k]
    end
  end
  if picked == nil then return NONE end
  table.sort(picked)
  local found = {}
  for i, at in ipairs(picked) do found[i] = matches[at] end
  return found
end

-- A UN body name, unless it belongs to a country ("Ukraine's Security
-- Council", "the Ukrainian Security Council"): a country mention right before it,
-- with only spaces, or "'s" and spaces, between (`country_ends`: the stop positions
-- of the country mentions).
-- "UN" must be in capitals, and not the start of an adjective ("a UN-backed
-- government", "a UN-sponsored referendum": the UN does not vote there).
local function is_un_body(doc, body, country_ends)
  if BODY_OF[body.term] == nil then return false end
  if SHORT_FORMS[body.term] then
    if not SHORT_FORMS[doc.text:sub(body.start, body.stop)] then return false end
    if doc.text:find("^%-%l", body.stop + 1) then return false end
  end
  local spaces = body.start   -- where the spaces right before the body begin
  while spaces > 1 and doc.text:find("^%s", spaces - 1) do spaces = spaces - 1 end
  if spaces == body.start then return true end
  for stop = spaces - 1, body.start - 2 do
    if country_ends[stop] then return false end
  end
  if spaces > 3 and country_ends[spaces - 3] and doc.text:find("^['’]s", spaces - 2) then return false end
  return true
end

-- The most specific body named: UNSC, UNGA, UNESCO or UNHRC rather than plain UN.
local function body_code(bodies)
  local code = nil
  for _, m in ipairs(bodies) do
    if code == nil or code == "UN" then code = BODY_OF[m.term] end
  end
  return code
end

-- The voter: the country mentioned nearest before the trigger word, or else
-- nearest after it in the sentence. A country name or capital wins over a
-- nearer demonym, which mostly qualifies a thing ("China, on the North Korean
-- program, voted in favor": China); a demonym before the trigger is the voter
-- only when no country is named there ("received Vietnamese support").
-- "submitted by Israel", "présentée par la France" name an author, not a voter:
-- a country right after a participle and "by" / "par", or before "-drafted",
-- is skipped (but "upset by Russia not voting" keeps Russia).
local function find_voter(doc, countries, trigger)
  local before, before_demonym, after = nil, nil, nil
  for _, c in ipairs(countries) do
    local preceding = doc.text:sub(math.max(1, c.start - 20), c.start - 1)
    local author = preceding:match("%aed%s+by%s+$") or preceding:match("ée?s?%s+par%s+$")
      or preceding:match("soumise?s?%s+par%s+$")
      or doc.text:find("^%-%a+ed%f[%A]", c.stop + 1)   -- "a Ukraine-drafted resolution"
    if not author then
      if c.stop < trigger.start then
        if c.kind == "demonym" then before_demonym = c else before = c end
      elseif after == nil and c.start > trigger.stop and c.kind ~= "demonym" then after = c end
    end
  end
  local voter = before or before_demonym or after
  return voter and voter.code
end

-- The subject: from the resolution word to the first comma or the end of the
-- sentence, at most 12 words.
local function find_subject(doc, resolution, sentence)
  local rest = doc.text:sub(resolution.start, sentence.stop):match("^[^,;:]*")
  local words = {}
  for word in rest:gmatch("%S+") do
    if #words == 12 then break end
    words[#words + 1] = word
  end
  local subject = table.concat(words, " "):gsub("[%.!?\"”]+$", "")
  return subject
end

-- A sentence can count only with a voting word in the article (rules a and c), or a
-- specific text with a decision word or a support / oppose position (rule b).
local function could_count(found)
  if #found.votes > 0 then return true end
  if #found.resolutions == 0 then return false end
  if #found.decisions > 0 then return true end
  for _, p in ipairs(found.positions) do
    local position = POSITION_OF[p.term]
    if position == "support" or position == "oppose" then return true end
  end
  return false
end

-- Marks the sentences that count as a UN vote, with their words (the matches in
-- `found`, by kind, and the countries of the places plugin); returns how many counted.
-- Called only for an article that names a UN body (found.bodies is not empty).
local function mark_votes(doc, found, countries)
  local any_body = body_code(found.bodies)
  local bodies, votes, decisions = by_start(found.bodies), by_start(found.votes), by_start(found.decisions)
  local positions, resolutions = by_start(found.positions), by_start(found.resolutions)
  local habitual = by_start(found.habitual)
  countries = by_start(countries)

  local count, previous, previous_bodies = 0, nil, nil
  local text_put_before = false   -- the previous sentence named a UN body and a text
  for _, sentence in ipairs(doc:sentences()) do
    local here = {
      bodies = inside(bodies, sentence), votes = inside(votes, sentence),
      decisions = inside(decisions, sentence), positions = inside(positions, sentence),
      resolutions = inside(resolutions, sentence),
    }
    local trigger = nil   -- the word that makes the sentence a vote
    if #here.votes > 0 and (#here.bodies > 0 or text_put_before) then
      trigger = here.votes[1]                                   -- rule (a)
    elseif #here.bodies > 0 and #here.resolutions > 0 then
      trigger = here.decisions[1]                               -- rule (b)
      for _, p in ipairs(here.positions) do
        local position = POSITION_OF[p.term]
        if trigger == nil and (position == "support" or position == "oppose") then trigger = p end
      end
    end
    if trigger == nil and #here.votes > 0 and #here.resolutions > 0 then
      trigger = here.votes[1]                   -- rule (c): the article names a UN body
    end
    if #inside(habitual, sentence) > 0 then trigger = nil end   -- not one vote

    if trigger then
      count = count + 1
      local features = {
        voter = find_voter(doc, inside(countries, sentence), trigger),
        -- the body named here, else in the sentence before, else in the article
        body = body_code(here.bodies) or (previous and body_code(previous_bodies)) or any_body,
        year = tonumber(sentence.text:match("%f[%d]([12][09]%d%d)%f[%D]")),
      }
      -- The position: the first position word from the trigger on.
      for _, p in ipairs(here.positions) do
        if features.position == nil and p.stop >= trigger.start then features.position = POSITION_OF[p.term] end
      end
      if here.resolutions[1] then features.subject = find_subject(doc, here.resolutions[1], sentence) end
      doc:annotate(sentence.start, sentence.stop, "un.vote", { features = features })
      for _, m in ipairs(here.votes) do
        doc:annotate(m.start, m.stop, "un_votes.term", { features = { term = m.term, kind = "vote" } })
      end
      for _, m in ipairs(here.decisions) do
        doc:annotate(m.start, m.stop, "un_votes.term", { features = { term = m.term, kind = "decision" } })
      end
      for _, m in ipairs(here.bodies) do
        doc:annotate(m.start, m.stop, "un_votes.term", { features = { term = m.term, kind = "body" } })
      end
    end
    previous, previous_bodies = sentence, here.bodies
    text_put_before = #here.bodies > 0 and (#here.resolutions > 0 or #here.decisions > 0)
  end

  return count
end

return {
  name = "un_votes",
  version = "2.1.5",
  description = "Votes of countries in UN bodies, with voter, body, position, subject and year (English and French)",
  labels = { "topic:un_votes", "un_votes.term", "un.vote" },
  requires = { "places" },
  params = {
    min_sentences = 1,         -- sentences that count as a UN vote needed for the topic
    full_score_sentences = 2,  -- this many or more: score 1
  },

  annotate = function (doc, ctx)
    local count = 0
    -- Every rule needs a UN body named in the article, and most articles name none:
    -- then neither the countries of the places plugin nor the sentences are asked for.
    local named = find(BODIES, doc, function (m) return BODY_OF[m.term] ~= nil end)
    if #named > 0 then
      -- The countries of the places plugin, in text order: { start =, stop =, kind =, code = }.
      local countries, country_ends = {}, {}
      for start, stop, kind, code in doc:each("entity:country", "kind", "code") do
        countries[#countries + 1] = { start = start, stop = stop, kind = kind, code = code }
        country_ends[stop] = true
      end
      local bodies = keep(named, function (m) return is_un_body(doc, m, country_ends) end)
      if #bodies > 0 then
        local found = {
          bodies = bodies,
          votes = find(VOTE_WORDS, doc, function (m) return not NOT_VOTE[m.term] end),
          decisions = find(DECISIONS, doc, function () return true end),
          positions = find(POSITIONS, doc, function (m) return POSITION_OF[m.term] ~= nil end),
          resolutions = find(RESOLUTIONS, doc, function (m) return not NOT_RESOLUTION[m.term] end),
        }
        if could_count(found) then
          found.habitual = find(HABITUAL, doc, function () return true end)
          count = mark_votes(doc, found, countries)
        end
      end
    end

    if count >= ctx.params.min_sentences then
      doc:label("topic:un_votes", math.min(1, count / ctx.params.full_score_sentences), { sentences = count })
    end
  end,

  examples = {
    -- English: a capital voting for its country, a specific text supported
    { text = "Recently, Hanoi voted in favor of the controversial UNESCO resolution.",
      lang = "en", expect = { "topic:un_votes", "un.vote" },
      spans = { { label = "un_votes.term", text = "voted" }, { label = "un_votes.term", text = "UNESCO" } } },
    { text = "UN resolutions have received Vietnamese support, such as in 2014 on a resolution submitted by Israel.",
      lang = "en", expect = { "topic:un_votes" } },
    { text = "Vietnam abstained when the UN General Assembly adopted the text on Tuesday.",
      lang = "en", expect = { "topic:un_votes" },
      spans = { { label = "un_votes.term", text = "UN General Assembly" } } },
    -- The body in the sentence before
    { text = "The US put a draft resolution to the U.N. Security Council. Russia vetoed it on Friday.",
      lang = "en", expect = { "topic:un_votes" } },
    -- One specific resolution, with the UN named elsewhere in the article (rule c)
    { text = "The UN chief spoke in Geneva on Monday. Later, Russia did not vote for the resolution on Syria.",
      lang = "en", expect = { "topic:un_votes" } },
    -- French
    { text = "Le Vietnam a voté la résolution à l'Assemblée générale des Nations unies.",
      lang = "fr", expect = { "topic:un_votes" },
      spans = { { label = "un_votes.term", text = "voté" },
                { label = "un_votes.term", text = "Assemblée générale des Nations unies" } } },
    { text = "Lors du scrutin au Conseil de sécurité de l'ONU, la Chine s'est abstenue.",
      lang = "fr", expect = { "topic:un_votes" } },
    -- Vietnamese place names, without diacritics
    { text = "Viet Nam voted in favour of the resolution at the UN Human Rights Council.",
      expect = { "topic:un_votes" },
      spans = { { label = "un_votes.term", text = "UN Human Rights Council" } } },
    -- Trap: the French article "un" next to a vote word
    { text = "Le Parlement a voté un budget pour un nouveau programme.",
      lang = "fr", reject = { "topic:un_votes" } },
    -- Trap: resolutions without any vote; conflict resolution
    { text = "Việt Nam supports peaceful conflict resolution in line with relevant UN resolutions.",
      lang = "en", reject = { "topic:un_votes" } },
    -- Trap: "United" alone is not the United Nations
    { text = "Voters in the United States voted on Tuesday.", lang = "en", reject = { "topic:un_votes" } },
    -- Trap: a national security council
    { text = "Ukraine's Security Council voted to ban five MPs; Crimea voted in a referendum.",
      lang = "en", reject = { "topic:un_votes" } },
    -- Trap: a vote in a parliament next to a UN resolution; "adopted" without a resolution
    { text = "Before a crucial Commons vote on the war, ministers cited UN resolution 1441.",
      lang = "en", reject = { "topic:un_votes" } },
    { text = "The city council adopted a new plan after the UN report on housing.",
      lang = "en", reject = { "topic:un_votes" } },
    -- Trap: a Senate vote on a nominee whose post is at the United Nations
    { text = "The Senate voted to confirm her as ambassador to the United Nations; Pence cast the deciding vote.",
      lang = "en", reject = { "topic:un_votes" } },
    -- Trap (French): a confidence vote in a parliament
    { text = "Le vote de confiance a suivi le discours du chef de l'ONU à Paris.",
      lang = "fr", reject = { "topic:un_votes" } },
    -- Trap: a UN-sponsored referendum is not a vote of a UN body
    { text = "East Timor voted for independence in a UN-sponsored vote in 1999.",
      lang = "en", reject = { "topic:un_votes" } },
    -- The voter is China, not the nearer demonym (checked in PluginFeatureTests)
    { text = "China, wary of the North Korean program, voted in favor of the UN Security Council resolution.",
      lang = "en", expect = { "topic:un_votes" } },
    -- Trap: habitual and hypothetical votes are not a vote that took place
    { text = "Every time the US vetoes a Security Council resolution, Russia keeps vetoing UN resolutions on Syria.",
      lang = "en", reject = { "topic:un_votes" } },
    { text = "À chaque fois, la Russie oppose son veto aux résolutions du Conseil de sécurité de l'ONU.",
      lang = "fr", reject = { "topic:un_votes" } },
    -- Trap: the vote, then the UN in the NEXT sentence
    { text = "The National Assembly in Hà Nội voted on the budget. Separately, the UN opened an office.",
      reject = { "topic:un_votes" } },
  },
}
