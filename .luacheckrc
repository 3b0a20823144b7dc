-- luacheck configuration for Marginalia plugins. Run: luacheck Plugins
--
-- Plugins run in a sandbox: this file lists exactly what the sandbox
-- provides, so luacheck warns about anything else (io, require, dofile,
-- debug, most of os...) and about any new global (the sandbox rejects them
-- at run time: use `local`).

stds.marginalia = {
  read_globals = {
    -- base functions
    "assert", "error", "ipairs", "next", "pairs", "pcall", "xpcall", "select",
    "tonumber", "tostring", "type", "getmetatable", "setmetatable",
    "rawequal", "rawget", "rawlen", "_VERSION", "load", "collectgarbage",
    -- print is left out on purpose: log with ctx.log(message)

    -- standard libraries
    "string", "table", "math", "utf8", "coroutine",
    os = { fields = { "time", "clock", "date" } },

    -- the Marginalia API (doc and ctx are parameters of annotate, not globals)
    marginalia = {
      fields = {
        "load_terms",  -- load_terms("lexicons/x.txt") -> array of strings; top level only
        "lexicon",     -- lexicon(terms) -> matcher with :find_all(doc), :each(doc) and :annotate(doc, label)
        "features",    -- features(table) -> a handle for doc:annotate's `features`, converted once
        "include",     -- include("helpers.lua") -> what the file returns; top level only
        "use",         -- use("topic") -> the library lib/topic/topic.lua (declare it in `uses`)
        "version",     -- the engine version string
      },
    },
  },
}

std = "marginalia"
max_line_length = 120
