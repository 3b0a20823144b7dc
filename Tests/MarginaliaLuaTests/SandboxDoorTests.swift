import Marginalia
import MarginaliaLua
import XCTest

/// Each forbidden door of the sandbox is closed; what is allowed works.
final class SandboxDoorTests: XCTestCase {
    func testForbiddenLibrariesAreAbsent() throws {
        for name in ["io", "debug", "package", "require", "dofile", "loadfile", "rawset"] {
            try assertRefused("return \(name).x", mentions: "nil")
            try assertRefused("\(name)()", mentions: "nil")
        }
    }

    func testOnlyHarmlessOSFunctionsRemain() throws {
        for name in ["execute", "remove", "rename", "getenv", "exit", "tmpname", "setlocale"] {
            try assertRefused("os.\(name)('x')", mentions: "attempt to call a nil value")
        }
        let output = try runHostile("""
            assert(type(os.time()) == "number" and type(os.clock()) == "number" and type(os.date("%Y")) == "string")
            """).get()
        XCTAssertEqual(output.annotations, [])
    }

    func testStringDumpAndBinaryChunksAreRefused() throws {
        try assertRefused("return string.dump(function() end)", mentions: "attempt to call a nil value")
        try assertRefused("local f = load('return 1', 'x', 'b') return f()", mentions: "only text chunks")
        try assertRefused("""
            local f, err = load("\\27Lua" .. string.rep("x", 40))
            error(err)
            """, mentions: "attempt to load a binary chunk")
    }

    func testTextLoadSeesOnlyTheSafeEnvironment() throws {
        try assertRefused("local f = load('return io') if f() == nil then error('no io here') end", mentions: "no io here")
        try assertRefused("load('x = 1')()", mentions: "read-only")
    }

    func testGlobalsAndStandardLibrariesAreReadOnly() throws {
        try assertRefused("leaked = 1", mentions: "assignment to undeclared global 'leaked'")
        try assertRefused("string.upper = nil", mentions: "string is read-only")
        try assertRefused("table.insert = print", mentions: "table is read-only")
        try assertRefused("math.pi = 3", mentions: "math is read-only")
        try assertRefused("_G.x = 1", mentions: "assignment to undeclared global")
        try assertRefused("marginalia.lexicon = nil", mentions: "marginalia is read-only")
    }

    func testMetatableEscapesFail() throws {
        // The old Redis escape: strip _G's metatable, then write globals freely.
        try assertRefused("setmetatable(_G, nil)", mentions: "cannot change a protected metatable")
        try assertRefused("getmetatable('').__index = {}", mentions: "read-only")
        try assertRefused("getmetatable('').__index.upper = nil", mentions: "read-only")
        try assertRefused("setmetatable(string, nil)", mentions: "protected metatable")
        try assertRefused("local mt = getmetatable(doc) mt.__newindex = nil", mentions: "attempt to index a boolean value")
    }

    func testDocumentIsReadOnly() throws {
        try assertRefused("doc.text = 'x'", mentions: "doc is read-only")
        try assertRefused("doc.meta.lang = 'xx'", mentions: "doc.meta is read-only")
        try assertRefused("ctx.params.x = 1", mentions: "ctx.params is read-only")
    }

    func testGCFinalizersAndCollectorControlAreRefused() throws {
        try assertRefused("setmetatable({}, { __gc = function() while true do end end })", mentions: "__gc")
        try assertRefused("collectgarbage('stop')", mentions: "not allowed")
        try assertRefused("collectgarbage('generational')", mentions: "not allowed")
        XCTAssertNoThrow(try runHostile("collectgarbage() collectgarbage('count')").get())
    }

    func testPluginsCannotReachEachOther() throws {
        let host = try PluginHost()
        try host.load(source: """
            local secret = "mine"
            return { name = "first", version = "1", description = "d", labels = { "a" },
              annotate = function (doc) doc:label("a", 1, { secret = secret }) end }
            """, path: "first.lua")
        try host.load(source: """
            return { name = "second", version = "1", description = "d", labels = { "b" },
              annotate = function (doc)
                assert(secret == nil and first == nil, "sees the other plugin")
                assert(_G ~= nil and _G.annotate == nil)
                doc:label("b", 1)
              end }
            """, path: "second.lua")
        let results = host.annotate(Document(id: "d", text: "text"))
        XCTAssertEqual(try results.map { try $0.get().annotations.map(\.label) }, [["a"], ["b"]])
    }
}
