import Marginalia
import MarginaliaLua
import XCTest

/// Runs `body` as the annotate function of a throwaway plugin on a small document and
/// returns the outcome.
func runHostile(_ body: String, limits: SandboxLimits = SandboxLimits(instructions: 2_000_000, memoryBytes: 16 << 20),
                file: StaticString = #filePath, line: UInt = #line) throws -> Result<PluginOutput, ProcessingError> {
    let host = try PluginHost(limits: limits)
    host.onLog = { _, _ in }
    try host.load(source: """
        return {
          name = "hostile", version = "1", description = "tries to escape", labels = { "hostile.out" },
          annotate = function (doc, ctx)
            \(body)
          end,
        }
        """, path: "hostile.lua")
    let results = host.annotate(Document(id: "victim", text: "An innocent article about tanks."))
    XCTAssertEqual(results.count, 1, file: file, line: line)
    return results[0]
}

/// Asserts the script failed with an error whose message contains `fragment`.
func assertRefused(_ body: String, mentions fragment: String, kind: ProcessingError.Kind = .plugin,
                   limits: SandboxLimits = SandboxLimits(instructions: 2_000_000, memoryBytes: 16 << 20),
                   file: StaticString = #filePath, line: UInt = #line) throws {
    switch try runHostile(body, limits: limits, file: file, line: line) {
    case .success:
        XCTFail("expected the sandbox to refuse:\n\(body)", file: file, line: line)
    case .failure(let error):
        XCTAssertTrue(error.message.contains(fragment), "message '\(error.message)' lacks '\(fragment)'", file: file, line: line)
        XCTAssertEqual(error.kind, kind, error.message, file: file, line: line)
        XCTAssertEqual(error.plugin, "hostile", file: file, line: line)
        XCTAssertEqual(error.documentID, "victim", file: file, line: line)
    }
}
