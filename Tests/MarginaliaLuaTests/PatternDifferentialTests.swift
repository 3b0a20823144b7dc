import CLua
import CLuaShim
import XCTest

/// The sandbox's own find/match/gmatch/gsub (CLuaShim/PatternMatcher.c) against Lua's string
/// library, on many generated patterns and subjects: same results, same errors.
final class PatternDifferentialTests: XCTestCase {
    func testFindAgreesWithTheStringLibrary() throws {
        try runDifferential(function: "find", cases: 20_000, seed: 1)
    }

    func testMatchAgreesWithTheStringLibrary() throws {
        try runDifferential(function: "match", cases: 20_000, seed: 2)
    }

    func testGmatchAgreesWithTheStringLibrary() throws {
        try runDifferential(function: "gmatch", cases: 10_000, seed: 3)
    }

    func testGsubAgreesWithTheStringLibrary() throws {
        try runDifferential(function: "gsub", cases: 20_000, seed: 4)
    }

    func testHandWrittenCasesAgree() throws {
        try runLua(Self.generator + """
            local cases = {
              { "find", "hello world", "o w" }, { "find", "hello", "l+" }, { "find", "a.b", ".", 1, true },
              { "find", "abc", "", 10 }, { "find", "abc", "", 4 }, { "find", "abc", "c", -1 }, { "find", "abc", "^b", 2 },
              { "match", "key = value", "(%w+)%s*=%s*(%w+)" }, { "match", "  x", "()x()" },
              { "match", "THE (quick) fox", "%f[%a]%a+" }, { "match", "f(a(b)c)d", "%b()" },
              { "match", "aaa", "a-b" }, { "match", "aaab", "a-b" }, { "match", "hello", "(l)%1" },
              { "match", "x", "(" }, { "match", "x", "%" }, { "match", "x", "[a" }, { "match", "x", "%f" },
              { "match", "x", "%b" }, { "match", "x", "(()" }, { "match", "x", "%1" }, { "match", "x", ")" },
              { "match", "]", "[]]" }, { "match", "^", "[^]^]" }, { "match", "a-", "[a-]+" },
              { "match", "a\\0b", "%z" }, { "match", "a\\0b", "[\\0]" }, { "match", "a$b", "a$b" },
              { "match", "abc", "^(a)(b)(c)$" }, { "match", ("x"):rep(40), ("(x)"):rep(33) },
              { "gsub", "hello world", "o", "0" }, { "gsub", "hello", "", "-" }, { "gsub", "abc", "%w", "%0%0" },
              { "gsub", "abc", "(%w)", "%1." }, { "gsub", "abc", "%w", "%2" }, { "gsub", "abc", "%w", "%" },
              { "gsub", "abc", "%w", "%x" }, { "gsub", "abc", "()", "%1" }, { "gsub", "abc", "b", 7 },
              { "gsub", "abc", "^a", "A" }, { "gsub", "aaa", "a", "b", 2 }, { "gsub", "abc", "x*", "-" },
              { "gmatch", "one two  three", "%a+" }, { "gmatch", "k=v, a=b", "(%w+)=(%w+)" },
              { "gmatch", "abc", "" }, { "gmatch", "abc", "^a" }, { "gmatch", "aXbXc", "()X", 3 },
            }
            for i, c in ipairs(cases) do
              local a, b = run(string, c), run(mg, c)
              if a ~= b then error("case " .. i .. ": " .. describe(c) .. "\\n  string: " .. a .. "\\n  mg:     " .. b) end
            end
            -- Numbers are strings to the pattern functions, and the string metatable calls them too.
            assert(run(string, { "find", 12345, 34 }) == run(mg, { "find", 12345, 34 }))
            assert(run(string, { "gsub", "abc", "%w", { a = 1, b = true } }) == run(mg, { "gsub", "abc", "%w", { a = 1, b = true } }))
            assert(run(string, { "gsub", "abc", "%w", { a = {} } }) == run(mg, { "gsub", "abc", "%w", { a = {} } }))
            assert(run(string, { "gsub", "abc" }) == run(mg, { "gsub", "abc" }))
            assert(run(string, { "gsub", "abc", "b", nil }) == run(mg, { "gsub", "abc", "b", nil }))
            return 0
            """)
    }

    // MARK: Running Lua

    /// Generates `cases` calls of `function` from `seed` and compares both libraries on each.
    private func runDifferential(function: String, cases: Int, seed: Int) throws {
        let mismatches = try runLua(Self.generator + """
            math.randomseed(\(seed))
            local bad, first, matched, failed = 0, nil, 0, 0
            for _ = 1, \(cases) do
              local c = make_case("\(function)")
              local a, b = run(string, c), run(mg, c)
              if a ~= b then
                bad = bad + 1
                first = first or (describe(c) .. "\\n  string: " .. a .. "\\n  mg:     " .. b)
              end
              if a:find("^error") then failed = failed + 1
              elseif not a:find("^ok nil$") and a ~= 'ok ""' then matched = matched + 1 end
            end
            if first then error(bad .. " of \(cases) differ; first: " .. first) end
            -- The cases must exercise both matches and errors, not only "no match".
            if matched < \(cases) // 10 or failed < \(cases) // 100 then
              error(("too few interesting cases: %d matched, %d errors"):format(matched, failed))
            end
            return bad
            """)
        XCTAssertEqual(mismatches, 0)
    }

    /// Runs `source` in a plain Lua state that has the real string library and the sandbox's
    /// functions as the global `mg`; returns the integer the chunk returns.
    @discardableResult
    private func runLua(_ source: String, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        guard let L = luaL_newstate() else { throw XCTSkip("cannot create a Lua state") }
        defer { lua_close(L) }
        luaL_openlibs(L)
        mg_push_pattern_functions(L)
        lua_setglobal(L, "mg")
        guard luaL_loadstring(L, source) == LUA_OK, lua_pcallk(L, 0, 1, 0, 0, nil) == LUA_OK else {
            let message = lua_tolstring(L, -1, nil).map { String(cString: $0) } ?? "?"
            XCTFail(message, file: file, line: line)
            return -1
        }
        return Int(lua_tointegerx(L, -1, nil))
    }

    /// Lua helpers: a case generator and a runner that renders results or errors as a string.
    private static let generator = #"""
        package.loaded.mg = mg
        local random, char, concat = math.random, string.char, table.concat
        local SUBJECT_BYTES = { "a", "b", "c", "A", "B", "1", "2", " ", "(", ")", "[", "]", "%", ".", "-", "x", "\0", "\n", "é" }
        local function subject()
          local parts = {}
          for i = 1, random(0, 14) do parts[i] = SUBJECT_BYTES[random(#SUBJECT_BYTES)] end
          return concat(parts)
        end
        local CLASSES = { "a", "b", "x", "1", " ", ".", "%a", "%d", "%s", "%w", "%l", "%u", "%p", "%x", "%c", "%g",
          "%A", "%D", "%S", "%W", "%(", "%.", "%%", "%-", "[ab]", "[^a]", "[a-c]", "[%a_]", "[^%s]", "[]]", "[%]]",
          "[a-]", "[%d.]", "%z", "\0", "[\0-\31]", "é" }
        local QUANTIFIERS = { "", "", "", "*", "+", "-", "?" }
        local function item(depth, open)
          local r = random(100)
          if r <= 6 then return "%b" .. ({ "()", "[]", "ab", "xx" })[random(4)] end
          if r <= 11 then return "%f" .. ({ "[%w]", "[%W]", "[a]", "[^a ]", "[%z]" })[random(5)] end
          if r <= 16 and depth < 3 then
            local inner = {}
            for i = 1, random(0, 3) do inner[i] = item(depth + 1, open + 1) end
            return "(" .. concat(inner) .. ")"
          end
          if r <= 19 then return "()" end
          if r <= 23 and open > 0 then return "%" .. random(1, open + 1) end
          return CLASSES[random(#CLASSES)] .. QUANTIFIERS[random(#QUANTIFIERS)]
        end
        local MAGIC = { "(", ")", "%", "[", "]", "^", "$", "*", "+", "-", "?", ".", "a", "b", "%b", "%f", "%1", "[^" }
        local function pattern()
          local parts = {}
          if random(100) <= 10 then   -- a random string of magic bytes: the error paths
            for i = 1, random(0, 6) do parts[i] = MAGIC[random(#MAGIC)] end
            return concat(parts)
          end
          local captures = 0
          if random(4) == 1 then parts[#parts + 1] = "^" end
          for _ = 1, random(0, 5) do
            local it = item(0, captures)
            local _, opened = it:gsub("%(", "")
            captures = captures + opened
            parts[#parts + 1] = it
          end
          if random(5) == 1 then parts[#parts + 1] = "$" end
          return concat(parts)
        end
        local INITS = { nil, nil, nil, 1, 2, 3, 0, -1, -2, -100, 5, 20, 100 }
        local REPLACEMENTS = { "", "-", "%0", "%1", "<%1|%2>", "%%", "%", "%x", "%3", "()" }
        local function replacement()
          local r = random(10)
          if r <= 5 then return REPLACEMENTS[random(#REPLACEMENTS)] end
          if r == 6 then return random(0, 99) end
          if r == 7 then return { a = "A", b = false, ["1"] = 1, [" "] = "_", c = {} } end
          if r == 8 then return function(...) return concat({ ... }, ",") end end
          if r == 9 then return function(x) if x == "a" then return nil elseif x == "b" then return {} end return x .. x end end
          return function() return false end
        end
        function make_case(name)
          if name == "gsub" then return { name, subject(), pattern(), replacement(), random(3) == 1 and random(-1, 3) or nil } end
          if name == "find" then return { name, subject(), pattern(), INITS[random(#INITS)], random(6) == 1 } end
          return { name, subject(), pattern(), INITS[random(#INITS)] }
        end
        local function render(ok, ...)
          local out = { ok and "ok" or "error" }
          for i = 1, select("#", ...) do
            local v = select(i, ...)
            if not ok and type(v) == "string" then v = v:gsub("'string%.", "'"):gsub("'mg%.", "'") end
            out[#out + 1] = type(v) == "string" and ("%q"):format(v) or tostring(v)
          end
          return concat(out, " ")
        end
        function run(lib, c)
          if c[1] == "gmatch" then
            return render(pcall(function()
              local all = {}
              for a, b, d in lib.gmatch(c[2], c[3], c[4]) do all[#all + 1] = render(true, a, b, d) end
              return concat(all, ";")
            end))
          end
          return render(pcall(lib[c[1]], c[2], c[3], c[4], c[5]))
        end
        function describe(c)
          local out = {}
          for i = 1, 5 do out[i] = type(c[i]) == "string" and ("%q"):format(c[i]) or tostring(c[i]) end
          return concat(out, ", ")
        end

        """#
}
