import Foundation

/// Runs a program to completion and captures what it printed: the `marginalia` binary
/// built beside the tests, or a tool found on `PATH` (chromium).
///
/// ```swift
/// let result = try CommandRunner.marginalia(["query", "--count"], in: directory.path)
/// XCTAssertEqual(result.status, 0, result.stderr)
/// ```
enum CommandRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `marginalia` executable of this build: `swift build --build-tests` puts it in
    /// the same folder as the test bundle.
    static let marginaliaPath: String = {
        var candidates = [Bundle.main.bundlePath, CommandLine.arguments[0]].map { ($0 as NSString).deletingLastPathComponent }
        candidates += Bundle.allBundles.map { ($0.bundlePath as NSString).deletingLastPathComponent }
        candidates.append(Repository.path(".build/debug"))
        for folder in candidates {
            let path = (folder as NSString).appendingPathComponent("marginalia")
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return Repository.path(".build/debug/marginalia")
    }()

    /// Runs `marginalia` with `arguments` in `directory`.
    static func marginalia(_ arguments: [String], in directory: String) throws -> Result {
        try run(marginaliaPath, arguments, in: directory)
    }

    /// The full path of a program on `PATH`, or nil.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `executable`; output goes through files so that a chatty program never blocks
    /// on a full pipe.
    static func run(_ executable: String, _ arguments: [String], in directory: String) throws -> Result {
        let capture = NSTemporaryDirectory() + "marginalia-run-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: capture) }
        let outPath = capture + "/out", errPath = capture + "/err"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self),
                      stderr: String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self))
    }
}
