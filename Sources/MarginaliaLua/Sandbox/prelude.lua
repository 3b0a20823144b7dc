-- The sandbox prelude: trusted Lua run once per state, before any plugin, with the full
-- standard globals. It builds the read-only sandbox that plugins see and returns
-- constructors for plugin environments, documents and contexts. Plugins never see the
-- real globals. Lint: luacheck --std lua54 Sources/MarginaliaLua/Sandbox/prelude.lua
--
-- `host` holds the Swift host functions of HostAPI.swift by scope:
-- { doc = {…}, ctx = {…}, marginalia = {…}, lexicon = {…}, global = {…}, version = "…",
--   raw_metatable = getmetatable that ignores `__metatable` (for the read-only views) }.
local host = ...
-- Every document makes many short-lived tables (the doc, matches, spans): the
-- generational collector handles them with less work than the incremental one.
collectgarbage("generational")
local setmetatable, getmetatable, error, tostring, type, next, pairs, rawget, load, collectgarbage =
      setmetatable, getmetatable, error, tostring, type, next, pairs, rawget, load, collectgarbage

-- A read-only view of t: reads pass through, writes fail, the metatable is hidden.
-- Every document makes two (doc and doc.meta), so a view is only its proxy and one
-- metatable: the metamethods are shared by all views and find their view's table and
-- name in its metatable (read past `__metatable` with host.raw_metatable).
local raw_metatable = host.raw_metatable
local function readonly_newindex(view, key)
  error(raw_metatable(view).what .. " is read-only (cannot set '" .. tostring(key) .. "')", 2)
end
local function readonly_len(view) return #raw_metatable(view).__index end
local function readonly_pairs(view) return next, raw_metatable(view).__index, nil end
local function readonly(t, what)
  return setmetatable({}, {
    __index = t, __newindex = readonly_newindex, __len = readonly_len, __pairs = readonly_pairs,
    __metatable = false, what = what,
  })
end

local function copy(t, skip)
  local c = {}
  for k, v in pairs(t) do if not (skip and skip[k]) then c[k] = v end end
  return c
end

local safe_string = readonly(copy(string, { dump = true }), "string")
local string_mt = getmetatable("")
string_mt.__index = safe_string
string_mt.__metatable = readonly({ __index = safe_string }, "the string metatable")

local SAFE = {}

local allowed_gc = { collect = true, count = true, step = true, isrunning = true }

-- xpcall whose handler runs after the stack has unwound. Lua calls a real message handler
-- while hooks are suspended (inside the hook that raised the limit error), so a handler
-- that loops would escape the instruction budget.
local pcall, pack, unpack = pcall, table.pack, table.unpack
local function unwound_xpcall(f, handler, ...)
  local results = pack(pcall(f, ...))
  if results[1] then return unpack(results, 1, results.n) end
  return false, handler(results[2])
end

local base = {
  assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs,
  pcall = pcall, xpcall = unwound_xpcall, select = select, tonumber = tonumber, tostring = tostring,
  type = type, rawequal = rawequal, rawget = rawget, rawlen = rawlen,
  getmetatable = getmetatable, _VERSION = _VERSION,
  setmetatable = function(t, mt)
    if type(mt) == "table" and rawget(mt, "__gc") ~= nil then
      error("setmetatable: __gc metamethods are not allowed in plugins", 2)
    end
    return setmetatable(t, mt)
  end,
  collectgarbage = function(option, ...)
    if option ~= nil and not allowed_gc[option] then
      error("collectgarbage('" .. tostring(option) .. "') is not allowed in plugins", 2)
    end
    return collectgarbage(option, ...)
  end,
  load = function(chunk, name, mode, env)
    if mode ~= nil and mode ~= "t" then error("load: only text chunks are allowed (mode 't')", 2) end
    return load(chunk, name, "t", env or SAFE)
  end,
  string = safe_string,
  table = readonly(copy(table), "table"),
  math = readonly(copy(math), "math"),
  utf8 = readonly(copy(utf8), "utf8"),
  coroutine = readonly(copy(coroutine), "coroutine"),
  os = readonly({ time = os.time, clock = os.clock, date = os.date }, "os"),
}
for name, f in pairs(host.global) do base[name] = f end
local marginalia_table = copy(host.marginalia)
marginalia_table.version = host.version
base.marginalia = readonly(marginalia_table, "marginalia")
setmetatable(SAFE, {
  __index = base,
  __newindex = function(_, key)
    error("the global environment is read-only (cannot set '" .. tostring(key) .. "')", 2)
  end,
  __metatable = false,
})
base._G = SAFE

local methods = copy(host.doc)
-- The fields of every doc find the methods here (one metatable for all documents: no
-- script can reach it, the doc being a read-only view of its fields).
local doc_fields_metatable = { __index = methods }

local lexicon_method_table = copy(host.lexicon)
local lexicon_methods = readonly(lexicon_method_table, "lexicon")

-- Every name the sandbox offers, read from the live tables (for the documentation test).
local function api_surface()
  local names = {}
  for k in pairs(base) do names[#names + 1] = "global " .. k end
  for k in pairs(methods) do names[#names + 1] = "doc:" .. k end
  for k in pairs(marginalia_table) do names[#names + 1] = "marginalia." .. k end
  for k in pairs(lexicon_method_table) do names[#names + 1] = "lexicon:" .. k end
  return names
end

return {
  api_surface = api_surface,
  -- A global table for an interactive session: like a plugin's, but it keeps the
  -- globals a user defines from one input to the next (as Lua's own REPL does).
  make_session_env = function()
    return setmetatable({}, { __index = SAFE, __metatable = false })
  end,
  -- A fresh global table for one plugin: reads fall through to the safe base,
  -- new globals are refused (locals keep plugins hermetic).
  make_env = function(plugin)
    local env = {}
    env._G = env
    return setmetatable(env, {
      __index = SAFE,
      __newindex = function(_, key)
        error("plugin '" .. plugin .. "': assignment to undeclared global '" .. tostring(key)
          .. "' (declare it 'local')", 2)
      end,
      __metatable = false,
    })
  end,
  make_doc = function(fields)
    fields.meta = readonly(fields.meta, "doc.meta")
    return readonly(setmetatable(fields, doc_fields_metatable), "doc")
  end,
  make_ctx = function(plugin, params)
    local ctx = copy(host.ctx)
    ctx.plugin, ctx.params = plugin, readonly(params, "ctx.params")
    return readonly(ctx, "ctx")
  end,
  lexicon_metatable = { __index = lexicon_methods, __name = "marginalia.lexicon", __metatable = false },
}
