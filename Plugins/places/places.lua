-- places/places.lua: finds countries in English and French text, by name ("Vietnam",
-- "Việt Nam", "Viet Nam"), demonym ("Vietnamese", "vietnamienne") or capital
-- ("Hanoi", "Hà Nội", "Hanoï"), each with its ISO 3166 code.
--
-- Output:
--   "entity:country"  a country, a demonym, or a capital used for its
--                     government ("Hanoi voted", "Moscou estime");
--                     features: code, kind (country | demonym | capital), name
--   "entity:capital"  a capital used as a place ("a meeting in Hanoi");
--                     features: code (of its country), name
-- Other plugins read these: add "places" to their `requires`.

-- Case rules (the matcher itself ignores case), decided once per name:
-- * an abbreviation ("US", "UK", "EAU") must be written exactly so: "us", "eau";
-- * a name written with a capital in the gazetteer ("Turkey", "Chad", "Polish")
--   must start with a capital in the text too: "turkey" and "polish" are words;
-- * French demonyms are lower case in the gazetteer, so "russe" and "Russe" both match.
local function starts_with_capital(first, second)   -- the first two bytes of a name
  if first >= 65 and first <= 90 then return true end        -- A-Z
  if first == 0xC3 then return second < 0x9F end              -- À-Þ (lower case starts at ß)
  return first >= 0xC4                                       -- other letters (Đ, Ư...): accept
end

local function case_rule(name)
  if not name:find("%l") and select(2, name:gsub("%u", "")) >= 2 then return "exact" end
  if starts_with_capital(name:byte(1, 2)) then return "capital" end
  return "any"
end

-- Whether the match at bytes start..stop of `text` is written as the case rule of `place` wants.
local function written_as_listed(place, text, start, stop)
  if place.case == "exact" then return text:sub(start, stop) == place.name end
  if place.case == "capital" then return starts_with_capital(text:byte(start, math.min(start + 1, stop))) end
  return true
end

-- The gazetteer: lexicons/places.tsv, lines "CODE <tab> kind <tab> name, name, ...".
-- When a name appears twice, its first line wins.
local PLACE = {}   -- name as written in the file -> { name =, code =, kind =, case = }
local NAMES = {}
for _, line in ipairs(marginalia.load_terms("lexicons/places.tsv")) do
  local code, kind, names = line:match("^(%S+)\t(%a+)\t(.+)$")
  assert(code, "places.tsv: expected 'CODE<tab>kind<tab>names', got: " .. line)
  for name in names:gmatch("[^,]+") do
    name = name:match("^%s*(.-)%s*$")
    if PLACE[name] == nil then
      PLACE[name] = { name = name, code = code, kind = kind, case = case_rule(name) }
      NAMES[#NAMES + 1] = name
    end
  end
end
local GAZETTEER = marginalia.lexicon(NAMES)

-- The options of each name's annotations, made once here rather than for every mention,
-- with their features converted once (marginalia.features): as a country, and as a
-- capital used as a place.
for name, place in pairs(PLACE) do
  place.as_country = { features = marginalia.features{ code = place.code, kind = place.kind, name = name } }
  place.as_capital = { features = marginalia.features{ code = place.code, name = name } }
end

-- Words after a capital that show it stands for its government: "Hanoi voted",
-- "Beijing says", "Moscou a affirmé", "Jerusalem is willing".
local GOVERNMENT_VERBS = {}
for _, verb in ipairs{
  "said", "says", "say", "voted", "votes", "announced", "announces", "warned", "warns", "urged", "urges",
  "rejected", "rejects", "supported", "supports", "accused", "accuses", "condemned", "condemns",
  "insisted", "insists", "wants", "wanted", "demanded", "demands", "denied", "denies", "agreed", "agrees",
  "refused", "refuses", "responded", "recognized", "recognised", "hopes", "hoped", "called", "calls",
  "claimed", "claims", "believes", "fears", "sent", "sends", "signed", "backed", "backs", "opposed",
  "opposes", "abstained", "expects", "protested", "summoned", "imposed", "threatened", "threatens",
  "welcomed", "welcomes", "plans", "seeks", "sought", "has", "had", "is", "was", "will", "would",
  "must", "should", "could", "may", "might", "can", "did", "does",
  -- French
  "a", "avait", "aura", "va", "vote", "estime", "affirme", "soutient", "rejette", "condamne", "dénonce",
  "accuse", "exige", "souhaite", "veut", "refuse", "annonce", "reconnaît", "menace", "appelle", "déclare",
} do GOVERNMENT_VERBS[verb] = true end

-- The word right after byte position `stop`, lower-cased (ASCII only).
local function next_word(text, stop)
  local word = text:match("^%s+([^%s%p]+)", stop + 1)
  return word and word:lower()
end

return {
  name = "places",
  version = "1.0.5",
  description = "Countries, capitals and demonyms (English, French, Vietnamese spellings) with ISO 3166 codes",
  labels = { "entity:country", "entity:capital" },

  annotate = function (doc)
    local text = doc.text
    -- (lex:each gives the matches as values, not as a table each; the written form is cut
    -- out of the text only when the case rule needs the whole of it)
    for start, stop, term in GAZETTEER:each(doc) do
      local place = PLACE[term]
      if place.kind ~= "region" and (place.case == "any" or written_as_listed(place, text, start, stop)) then
        if place.kind == "capital" and not GOVERNMENT_VERBS[next_word(text, stop) or ""] then
          doc:annotate(start, stop, "entity:capital", place.as_capital)
        else
          doc:annotate(start, stop, "entity:country", place.as_country)
        end
      end
    end
  end,

  examples = {
    -- English: names, demonyms, abbreviations
    { text = "Israel upgraded tanks for the Vietnamese army; the US and the UK watched.",
      lang = "en",
      spans = { { label = "entity:country", text = "Israel" }, { label = "entity:country", text = "Vietnamese" },
                { label = "entity:country", text = "US" }, { label = "entity:country", text = "UK" } } },
    -- A capital used for its government resolves to its country; a capital as a place does not
    { text = "Recently, Hanoi voted in favor of the resolution. The meeting was held in Hanoi.",
      lang = "en",
      spans = { { label = "entity:country", text = "Hanoi" }, { label = "entity:capital", text = "Hanoi" } } },
    -- Vietnamese spellings, with and without diacritics
    { text = "Việt Nam, Viet Nam and Vietnam are one country; Hà Nội, Ha Noi and Hanoï one city.",
      spans = { { label = "entity:country", text = "Việt Nam" }, { label = "entity:country", text = "Viet Nam" },
                { label = "entity:capital", text = "Hà Nội" }, { label = "entity:capital", text = "Hanoï" } } },
    -- French: lower-case demonyms, capitals speaking for governments
    { text = "Le vice-ministre russe a rencontré la délégation vietnamienne ; Moscou estime que Pékin a raison.",
      lang = "fr",
      spans = { { label = "entity:country", text = "russe" }, { label = "entity:country", text = "vietnamienne" },
                { label = "entity:country", text = "Moscou" }, { label = "entity:country", text = "Pékin" } } },
    -- Traps: "us", "turkey", "eau" are words; "Latin America" is not the United States
    { text = "Give us turkey and eau de vie.", lang = "en", reject = { "entity:country" } },
    { text = "Exports to Latin America and New Mexico grew.", lang = "en", reject = { "entity:country" } },
  },
}
