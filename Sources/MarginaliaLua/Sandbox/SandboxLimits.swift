/// Per-document limits every plugin runs under.
///
/// ```swift
/// let strict = SandboxLimits(instructions: 1_000_000, memoryBytes: 32 << 20)
/// let host = try PluginHost(limits: strict)
/// ```
public struct SandboxLimits: Sendable, Hashable {
    /// Lua VM instructions one plugin may execute on one document (0 = unlimited).
    public var instructions: Int
    /// Bytes one Lua state (all plugins of one worker) may hold (0 = unlimited).
    public var memoryBytes: Int

    /// Defaults: 200 million instructions (seconds of work) and 256 MB.
    public init(instructions: Int = 200_000_000, memoryBytes: Int = 256 << 20) {
        self.instructions = instructions
        self.memoryBytes = memoryBytes
    }
}
