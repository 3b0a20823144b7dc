import Foundation
import Marginalia
import MarginaliaLua
import XCTest

/// The wall-clock limit stops a plugin wherever it is — Lua code or the pattern functions,
/// whose C matcher never returns to the VM while it backtracks — and so does a stop request.
final class TimeLimitTests: XCTestCase {
    /// No instruction budget: only the clock can stop these.
    private let clockOnly = SandboxLimits(instructions: 0, memoryBytes: 64 << 20, seconds: 0.5)
    private let runaway = #"local s, p = ("a"):rep(3000), ("a*"):rep(30) .. "b""#

    func testTheClockStopsCatastrophicBacktrackingInEveryPatternFunction() throws {
        for call in ["s:find(p)", "s:match(p)", "string.gsub(s, p, '')", "for _ in s:gmatch(p) do end"] {
            let started = Date()
            try assertRefused("\(runaway)\n\(call)", mentions: "time limit of 0.5 s exceeded", kind: .timeLimit, limits: clockOnly)
            XCTAssertLessThan(Date().timeIntervalSince(started), 10, call)
        }
    }

    func testTheClockStopsALuaLoopAndNamesTheLine() throws {
        guard case .failure(let error) = try runHostile("local x = 0\nwhile true do x = x + 1 end", limits: clockOnly) else {
            return XCTFail("not stopped")
        }
        XCTAssertEqual(error.kind, .timeLimit)
        XCTAssertEqual(error.line, 5, error.message)   // the loop's line in hostile.lua
        XCTAssertTrue(error.message.contains("hostile.lua:5: time limit of 0.5 s exceeded"), error.message)
    }

    func testPcallCannotSwallowTheTimeLimit() throws {
        try assertRefused("""
            \(runaway)
            while true do pcall(string.find, s, p) end
            """, mentions: "time limit", kind: .timeLimit, limits: clockOnly)
    }

    func testPatternStepsCountAsInstructions() throws {
        let budgetOnly = SandboxLimits(instructions: 2_000_000, memoryBytes: 64 << 20, seconds: 0)
        try assertRefused("\(runaway)\ns:find(p)", mentions: "instruction limit of 2000000 exceeded", kind: .instructionLimit, limits: budgetOnly)
    }

    func testTheHostCarriesOnAfterATimeLimit() throws {
        let host = try PluginHost(limits: clockOnly)
        try host.load(source: """
            \(runaway)
            return { name = "moody", version = "1", description = "d", labels = { "ok" },
              annotate = function (doc)
                if doc.id == "stuck" then s:find(p) end
                doc:label("ok", 1)
              end }
            """, path: "moody.lua")
        for id in ["stuck", "fine", "stuck", "fine"] {
            switch (id, host.annotate(Document(id: id, text: "x"))[0]) {
            case ("fine", .success(let output)): XCTAssertEqual(output.annotations.map(\.label), ["ok"])
            case ("stuck", .failure(let error)): XCTAssertEqual(error.kind, .timeLimit)
            case (_, let result): XCTFail("\(id): unexpected \(result)")
            }
        }
    }

    func testAStopRequestFromAnotherThreadEndsTheRunningPlugin() throws {
        let host = try PluginHost(limits: SandboxLimits(instructions: 0, memoryBytes: 64 << 20, seconds: 0))
        try host.load(source: """
            \(runaway)
            return { name = "stuck", version = "1", description = "d", labels = { "ok" },
              annotate = function () s:find(p) end }
            """, path: "stuck.lua")
        let started = Date()
        let stop = host.stopHandle
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { stop.requestStop() }
        guard case .failure(let error) = host.annotate(Document(id: "d", text: "x"))[0] else { return XCTFail("not stopped") }
        XCTAssertEqual(error.kind, .interrupted)
        XCTAssertTrue(error.message.contains("stopped: the run was interrupted"), error.message)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    }
}
