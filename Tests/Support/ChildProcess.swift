import Foundation

/// What a finished child process printed and returned.
public struct CommandResult {
    /// The exit status, or 128 + the signal's number when a signal ended it.
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// The one way the tests run another program: the `marginalia` binary built beside them or any
/// program on `PATH`, as a real child process. Standard output and error go to files read at
/// the end, so a chatty child never blocks on a full pipe.
///
/// ```swift
/// let child = try ChildProcess(["annotate", input, "--store", store])   // marginalia, started
/// child.signal(SIGINT)
/// let result = child.wait()                                            // status, stdout, stderr
/// let dom = try ChildProcess.run(program: chromium, ["--headless", "--dump-dom", url]).stdout
/// ```
public final class ChildProcess {
    /// `.build/<triple>/debug/marginalia`, next to the test bundle.
    public static let marginaliaPath: String = {
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

    /// The full path of a program on `PATH`, or nil.
    public static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public let process = Process()
    private let scratch = TemporaryDirectory()

    /// Starts `program arguments…` (by default `marginalia`) in `directory`, with `input` on
    /// standard input and `environment` over the inherited one. `MARGINALIA_PLUGIN_PATH` is
    /// removed so that the caller's shell never leaks plugins into a test.
    public init(program: String = ChildProcess.marginaliaPath, _ arguments: [String], in directory: String? = nil,
                input: Data? = nil, environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var inherited = ProcessInfo.processInfo.environment
        inherited["MARGINALIA_PLUGIN_PATH"] = nil
        inherited.merge(environment) { _, new in new }
        process.environment = inherited
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.write("stdout", "")))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.write("stderr", "")))
        if let input {
            let inputFile = scratch.file("stdin")
            _ = FileManager.default.createFile(atPath: inputFile, contents: input)
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: inputFile))
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
    }

    public var isRunning: Bool { process.isRunning }

    public func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// What the child wrote to standard error so far.
    public var errorSoFar: String { Self.contents(scratch.file("stderr")) }

    /// Waits for the end.
    @discardableResult
    public func wait() -> CommandResult {
        process.waitUntilExit()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return CommandResult(status: status, stdout: Self.contents(scratch.file("stdout")), stderr: errorSoFar)
    }

    /// Waits for the end, at most `seconds`: nil when the child was still running then (it is
    /// killed with SIGKILL, so that a hanging child never hangs the tests).
    ///
    /// ```swift
    /// guard let result = child.wait(atMost: 10) else { return XCTFail("still running after 10 s") }
    /// ```
    public func wait(atMost seconds: TimeInterval) -> CommandResult? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return wait()
    }

    /// Runs `program arguments…` (by default `marginalia`) to its end.
    public static func run(program: String = ChildProcess.marginaliaPath, _ arguments: [String], in directory: String? = nil,
                           input: Data? = nil, environment: [String: String] = [:]) throws -> CommandResult {
        try ChildProcess(program: program, arguments, in: directory, input: input, environment: environment).wait()
    }

    private static func contents(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }
}

/// Runs the `marginalia` executable in `directory` to its end, with `input` on standard input.
///
/// ```swift
/// let result = try marginalia(["annotate", "seeds"], in: directory.path)
/// XCTAssertEqual(result.status, 0, result.stderr)
/// ```
public func marginalia(_ arguments: [String], in directory: String, input: String? = nil,
                       environment: [String: String] = [:]) throws -> CommandResult {
    try ChildProcess.run(arguments, in: directory, input: input.map { Data($0.utf8) } ?? Data(), environment: environment)
}
