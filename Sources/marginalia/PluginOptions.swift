import ArgumentParser
import Foundation
import Marginalia
import MarginaliaBatch
import MarginaliaLua

/// Which plugins to use and under which limits.
struct PluginOptions: ParsableArguments {
    @Option(name: .long, parsing: .upToNextOption,
            help: ArgumentHelp("Plugin files or folders, searched before $MARGINALIA_PLUGIN_PATH, ./Plugins and the bundled plugins.", valueName: "path"))
    var plugins: [String] = []

    @Option(name: .long, help: ArgumentHelp("Use only these plugins (comma-separated names).", valueName: "names"))
    var only: String?

    @Option(name: .long, help: ArgumentHelp("Lua instructions one plugin may run on one document.", valueName: "n"))
    var maxInstructions: Int = SandboxLimits().instructions

    @Option(name: .long, help: ArgumentHelp("Memory one worker's Lua state may use, in MB.", valueName: "mb"))
    var maxMemory: Int = SandboxLimits().memoryBytes >> 20

    var limits: SandboxLimits { SandboxLimits(instructions: maxInstructions, memoryBytes: maxMemory << 20) }

    /// Locates, selects and validates the plugins; prints search-path warnings.
    func pluginSet() throws -> PluginSet {
        let (found, warnings) = PluginLocator(explicit: plugins).locate()
        for warning in warnings { Console.warn(warning) }
        var selected = found
        if let only {
            let names = only.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            for name in names where !found.contains(where: { $0.name == name }) {
                throw ValidationError("no plugin named '\(name)' on the search path (found: \(found.map(\.name).joined(separator: ", ")))")
            }
            selected = found.filter { names.contains($0.name) }
        }
        guard !selected.isEmpty else {
            throw ValidationError("no plugins found; pass --plugins PATH or set MARGINALIA_PLUGIN_PATH")
        }
        do {
            return try PluginSet(paths: selected.map(\.path), limits: limits)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}

/// Writing to standard error.
enum Console {
    static func warn(_ message: String) { error("warning: " + message) }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
