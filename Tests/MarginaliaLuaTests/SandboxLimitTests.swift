import Marginalia
import MarginaliaLua
import XCTest

/// Instruction and memory limits stop the plugin on that document, name plugin, document
/// and limit, and leave the host usable.
final class SandboxLimitTests: XCTestCase {
    func testInfiniteLoopIsStoppedByTheInstructionBudget() throws {
        try assertRefused("while true do end", mentions: "instruction limit of 2000000 exceeded", kind: .instructionLimit)
        guard case .failure(let error) = try runHostile("while true do end") else { return XCTFail("not stopped") }
        XCTAssertFalse(error.message.contains("("), "the limit is the whole message, nothing else went wrong: \(error.message)")
    }

    func testPcallCannotSwallowTheInstructionLimit() throws {
        try assertRefused("""
            while true do pcall(function() while true do end end) end
            """, mentions: "instruction limit", kind: .instructionLimit)
    }

    func testCoroutineLoopsAreCounted() throws {
        try assertRefused("""
            local co = coroutine.wrap(function() while true do coroutine.yield() end end)
            while true do co() end
            """, mentions: "instruction limit", kind: .instructionLimit)
    }

    func testMemoryBombIsStoppedByTheMemoryLimit() throws {
        try assertRefused("""
            local t = {}
            for i = 1, 1e9 do t[i] = string.rep("x", 1000) .. i end
            """, mentions: "memory limit of 16 MB exceeded", kind: .memoryLimit)
    }

    func testHugeStringRepIsStopped() throws {
        try assertRefused("local s = string.rep('x', 1 << 40)", mentions: "too large", kind: .plugin)
        try assertRefused("local s = string.rep('x', 100 * 1024 * 1024)", mentions: "memory limit", kind: .memoryLimit)
    }

    func testPcallCannotHideAMemoryBomb() throws {
        try assertRefused("""
            pcall(function() local t = {} for i = 1, 1e9 do t[i] = {} end end)
            doc:label("hostile.out", 1)
            """, mentions: "memory limit", kind: .memoryLimit)
    }

    func testDeepRecursionIsAnErrorNotACrash() throws {
        // Lua's stack may grow to a million slots (~16 MB), so give it room to reach its own limit.
        let roomy = SandboxLimits(instructions: 50_000_000, memoryBytes: 256 << 20)
        try assertRefused("local function f(n) return 1 + f(n + 1) end f(1)", mentions: "stack overflow", limits: roomy)
        try assertRefused("""
            local function nest(n) return setmetatable({}, { __index = function(t, k) return nest(n + 1)[k] end }) end
            return nest(1).x
            """, mentions: "stack overflow", limits: roomy)
    }

    func testTheHostCarriesOnAfterALimitHit() throws {
        let host = try PluginHost(limits: SandboxLimits(instructions: 1_000_000, memoryBytes: 16 << 20))
        try host.load(source: """
            return { name = "moody", version = "1", description = "d", labels = { "ok" },
              annotate = function (doc)
                if doc.id == "loop" then while true do end end
                if doc.id == "bomb" then local t = {} for i = 1, 1e9 do t[i] = string.rep("x", 4096) .. i end end
                doc:label("ok", 1)
              end }
            """, path: "moody.lua")
        for id in ["loop", "bomb", "fine", "loop", "fine"] {
            let result = host.annotate(Document(id: id, text: "x"))[0]
            switch (id, result) {
            case ("fine", .success(let output)): XCTAssertEqual(output.annotations.map(\.label), ["ok"])
            case ("loop", .failure(let error)): XCTAssertEqual(error.kind, .instructionLimit)
            case ("bomb", .failure(let error)): XCTAssertEqual(error.kind, .memoryLimit)
            default: XCTFail("\(id): unexpected \(result)")
            }
        }
    }

    func testErrorsNameTheFileAndLine() throws {
        let result = try runHostile("""
            local x = nil
            return x.field
            """)
        guard case .failure(let error) = result else { return XCTFail("expected an error") }
        XCTAssertTrue(error.message.contains("hostile.lua:5:"), error.message)
        XCTAssertEqual(error.line, 5)
        XCTAssertTrue(error.message.contains("return x.field"), "quotes the source line: \(error.message)")
    }
}
