import Foundation

/// Runs a system program (`git`, `tar`, `unzip`) found on `PATH` and returns what it printed;
/// a failure is an error carrying the program's own message.
///
/// ```swift
/// let commit = try SystemTool.run("git", ["-C", folder, "rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
/// ```
enum SystemTool {
    /// Standard output of `program arguments…`, run in `directory`.
    static func run(_ program: String, _ arguments: [String], in directory: String? = nil) throws(SystemToolError) -> String {
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        guard let executable = searchPath.split(separator: ":").map({ "\($0)/\(program)" })
            .first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw SystemToolError(program: program, message: "'\(program)' is not installed (Debian: apt-get install \(program))")
        }
        let scratch = NSTemporaryDirectory() + "marginalia-tool-" + UUID().uuidString
        let outPath = scratch + ".out", errPath = scratch + ".err"
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        guard FileManager.default.createFile(atPath: outPath, contents: nil),
              FileManager.default.createFile(atPath: errPath, contents: nil) else {
            throw SystemToolError(program: program, message: "cannot run \(program): cannot create its output files \(outPath) and \(errPath)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"   // fail instead of asking for a password
        environment["LC_ALL"] = "C"
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        do {
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
            try process.run()
        } catch {
            throw SystemToolError(program: program, message: "cannot start \(executable): \(error)")
        }
        process.waitUntilExit()
        let output = String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            let message = String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            throw SystemToolError(program: program, message: "\(program) \(arguments.first ?? "") failed (status \(process.terminationStatus)): \(message.isEmpty ? output : message)")
        }
        return output
    }
}

/// A system program that failed or is missing.
struct SystemToolError: Error, Sendable, CustomStringConvertible {
    var program: String
    var message: String
    var description: String { message }
}
