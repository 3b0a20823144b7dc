import Foundation
import XCTest

/// What a run of the `marginalia` executable printed and returned.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the `marginalia` executable built beside the test bundle (`swift build --build-tests`
/// builds it) in `directory`, with `input` on standard input.
func marginalia(_ arguments: [String], in directory: String, input: String? = nil,
                environment: [String: String] = [:]) throws -> CommandResult {
    let bundleFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [bundleFolder, URL(fileURLWithPath: Repository.path(".build/debug"))]
        .map { $0.appendingPathComponent("marginalia").path }
    guard let executable = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
        throw CommandLineTestError("the marginalia executable is not built (looked in \(candidates)); run swift build --build-tests")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var env = ProcessInfo.processInfo.environment
    env["MARGINALIA_PLUGIN_PATH"] = nil
    env.merge(environment) { _, new in new }
    process.environment = env
    // Files, not pipes: a chatty child can never block on a full pipe.
    let scratch = TemporaryDirectory()
    let outPath = scratch.write("stdout", ""), errPath = scratch.write("stderr", "")
    let inPath = scratch.write("stdin", input ?? "")
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: inPath))
    try process.run()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus,
                         stdout: try String(contentsOfFile: outPath, encoding: .utf8),
                         stderr: try String(contentsOfFile: errPath, encoding: .utf8))
}

struct CommandLineTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
