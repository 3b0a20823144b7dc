import Foundation
import XCTest

/// The `marginalia` binary built beside the tests, run as a real child process.
enum MarginaliaBinary {
    /// `.build/<triple>/debug/marginalia`, next to the test bundle.
    static let path: String = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("marginalia").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        let fallback = Repository.path(".build/debug/marginalia")
        precondition(FileManager.default.isExecutableFile(atPath: fallback), "build the marginalia product first (swift build --build-tests)")
        return fallback
    }()
}

/// A started `marginalia` child process; its standard output and error go to files read
/// at the end (so a full pipe never blocks it).
final class ChildProcess {
    let process = Process()
    private let outputFile: String
    private let errorFile: String

    /// Starts `marginalia arguments…` with `input` on standard input.
    init(_ arguments: [String], input: Data? = nil) throws {
        let base = NSTemporaryDirectory() + "marginalia-child-" + UUID().uuidString
        outputFile = base + ".out"
        errorFile = base + ".err"
        _ = FileManager.default.createFile(atPath: outputFile, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile, contents: nil)
        process.executableURL = URL(fileURLWithPath: MarginaliaBinary.path)
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: outputFile)
        process.standardError = FileHandle(forWritingAtPath: errorFile)
        if let input {
            let inputFile = base + ".in"
            _ = FileManager.default.createFile(atPath: inputFile, contents: input)
            process.standardInput = FileHandle(forReadingAtPath: inputFile)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// What the child wrote to standard error so far.
    var errorSoFar: String { (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? "" }

    /// Waits for the end; returns the exit status (128 + signal when killed), standard output and error.
    @discardableResult
    func wait() -> (status: Int32, output: String, error: String) {
        process.waitUntilExit()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        let output = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
        let error = errorSoFar
        try? FileManager.default.removeItem(atPath: outputFile)
        try? FileManager.default.removeItem(atPath: errorFile)
        try? FileManager.default.removeItem(atPath: outputFile.replacingOccurrences(of: ".out", with: ".in"))
        return (status, output, error)
    }

    /// Runs `marginalia arguments…` to its end.
    static func run(_ arguments: [String], input: Data? = nil) throws -> (status: Int32, output: String, error: String) {
        try ChildProcess(arguments, input: input).wait()
    }
}
