import Foundation

/// Runs a program other than `marginalia` (for which see `marginalia(_:in:)`) and captures
/// what it printed: headless Chromium for the report test.
///
/// ```swift
/// let chromium = try XCTUnwrap(ExternalProgram.which("chromium"))
/// let dom = try ExternalProgram.run(chromium, ["--headless", "--dump-dom", url], in: directory.path).stdout
/// ```
enum ExternalProgram {
    /// The full path of a program on `PATH`, or nil.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `executable` to completion in `directory`, output through files so that a
    /// chatty program never blocks on a full pipe.
    static func run(_ executable: String, _ arguments: [String], in directory: String) throws -> CommandResult {
        let scratch = TemporaryDirectory()
        let outPath = scratch.write("stdout", ""), errPath = scratch.write("stderr", "")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try process.run()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus,
                             stdout: String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self),
                             stderr: String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self))
    }
}
