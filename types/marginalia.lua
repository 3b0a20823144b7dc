---@meta marginalia
-- Editor annotations for Marginalia plugins (lua-language-server). Not loaded at run time.
-- Point your editor at this folder, e.g. in .luarc.json:
--   { "workspace.library": ["types"], "runtime.version": "Lua 5.4",
--     "diagnostics.disable": ["lowercase-global"] }
-- The reference is docs/lua-api.md.

---A span or match: 1-based inclusive byte positions, as string.find returns them.
---@class marginalia.Span
---@field start integer first byte
---@field stop integer last byte
---@field text string the covered text

---A lexicon match.
---@class marginalia.Match
---@field start integer first byte
---@field stop integer last byte
---@field term string the term as written in the lexicon

---An annotation made by a plugin this one requires.
---@class marginalia.Annotation
---@field label string
---@field score number 0…1
---@field features table
---@field plugin string the plugin that made it
---@field start? integer first byte (absent for document labels)
---@field stop? integer last byte (absent for document labels)

---Options of doc:annotate.
---@class marginalia.AnnotateOptions
---@field score? number 0…1, default 1
---@field features? table|marginalia.Features JSON-like data: strings, numbers, booleans, lists, tables with string keys

---A features table converted once by marginalia.features, to pass as `features`.
---@class marginalia.Features

---The document being annotated (read-only).
---@class Document
---@field id string the document id
---@field text string the text, unchanged from the file (UTF-8)
---@field title string first non-empty line, the JSONL title, or ""
---@field lang string "en", "fr", … or "und"
---@field meta table<string, string|boolean> title, date, lang, url, source (as the record gives it), input (file:line read), nfd, and extra JSONL fields
local Document = {}

---Marks bytes start..stop (1-based, inclusive) with a declared label.
---@param start integer
---@param stop integer
---@param label string one of the plugin's `labels`
---@param options? marginalia.AnnotateOptions
function Document:annotate(start, stop, label, options) end

---A span to mark with doc:annotate_all: 1-based inclusive byte positions, and optionally its own score and features.
---@class marginalia.SpanToMark
---@field start integer first byte
---@field stop integer last byte
---@field score? number 0…1 (default: the options' score, else 1)
---@field features? table|marginalia.Features (default: the options' features)

---Marks every span of a list `{ { start =, stop = [, score =] [, features =] }, … }` with a declared label, in one call.
---The records of lex:find_all, doc:tokens and doc:sentences can be given as they are; nothing is marked when an entry is bad.
---```lua
---doc:annotate_all(doc:sentences(), "sentence", { score = 0.5 })
---```
---@param spans marginalia.SpanToMark[]
---@param label string one of the plugin's `labels`
---@param options? marginalia.AnnotateOptions score and features of the entries that have none
function Document:annotate_all(spans, label, options) end

---Labels the whole document.
---@param label string one of the plugin's `labels`
---@param score? number 0…1, default 1
---@param features? table|marginalia.Features
function Document:label(label, score, features) end

---What the plugins this one `requires` produced on this document.
---@param label? string only this label
---@return marginalia.Annotation[]
function Document:annotations(label) end

---How many annotations of `label` the required plugins made, and how many carry each value of `feature`.
---@param label? string only this label (nil: every label they produce)
---@param feature? string also count by the value of this feature
---@return integer total
---@return table<string|number|boolean, integer>? by_value only with `feature`
function Document:count(label, feature) end

---An iterator over the spans of `label` the required plugins made: `for start, stop, v1, … in doc:each(label, f1, …) do … end`, no table per annotation.
---Each step gives an annotation's start and stop (byte positions) and the value of each feature named (nil when it lacks one).
---```lua
---for start, stop, kind, code in doc:each("entity:country", "kind", "code") do … end
---```
---@param label? string only this label (nil: every label they produce)
---@param feature? string the first feature whose value each step gives after start and stop
---@param ... string more features, in this order (at most 16 in all)
---@return fun(): integer?, integer?, ... iterator
function Document:each(label, feature, ...) end

---The sentences, computed once per document.
---@return marginalia.Span[]
function Document:sentences() end

---The tokens (words keep inner ' - .), computed once per document.
---@return marginalia.Span[]
function Document:tokens() end

---The second argument of annotate and the argument of setup (read-only).
---@class Context
---@field plugin string this plugin's name
---@field params table the plugin's params with the user's overrides
local Context = {}

---Writes a debugging message to standard error, prefixed with the plugin's name.
---@param ... any
function Context.log(...) end

---A compiled term matcher (whole words, case and accents folded).
---@class Lexicon
local Lexicon = {}

---Finds the terms in a document or a string: leftmost-longest, non-overlapping.
---@param doc_or_text Document|string
---@return marginalia.Match[]
function Lexicon:find_all(doc_or_text) end

---An iterator over the matches find_all returns: `for start, stop, term in lex:each(doc) do … end`, no table per match.
---@param doc_or_text Document|string
---@return fun(): integer?, integer?, string? iterator giving start, stop, term
function Lexicon:each(doc_or_text) end

---Finds the terms in the document and marks each as a `label` span with its term as a feature, in one call; returns the hits.
---@param doc Document
---@param label string a label declared in the plugin's `labels`
---@param options? { skip?: table<string, boolean> } terms to leave out (look-alikes)
---@return marginalia.Match[]
function Lexicon:annotate(doc, label, options) end

---One example of a plugin; examples double as tests (`marginalia plugins test`).
---@class marginalia.Example
---@field text string
---@field lang? string
---@field meta? table<string, string>
---@field expect? string[] labels that must appear
---@field reject? string[] labels that must not appear
---@field spans? { label: string, text: string }[] spans that must be found on exactly that text

---The table a plugin file returns.
---@class Plugin
---@field name string lower-case letters, digits and _
---@field version string
---@field description string
---@field labels string[] every label the plugin may emit
---@field requires? string[] plugins whose labels it reads; they run first
---@field uses? string[] libraries it loads with marginalia.use (lib/NAME/NAME.lua)
---@field params? table defaults, overridable with --param NAME.KEY=VALUE or marginalia.toml
---@field setup? fun(ctx: Context)
---@field annotate fun(doc: Document, ctx: Context)
---@field examples? marginalia.Example[]

---@class marginalia
marginalia = {}

---Compiles terms into a matcher. Do it once, at the top level of the plugin file.
---@param terms string[]
---@return Lexicon
function marginalia.lexicon(terms) end

---Converts a features table once, for many doc:annotate calls with the same features; returns a handle to pass as `features`.
---@param table table<string, any>
---@return marginalia.Features
function marginalia.features(table) end

---Reads a term file (one per line, # comments) relative to the plugin's folder.
---Only while the plugin file loads.
---@param path string
---@return string[]
function marginalia.load_terms(path) end

---Runs a Lua file of the plugin's folder in the plugin's environment and returns its result.
---Only while the plugin file loads.
---@param path string
---@return any
function marginalia.include(path) end

---Loads the library lib/NAME/NAME.lua (declared in the manifest's `uses`) and returns its result.
---Only while the plugin file loads.
---@param name string
---@return any
function marginalia.use(name) end

---The engine version.
---@type string
marginalia.version = ""
