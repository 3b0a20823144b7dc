-- lib/topic/topic.lua: the library "topic", the find / mark / decide steps shared by the topic
-- taggers (agriculture, defense, diplomacy, humanitarian, trade). A plugin declares it in its
-- manifest (uses = { "topic" }) and gets it with
--   local topic = marginalia.use("topic")
-- A library is not a plugin; its bytes count in each using plugin's SHA-256, and it is
-- installed and packed with the plugins that use it.

local topic = {}

-- Compiles the term files into one matcher (terms that fold to the same word
-- in two languages, like "missile", may appear in both files). A line
-- "!phrase" is a look-alike ("defense lawyer"): the matcher prefers it because
-- it is longer, and the plugin then ignores it. Returns the lexicon and the
-- set of look-alike terms.
function topic.load_lexicon(files)
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

-- True when some passage of at most `size` bytes holds at least `min_hits`
-- hits of at least `min_distinct` different terms. `hits` are in text order:
-- each hit in turn starts a passage, which takes the hits that follow while
-- they end within `size` bytes of its start. Since the hits start in text
-- order, a passage never ends before the one of the hit before: one pass over
-- the hits, the passage sliding along with a count of each term in it.
function topic.has_dense_passage(hits, size, min_hits, min_distinct)
  local n = #hits
  if n < min_hits then return false end
  local counts, distinct, last = {}, 0, 0
  for first = 1, n do
    if last < first - 1 then last = first - 1 end
    local limit = hits[first].start + size
    while last < n and hits[last + 1].stop < limit do
      last = last + 1
      local term = hits[last].term
      local c = counts[term] or 0
      if c == 0 then distinct = distinct + 1 end
      counts[term] = c + 1
    end
    if last - first + 1 >= min_hits and distinct >= min_distinct then return true end
    if last >= first then
      local term = hits[first].term
      local c = counts[term] - 1
      counts[term] = c
      if c == 0 then distinct = distinct - 1 end
    end
  end
  return false
end

-- The lexicon's matches in `doc`, in text order, leaving out the look-alikes.
function topic.find(doc, lexicon, ignored)
  local hits = {}
  for _, m in ipairs(lexicon:find_all(doc)) do
    if not ignored[m.term] then hits[#hits + 1] = m end
  end
  return hits
end

-- Find and mark in one host call: the lexicon's matches in `doc` without the
-- look-alikes, each marked as a span labelled `label` with its term as a feature.
-- Returns the hits, in text order, for `topic.decide`.
function topic.find_and_mark(doc, lexicon, ignored, label)
  return lexicon:annotate(doc, label, { skip = ignored })
end

-- Evidence: one span labelled `label` per hit, with its term as a feature.
function topic.mark(doc, hits, label)
  for _, m in ipairs(hits) do
    doc:annotate(m.start, m.stop, label, { features = { term = m.term } })
  end
end

-- Decision: the document label `label` when one passage of `params.passage_bytes`
-- bytes holds `params.min_hits` hits of `params.min_distinct` different terms;
-- its score grows with all the hits and reaches 1 at `params.full_score_hits`.
function topic.decide(doc, hits, params, label)
  if topic.has_dense_passage(hits, params.passage_bytes, params.min_hits, params.min_distinct) then
    doc:label(label, math.min(1, #hits / params.full_score_hits), { hits = #hits })
  end
end

return topic
