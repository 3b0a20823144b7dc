import Foundation
import Marginalia
import MarginaliaLua

/// How a run chose its plugins, before any is loaded: the plugin files found on the search
/// path, `--only`, the parameter overrides as given, the project file, the library search
/// path, the sandbox limits and the engine itself. Its ``sha256`` keys the plugin set the
/// store records for a resumed run (``RecordedPluginSet``): the same selection over the same
/// files loads the same plugins, so anything here that differs is a different selection.
///
/// ```swift
/// let found = PluginLocator(explicit: ["Plugins"]).locate().plugins
/// let selection = PluginSelection(found: found.map { ($0.name, $0.path) }, only: nil, paramAssignments: [],
///                                 projectFile: "marginalia.toml", libraryPath: [], limits: SandboxLimits())
/// selection.sha256   // the key of this selection's recorded plugin set
/// ```
public struct PluginSelection: Sendable {
    /// The plugin files on the search path (first of each name), by name, in search order.
    public var found: [(name: String, path: String)]
    /// `--only`'s names as given, or nil for every plugin found.
    public var only: [String]?
    /// `--param` assignments as given, in order.
    public var paramAssignments: [String]
    /// The project file read for parameters and limits (its bytes are part of the key).
    public var projectFile: String
    /// Where `marginalia.use` looks after the plugins' folders.
    public var libraryPath: [String]?
    public var limits: SandboxLimits

    public init(found: [(name: String, path: String)], only: [String]?, paramAssignments: [String], projectFile: String,
                libraryPath: [String]?, limits: SandboxLimits) {
        self.found = found
        self.only = only
        self.paramAssignments = paramAssignments
        self.projectFile = projectFile
        self.libraryPath = libraryPath
        self.limits = limits
    }

    /// SHA-256 of everything above, with the engine's version and the identity of its
    /// executable (another build may load plugins otherwise).
    public var sha256: String {
        var parts = ["marginalia plugin selection 1", MarginaliaVersion.current, Self.executableIdentity]
        parts += ["found", String(found.count)] + found.flatMap { [$0.name, $0.path] }
        parts += only.map { ["only", String($0.count)] + $0 } ?? ["all"]
        parts += ["params", String(paramAssignments.count)] + paramAssignments
        let project = FileManager.default.contents(atPath: projectFile).map { ContentHash.sha256Hex([UInt8]($0)) } ?? "none"
        parts += ["project", projectFile, project]
        parts += libraryPath.map { ["library path", String($0.count)] + $0 } ?? ["default library path"]
        parts += ["limits", String(limits.instructions), String(limits.memoryBytes), String(limits.seconds)]
        return ContentHash.sha256Hex(parts: parts.map { Array($0.utf8) })
    }

    /// The running executable's device, inode, size and modification time.
    static let executableIdentity: String = {
        #if os(Linux)
        let path = "/proc/self/exe"
        #else
        let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
        #endif
        guard let file = FileIdentity(path: path) else { return "unknown executable" }
        return "\(file.device) \(file.inode) \(file.size) \(file.modifiedSeconds).\(file.modifiedNanoseconds)"
    }()
}
