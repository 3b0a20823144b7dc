/// Per-document limits every plugin runs under.
///
/// ```swift
/// let strict = SandboxLimits(instructions: 1_000_000, memoryBytes: 32 << 20, seconds: 5)
/// let host = try PluginHost(limits: strict)
/// ```
public struct SandboxLimits: Sendable, Hashable {
    /// Lua VM instructions one plugin may execute on one document (0 = unlimited). Steps of
    /// the pattern functions (`string.find`, `gsub`, …) count as instructions too.
    public var instructions: Int
    /// Bytes one Lua state (all plugins of one worker) may hold (0 = unlimited), together
    /// with what the host holds for them: the compiled lexicons their scripts keep, the
    /// annotations and features they emitted on the document, and its tokens, sentences and
    /// lexicon matches once a plugin asked for them.
    public var memoryBytes: Int
    /// Wall-clock seconds one plugin may take on one document (0 = unlimited), wherever it
    /// is: Lua code, a pattern function or a host call.
    public var seconds: Double

    /// Defaults: 200 million instructions (seconds of work), 512 MB and 30 seconds. (The
    /// bundled `un_votes` holds about 255 MB, Lua and host together, on a 10 MB document.)
    public init(instructions: Int = 200_000_000, memoryBytes: Int = 512 << 20, seconds: Double = 30) {
        self.instructions = instructions
        self.memoryBytes = memoryBytes
        self.seconds = seconds
    }

    /// Seconds as messages and commands print them.
    ///
    /// ```swift
    /// SandboxLimits.text(seconds: 30)    // "30"
    /// SandboxLimits.text(seconds: 0.5)   // "0.5"
    /// ```
    public static func text(seconds: Double) -> String {
        seconds == seconds.rounded() && abs(seconds) < 1e15 ? String(Int64(seconds)) : String(seconds)
    }
}
