-- trade/trade.lua: tags articles about commerce across borders and trade policy:
-- exports and imports, tariffs, trade deals and trade wars, arms or commodity
-- sales abroad. English and French.
--
-- Evidence: every lexicon hit becomes a "trade.term" span.
-- Decision, as in the labelling guideline ("at least a paragraph about it"):
-- "topic:trade" when one passage of the article (any `passage_bytes` bytes,
-- a long paragraph or two) holds at least `min_hits` hits of at least
-- `min_distinct` different terms. So one passing "trade", or a "trade
-- union", is not enough. The score grows with all the hits of the article
-- and reaches 1 at `full_score_hits`.
--
-- A selling word followed in its sentence by "to", "into", "à" and a country
-- name ("the sale of F-16 jets to Bahrain", "selling into China", "vendu à
-- l'Inde"; countries from the places plugin, demonyms left out) is one more hit, of the term
-- "sale to CODE" ("sale to BH"): a firm selling into foreign markets is trade
-- even without trade words.

-- Steps shared by the topic taggers: load the lexicon, find, mark, decide
-- (the library lib/topic/, declared in `uses` below).
local topic = marginalia.use("topic")

-- Term lists live in lexicons/, one file per language, compiled once into one
-- matcher (terms that fold to the same word, like "commerce", may appear in
-- both files). A line "!phrase" is a look-alike ("trade union"): the matcher
-- prefers it because it is longer, and we then ignore it.
local LEXICON, IGNORED = topic.load_lexicon{ "lexicons/trade.en.txt", "lexicons/trade.fr.txt" }
local SELLING = topic.load_lexicon{ "lexicons/trade_selling.txt" }

-- At most this many bytes between the selling word and the country.
local SALE_REACH = 60

-- The words that lead from a sale to its destination.
-- Not "in" / "en": "on sale in Japan" is mostly a launch at home.
local TOWARDS = { ["to"] = true, ["into"] = true, ["à"] = true, ["au"] = true, ["aux"] = true, ["vers"] = true }

-- True when the text between a selling word and a country stays in one sentence
-- and ends with "to", "into", "à", "au", "aux", "vers" (optionally "the",
-- "la", "l'"): "sale of F-16 jets to ", "selling into ", "vendu à l'".
local function leads_abroad(gap)
  if #gap > SALE_REACH or gap:find("[.;!?]") then return false end
  local word = gap:match("(%S+)%s+the%s+$") or gap:match("(%S+)%s+la%s+$") or gap:match("(%S+)%s+l'$")
    or gap:match("(%S+)%s+$")
  return word ~= nil and TOWARDS[word:lower()] == true
end

-- Two paragraphs of filler for the examples: words far apart are not one passage.
local FILLER = string.rep("Then the speech turned to schools, roads and jobs. ", 45)

return {
  name = "trade",
  version = "1.2.4",
  description = "Commerce across borders and trade policy: exports, imports, tariffs, trade deals (English and French)",
  uses = { "topic" },
  labels = { "topic:trade", "trade.term" },
  requires = { "places" },
  params = {
    passage_bytes = 2000,  -- a passage: a long paragraph or two (300-350 words)
    min_hits = 3,          -- hits needed in one passage
    min_distinct = 2,      -- different terms needed in that passage
    full_score_hits = 8,   -- this many hits in the article or more: score 1
  },

  annotate = function (doc, ctx)
    -- The lexicon's hits are found and marked in one host call.
    local hits = topic.find_and_mark(doc, LEXICON, IGNORED, "trade.term")
    -- A sale to a country: the span runs from the selling word to the country. The
    -- countries are asked for only when there is a selling word (most articles have none).
    local sales = SELLING:find_all(doc)
    if #sales > 0 then
      -- The named countries (demonyms left out), in text order, read once.
      local starts, stops, codes, named = {}, {}, {}, 0
      for start, stop, kind, code in doc:each("entity:country", "kind", "code") do
        if kind ~= "demonym" then
          named = named + 1
          starts[named], stops[named], codes[named] = start, stop, code
        end
      end
      local found = {}
      for _, sale in ipairs(sales) do
        for c = 1, named do
          local start = starts[c]
          -- (the gap's length is checked before the gap is cut out of the text)
          if start > sale.stop and start - sale.stop - 1 <= SALE_REACH
              and leads_abroad(doc.text:sub(sale.stop + 1, start - 1)) then
            found[#found + 1] = { start = sale.start, stop = stops[c], term = "sale to " .. codes[c] }
            hits[#hits + 1] = found[#found]
            break
          end
        end
      end
      topic.mark(doc, found, "trade.term")
    end
    table.sort(hits, function (a, b) return a.start < b.start end)
    topic.decide(doc, hits, ctx.params, "topic:trade")
  end,

  examples = {
    -- English
    { text = "Vietnam wants to double shrimp exports to the US, its biggest importer, despite new tariffs.",
      lang = "en", expect = { "topic:trade" },
      spans = { { label = "trade.term", text = "exports" }, { label = "trade.term", text = "tariffs" } } },
    { text = "Amid a US-China trade war, Israel scrapped the sale of radar systems and other goods to China.",
      lang = "en", expect = { "topic:trade" },
      spans = { { label = "trade.term", text = "trade war" } } },
    -- French
    { text = "Les exportations de riz du Viêt Nam progressent : le libre-échange avec l'UE stimule le commerce.",
      lang = "fr", expect = { "topic:trade" },
      spans = { { label = "trade.term", text = "exportations" },
                { label = "trade.term", text = "libre-échange" } } },
    { text = "Hanoï et Moscou veulent plus d'échanges commerciaux, d'exportations et moins de droits de douane.",
      lang = "fr", expect = { "topic:trade" } },
    -- Vietnamese place names, with and without diacritics
    { text = "Ha Noi and Tel Aviv signed a free trade agreement to cut tariffs on exports.",
      expect = { "topic:trade" } },
    -- A firm selling into a foreign market, without trade words
    { text = "FrieslandCampina has been selling milk powder into China since 2010; "
             .. "its sales to Vietnam doubled and its supplies to Laos grew.",
      lang = "en", expect = { "topic:trade" },
      spans = { { label = "trade.term", text = "selling milk powder into China" } } },
    { text = "Dassault a vendu 36 Rafale à l'Inde ; la vente de sous-marins au Brésil "
             .. "et les livraisons de frégates à l'Égypte suivent.",
      lang = "fr", expect = { "topic:trade" },
      spans = { { label = "trade.term", text = "vendu 36 Rafale à l'Inde" } } },
    -- Trap: selling at home, a launch "on sale in Japan", a country far from the sale
    { text = "The shop sold more bikes; the PSP went on sale in Japan. Sales rose in the spring, said France.",
      lang = "en", reject = { "topic:trade" } },
    -- Trap: a trade union is not trade
    { text = "The trade union said trade union members will strike at Tesco; the trade unions agree.",
      lang = "en", reject = { "topic:trade" } },
    -- Trap: one passing mention
    { text = "The two sides agreed to strengthen cooperation in trade, education and agriculture.",
      lang = "en", reject = { "topic:trade" },
      spans = { { label = "trade.term", text = "trade" } } },
    -- Trap (French): online shopping is not commerce between countries
    { text = "Le commerce en ligne explose à Hà Nội : sites de commerce en ligne et marchandises livrées.",
      lang = "fr", reject = { "topic:trade" } },
    -- Trap: trade words scattered through a long speech, paragraphs apart
    { text = "Exports matter. " .. FILLER .. "Tariffs are taxes. " .. FILLER .. "We love free trade.",
      lang = "en", reject = { "topic:trade" } },
    -- Trap: e-commerce is not trade between countries
    { text = "E-commerce boomed: e-commerce shops and e-commerce apps sell goods online.",
      lang = "en", reject = { "topic:trade" } },
  },
}
