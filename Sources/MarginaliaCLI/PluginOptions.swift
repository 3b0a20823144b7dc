import ArgumentParser
import Foundation
import Marginalia
import MarginaliaBatch
import MarginaliaLua

/// Which plugins to use, with which parameters and under which limits.
struct PluginOptions: ParsableArguments {
    @Option(name: .long, parsing: .upToNextOption,
            help: ArgumentHelp("Plugin files or folders, searched before $MARGINALIA_PLUGIN_PATH, ./Plugins and the bundled plugins.", valueName: "path"))
    var plugins: [String] = []

    @Option(name: .long, help: ArgumentHelp("Use only these plugins (comma-separated names); what they require is added.", valueName: "names"))
    var only: String?

    @Option(name: .customLong("param"),
            help: ArgumentHelp("Override a plugin parameter (repeatable; beats marginalia.toml), e.g. defense.min_hits=3.", valueName: "plugin.name=value"))
    var paramAssignments: [String] = []

    @Option(name: .long, help: ArgumentHelp("Project file with plugin paths and parameters.", valueName: "file"))
    var config: String = ProjectFile.defaultName

    @Option(name: .long, help: ArgumentHelp("Lua instructions one plugin may run on one document.", valueName: "n"))
    var maxInstructions: Int = SandboxLimits().instructions

    @Option(name: .long, help: ArgumentHelp("Memory one worker's plugins may use, in MB: their Lua state and what the host holds for them, such as lexicons, annotations and a document's tokens.", valueName: "mb"))
    var maxMemory: Int = SandboxLimits().memoryBytes >> 20

    @Option(name: .long, help: ArgumentHelp(
        "Wall-clock seconds one plugin may take on one document, wherever it is (Lua code, a pattern function, a host call); 0 = no limit. Default: [limits] max_seconds in marginalia.toml, else \(SandboxLimits.text(seconds: SandboxLimits().seconds)).",
        valueName: "s"))
    var maxSeconds: Double?

    /// The limits: the flags, else marginalia.toml's `[limits]`, else the defaults.
    var limits: SandboxLimits {
        let seconds = maxSeconds ?? (try? projectFile())?.flatMap(\.maxSeconds) ?? SandboxLimits().seconds
        return SandboxLimits(instructions: maxInstructions, memoryBytes: maxMemory << 20, seconds: seconds)
    }

    /// Refuses a negative or non-finite `--max-seconds`.
    mutating func validate() throws {
        if let maxSeconds, !(maxSeconds.isFinite && maxSeconds >= 0) {
            throw ValidationError("--max-seconds must be a number of seconds, 0 or more (0 = no limit), got \(maxSeconds)")
        }
    }

    /// The project file, when there is one.
    func projectFile() throws -> ProjectFile? {
        do { return try ProjectFile.load(path: config) } catch { throw CommandFailure("\(error)") }
    }

    /// The search path's locator, with `extraPaths` searched first.
    func locator(before extraPaths: [String] = []) throws -> PluginLocator {
        PluginLocator(explicit: extraPaths + plugins + (try projectFile()?.plugins ?? []))
    }

    /// Every plugin file on the search path (first of each name), printing shadowing warnings.
    func located(before extraPaths: [String] = []) throws -> [PluginLocator.Found] {
        let (found, warnings) = try locator(before: extraPaths).locate()
        for warning in warnings { Console.warn(warning) }
        return found
    }

    /// Locates, selects and validates the plugins with their parameters (`found`: the search
    /// path's plugins when already located).
    func pluginSet(found: [PluginLocator.Found]? = nil) throws -> PluginSet {
        try pluginSet(names: onlyNames, found: found)
    }

    /// `--only`'s names, or nil.
    var onlyNames: [String]? { only.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } }

    /// The plugins named by command-line `targets` — names on the search path, or `.lua`
    /// files and plugin folders (searched first) — with what they require, and the selected
    /// names (the file stem for a file). No targets: every plugin on the search path, and no names.
    func pluginSet(targets: [String]) throws -> (set: PluginSet, names: [String]) {
        let paths = targets.filter { $0.hasSuffix(".lua") || $0.contains("/") }
        let names = targets.map { target in
            let file = PluginLocator.pluginFile(inFolder: target) ?? target
            return paths.contains(target) ? ((file as NSString).lastPathComponent as NSString).deletingPathExtension : target
        }
        return (try pluginSet(names: names.isEmpty ? nil : names, extraPaths: paths), names)
    }

    /// The plugins called `names` (all when nil) and what they require (`PluginSet`
    /// resolves that); `extraPaths` are searched first.
    func pluginSet(names: [String]?, extraPaths: [String] = [], found located: [PluginLocator.Found]? = nil) throws -> PluginSet {
        let found = try located ?? self.located(before: extraPaths)
        if let names {
            for name in names where !found.contains(where: { $0.name == name }) {
                throw CommandFailure("no plugin named '\(name)' on the search path (found: \(found.map(\.name).joined(separator: ", ")))")
            }
        }
        guard !(names ?? found.map(\.name)).isEmpty else {
            throw CommandFailure("no plugins found; pass --plugins PATH or set MARGINALIA_PLUGIN_PATH")
        }
        let libraryPath = try locator(before: extraPaths).libraryPath
        do {
            let defaults = try names.map { try PluginSet(named: $0, among: found, limits: limits, libraryPath: libraryPath) }
                ?? PluginSet(paths: found.map(\.path), limits: limits, libraryPath: libraryPath)
            let params = try parameters(checkedAgainst: defaults.descriptors, onSearchPath: Set(found.map(\.name)))
            return params.isEmpty ? defaults : try defaults.applying(params: params)
        } catch let error as CommandFailure {
            throw error
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    /// marginalia.toml's `[params.*]`, then `--param`, each checked against the plugins' declared params.
    /// Project-file settings for plugins on the search path but not in use are ignored.
    private func parameters(checkedAgainst plugins: [PluginDescriptor], onSearchPath: Set<String>) throws -> [String: [String: JSONValue]] {
        var project = try projectFile()
        let inUse = Set(plugins.map(\.name))
        if let all = project?.params { project?.params = all.filter { inUse.contains($0.key) || !onSearchPath.contains($0.key) } }
        func check(_ plugin: String, _ name: String, _ value: JSONValue, from origin: @autoclosure () -> String) throws {
            guard let descriptor = plugins.first(where: { $0.name == plugin }) else {
                throw CommandFailure("\(origin()): no plugin '\(plugin)' among the plugins in use (\(plugins.map(\.name).joined(separator: ", ")))")
            }
            guard let defaultValue = descriptor.params[name] else {
                let known = descriptor.params.keys.sorted().joined(separator: ", ")
                throw CommandFailure("\(origin()): plugin '\(plugin)' (\(descriptor.path)) has no parameter '\(name)' (it has: \(known.isEmpty ? "none" : known))")
            }
            if let mismatch = ParamType.mismatch(value, default: defaultValue) {
                throw CommandFailure("\(origin()): parameter '\(name)' of plugin '\(plugin)' \(mismatch)")
            }
        }
        if let project {
            for (plugin, settings) in project.params.sorted(by: { $0.key < $1.key }) {
                for (name, value) in settings.sorted(by: { $0.key < $1.key }) {
                    // The file is read again for the line only when there is an error to report.
                    try check(plugin, name, value, from: project.path + (project.line(ofParam: name, plugin: plugin).map { ":\($0)" } ?? ""))
                }
            }
        }
        var assignments: [ParamAssignment] = []
        for text in paramAssignments {
            do { assignments.append(try ParamAssignment(parsing: text)) } catch { throw CommandFailure("\(error)") }
        }
        for index in assignments.indices {
            let assignment = assignments[index]
            // A string parameter takes the text as given, even when it reads as a number.
            if let descriptor = plugins.first(where: { $0.name == assignment.plugin }),
               case .string? = descriptor.params[assignment.name] {
                assignments[index].value = .string(assignment.text)
            }
            try check(assignment.plugin, assignment.name, assignments[index].value,
                      from: "--param \(TerminalText.safeLine(assignment.plugin)).\(TerminalText.safeLine(assignment.name))=\(TerminalText.safeLine(assignment.text))")
        }
        return ParamAssignment.merge(assignments, over: project?.params ?? [:])
    }
}

/// Writing to standard error.
enum Console {
    static func warn(_ message: String) { error("warning: " + message) }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data((TerminalText.safe(message) + "\n").utf8))
    }
}
