import Marginalia
import MarginaliaLua
import XCTest

/// A catalogue of hostile scripts. Every one must be refused or stopped with an error,
/// and the host must survive all of them in a row.
final class HostileScriptTests: XCTestCase {
    static let scripts: [(name: String, code: String)] = [
        ("io.open", "io.open('/etc/passwd')"),
        ("os.execute", "os.execute('touch /tmp/pwned')"),
        ("os.getenv", "return os.getenv('HOME')"),
        ("os.remove", "os.remove('/tmp/x')"),
        ("require", "require('os')"),
        ("package.loadlib", "package.loadlib('libc.so.6', 'system')"),
        ("dofile", "dofile('/etc/passwd')"),
        ("loadfile", "loadfile('/etc/passwd')"),
        ("debug.getregistry", "debug.getregistry()"),
        ("string.dump", "string.dump(print)"),
        ("binary load", "load(string.char(27) .. 'Lua', nil, 'b')()"),
        ("load escapes env", "load('return debug')().sethook()"),
        ("setmetatable _G", "setmetatable(_G, nil) x = 1"),
        ("string metatable write", "getmetatable('').__index = { upper = function() return 'pwned' end }"),
        ("string library write", "string.upper = function() return 'pwned' end"),
        ("rawset globals", "rawset(_G, 'x', 1)"),
        ("global write", "pwned = true"),
        ("__gc finalizer", "setmetatable({}, { __gc = function() os.exit() end })"),
        ("collectgarbage stop", "collectgarbage('stop')"),
        ("collectgarbage incremental", "collectgarbage('incremental', 0, 0)"),
        ("huge string.rep", "string.rep('abc', 1e9)"),
        ("memory bomb", "local t = {} while true do t[#t + 1] = {} end"),
        ("string concat bomb", "local s = 'x' while true do s = s .. s end"),
        ("deep recursion", "local function f() return f() + 1 end f()"),
        ("infinite loop", "while true do end"),
        ("goto loop", "::top:: goto top"),
        ("coroutine loop", "local co = coroutine.create(function() while true do end end) coroutine.resume(co) error('resumed')"),
        ("coroutine ping-pong", "local c = coroutine.wrap(function() while true do coroutine.yield() end end) while true do c() end"),
        ("pcall swallow", "while true do pcall(error) end"),
        ("xpcall handler loop", "xpcall(function() error('x') end, function() while true do end end) error('after')"),
        ("bad annotate", "doc:annotate(0, 99999, 'hostile.out')"),
        ("undeclared label", "doc:label('not.mine', 1)"),
        ("cut UTF-8", "doc:annotate(1, 1, 'hostile.out') doc:annotate('a', {}, 'hostile.out')"),
        ("cyclic features", "local t = {} t.t = t doc:label('hostile.out', 1, t)"),
        ("function feature", "doc:label('hostile.out', 1, { f = print })"),
        ("score out of range", "doc:label('hostile.out', 7)"),
        ("load_terms at run time", "marginalia.load_terms('/etc/passwd')"),
        ("lexicon of junk", "marginalia.lexicon{ {}, 3 }"),
        ("find_all on junk", "local lex = marginalia.lexicon{ 'a' } lex.find_all(42)"),
        ("nested pcall memory", "pcall(pcall, function() local t = {} while true do t[#t + 1] = ('y'):rep(1e4) end end) error('survived')"),
    ]

    func testEveryHostileScriptIsRefusedOrStopped() throws {
        XCTAssertGreaterThanOrEqual(Self.scripts.count, 20)
        for (name, code) in Self.scripts {
            let result = try runHostile(code)
            guard case .failure(let error) = result else {
                XCTFail("\(name): not refused")
                continue
            }
            XCTAssertFalse(error.message.isEmpty, name)
            XCTAssertEqual(error.plugin, "hostile", name)
        }
        let fine = try runHostile("doc:label('hostile.out', 0.5)").get()
        XCTAssertEqual(fine.annotations.map(\.label), ["hostile.out"], "the host still works after the hostile catalogue")
    }

    func testOneHostSurvivesTheWholeCatalogue() throws {
        let host = try PluginHost(limits: SandboxLimits(instructions: 2_000_000, memoryBytes: 16 << 20))
        host.onLog = { _, _ in }
        for (index, script) in Self.scripts.enumerated() {
            try host.load(source: """
                return { name = "h\(index)", version = "1", description = "d", labels = { "hostile.out" },
                  annotate = function (doc, ctx) \(script.code) end }
                """, path: "h\(index).lua")
        }
        try host.load(source: """
            return { name = "honest", version = "1", description = "d", labels = { "honest.out" },
              annotate = function (doc) doc:label("honest.out", 1) end }
            """, path: "honest.lua")
        let results = host.annotate(Document(id: "victim", text: "Tanks."))
        XCTAssertEqual(results.count, Self.scripts.count + 1)
        for (index, result) in results.dropLast().enumerated() {
            if case .success = result { XCTFail("\(Self.scripts[index].name) was not refused") }
        }
        XCTAssertEqual(try results.last?.get().annotations.map(\.label), ["honest.out"])
        XCTAssertLessThan(host.memoryInUse, 8 << 20, "garbage from the bombs was collected")
    }
}
