import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program run on a pseudo-terminal, as a person at a terminal runs it: its standard
/// input, output and error are the terminal, so it sees `isatty` and line editing works;
/// the test types keys and reads the screen output back.
///
/// ```swift
/// let repl = try PseudoTerminal(["repl", "--text", "Two words."], environment: ["HOME": home])
/// repl.type("doc:tok\t")
/// XCTAssertTrue(try repl.waitFor("doc:tokens("))
/// ```
public final class PseudoTerminal {
    public let process = Process()
    private let master: Int32
    private var output: [UInt8] = []

    public init(program: String = ChildProcess.marginaliaPath, _ arguments: [String], in directory: String? = nil,
                environment: [String: String] = [:]) throws {
        var master: Int32 = 0, slave: Int32 = 0
        guard openpty(&master, &slave, nil, nil, nil) == 0 else { throw LoopbackHTTP.Failure(description: "openpty: \(errno)") }
        self.master = master
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var inherited = ProcessInfo.processInfo.environment
        inherited["MARGINALIA_PLUGIN_PATH"] = nil
        inherited["TERM"] = "xterm"
        inherited.merge(environment) { _, new in new }
        process.environment = inherited
        (process.standardInput, process.standardOutput, process.standardError) = (terminal, terminal, terminal)
        try process.run()
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        close(master)
    }

    /// Sends keys (`\t` is Tab, `\n` Enter, `\u{1b}[A` the up arrow).
    public func type(_ keys: String) {
        let bytes = Array(keys.utf8)
        _ = bytes.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
    }

    /// Everything the program wrote so far.
    public var screen: String {
        drain()
        return String(decoding: output, as: UTF8.self)
    }

    /// Waits until the output (after `from` bytes) contains `text`, for at most `seconds`.
    public func waitFor(_ text: String, after from: Int = 0, seconds: Double = 30) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            drain()
            if String(decoding: output.dropFirst(from), as: UTF8.self).contains(text) { return true }
            usleep(50_000)
        }
        return false
    }

    /// How many bytes were read so far (for `waitFor(_:after:)`).
    public var mark: Int { drain(); return output.count }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(master, &buffer, buffer.count)
            if count <= 0 { return }
            output += buffer[0..<count]
        }
    }
}
