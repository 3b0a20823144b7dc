import Marginalia
import MarginaliaLua
import XCTest

/// Lua's small blocks come from the state's pool (CLuaShim's `SmallBlockPool.c`): tables and
/// strings that grow and shrink across its size classes, and between the pool and malloc,
/// keep their contents, and the bytes the memory limit counts go back to where they were
/// once the garbage is collected.
final class SmallBlockPoolTests: XCTestCase {
    private func evaluate(_ code: String, on host: PluginHost) throws -> [String] {
        try host.evaluate(code, on: Document(id: "d", text: "Tanks and missiles.")).get().values
    }

    func testBlocksKeepTheirContentsAcrossClassesAndMalloc() throws {
        let host = try PluginHost()
        // A table grown one slot at a time (its array moves through every class, then to
        // malloc), strings of every length to 600 bytes, a table emptied and refilled.
        let values = try evaluate("""
            (function ()
              local t, sum = {}, 0
              for i = 1, 300 do t[i] = i * 3 end
              for i = 1, 300 do sum = sum + t[i] end
              local strings, bytes = {}, 0
              for n = 1, 600 do strings[n] = string.rep(string.char(65 + n % 26), n) end
              for n = 1, 600 do
                local s = strings[n]
                if #s ~= n or s:byte(n) ~= 65 + n % 26 then return "bad string " .. n end
                bytes = bytes + #s
              end
              local h = {}
              for i = 1, 40 do h["k" .. i] = i end
              for i = 1, 40 do h["k" .. i] = nil end
              collectgarbage()
              for i = 1, 40 do h["k" .. i] = -i end
              local hsum = 0
              for _, v in pairs(h) do hsum = hsum + v end
              return sum .. " " .. bytes .. " " .. hsum
            end)()
            """, on: host)
        XCTAssertEqual(values, ["135450 180300 -820"])
    }

    func testCollectedBlocksAreNoLongerCounted() throws {
        let host = try PluginHost()
        var after: [Int] = []
        for _ in 0..<4 {
            _ = try evaluate("""
                (function ()
                  local t = {}
                  for i = 1, 20000 do t[i] = { i, tostring(i) } end
                  return #t
                end)()
                """, on: host)
            host.collectGarbage()
            after.append(host.memoryInUse)
        }
        // Once Lua's own tables (the string table) have grown, the same work leaves the same
        // count: no block is counted at one size and given back at another, and what the pool
        // keeps for later blocks is not counted.
        XCTAssertLessThan(abs(after[3] - after[1]), 4 << 10, "\(after)")
        XCTAssertLessThan(after[3], 1 << 20, "\(after)")
    }
}
