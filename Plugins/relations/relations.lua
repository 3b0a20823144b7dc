-- relations/relations.lua: names the pair of countries an article is about, as the
-- document label "relation:bilateral" with features
--   { countries = { "IL", "VN" }, mentions = { IL = 12, VN = 15 } }
-- (codes in alphabetical order). It counts the "entity:country" mentions made
-- by the places plugin (names, demonyms, capitals speaking for governments).
--
-- Decision: the two most mentioned countries form the pair when the second
-- has at least `min_mentions` mentions and the pair makes up at least
-- `min_share` of all country mentions (an article listing ten countries is
-- not about a pair). The score is the pair's share of the mentions.

return {
  name = "relations",
  version = "1.0.2",
  description = "The pair of countries an article is about (from the places plugin)",
  labels = { "relation:bilateral" },
  requires = { "places" },
  params = {
    min_mentions = 2,   -- the second country needs at least this many mentions
    min_share = 0.5,    -- the pair's share of all country mentions
  },

  annotate = function (doc, ctx)
    -- Mentions by country code, counted by the host: a loop over doc:annotations would
    -- make a table for every mention only to read its code.
    local total, mentions = doc:count("entity:country", "code")

    -- Countries by number of mentions, most first (ties: alphabetical, so the
    -- result does not depend on table order).
    local ranked = {}
    for code in pairs(mentions) do ranked[#ranked + 1] = code end
    table.sort(ranked, function (a, b)
      if mentions[a] ~= mentions[b] then return mentions[a] > mentions[b] end
      return a < b
    end)

    local first, second = ranked[1], ranked[2]
    if second == nil or mentions[second] < ctx.params.min_mentions then return end
    local share = (mentions[first] + mentions[second]) / total
    if share < ctx.params.min_share then return end
    local pair = { first, second }
    table.sort(pair)
    doc:label("relation:bilateral", share, {
      countries = pair,
      mentions = { [first] = mentions[first], [second] = mentions[second] },
    })
  end,

  examples = {
    { text = "Israel and Vietnam signed a deal. Israeli firms will build a factory for the Vietnamese army.",
      lang = "en", expect = { "relation:bilateral" } },
    { text = "Le Vietnam et la Russie renforcent leur partenariat ; Hanoï a reçu le vice-ministre russe.",
      lang = "fr", expect = { "relation:bilateral" } },
    { text = "Việt Nam welcomed the Palestinian envoy; Viet Nam and Palestine agreed to meet again.",
      expect = { "relation:bilateral" } },
    -- Traps: one country only; many countries, none dominant
    { text = "Vietnam's economy grew; Vietnamese exports rose.", lang = "en", reject = { "relation:bilateral" } },
    { text = "Leaders of France, Germany, Italy, Spain, Poland, Japan, Canada and Brazil met.",
      lang = "en", reject = { "relation:bilateral" } },
  },
}
