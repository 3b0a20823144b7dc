import Foundation
import Marginalia
import MarginaliaLua

/// Installs plugins from a source (`PluginSource`) into a plugin folder of the project
/// (`./Plugins` by default) and records them in `marginalia.lock`: what `marginalia plugins
/// install`, `sync`, `update` and `remove` do.
///
/// Installing a plugin checks it first, in the scratch copy of its source: it must load, be
/// named after its file, find what it `requires` (in the source or on the search path) and
/// pass its examples. Then its folder is copied to `DIR/NAME/` (a single-file plugin becomes
/// a folder with the files it reads), each library it `uses` to `DIR/lib/LIB/`, and the lock
/// gets its source, the git commit, its version and SHA-256.
///
/// ```swift
/// let installer = PluginInstaller(destination: "Plugins")
/// let installed = try installer.install(try PluginSource(parsing: "https://example.org/ports.git@v1.0.0"))
/// print(installed.map(\.entry.version))   // ["1.0.0"]
/// ```
public struct PluginInstaller {
    /// The folder plugins go to (a folder on the search path).
    public var destination: String
    /// The lock file recording them.
    public var lockPath: String
    /// Replace another plugin or library of the same name.
    public var force = false
    public var limits = SandboxLimits()
    /// Search-path entries before `destination` and the default ones (`--plugins`, the
    /// project file's `plugins`), where requirements and libraries are also looked for.
    public var searchPath: [String] = []
    public var environment: [String: String] = ProcessInfo.processInfo.environment
    public var currentDirectory: String = FileManager.default.currentDirectoryPath

    public init(destination: String = "Plugins", lockPath: String = PluginLock.defaultName) {
        self.destination = destination
        self.lockPath = lockPath
    }

    /// What one install did.
    public struct Installed: Sendable {
        /// The lock entry written (source, commit, version, SHA-256, files).
        public var entry: PluginLock.Entry
        /// The entry it replaced, if the lock had one.
        public var previous: PluginLock.Entry?
        public var examplesPassed: Int
        /// Libraries copied into `DIR/lib/`.
        public var librariesInstalled: [String]
        /// Notes for the user (no examples, shadowed by another plugin, …).
        public var warnings: [String]
    }

    /// Installs the plugins of `source` (only `names`, when given) and records them in the lock.
    public func install(_ source: PluginSource, names: Set<String>? = nil) throws(InstallError) -> [Installed] {
        let staged: StagedSource
        do { staged = try StagedSource(source) } catch { throw InstallError("\(error)") }
        defer { staged.discard() }
        return try install(staged, names: names)
    }

    /// Installs plugins from an already staged source. With `expecting`, a plugin whose
    /// SHA-256 differs from the lock entry's is refused before anything is copied.
    func install(_ staged: StagedSource, names: Set<String>?, expecting locked: [String: PluginLock.Entry] = [:],
                 replacing: Bool = false, recordInLock: Bool = true) throws(InstallError) -> [Installed] {
        var lock: PluginLock
        do { lock = try PluginLock.loadIfPresent(path: absolute(lockPath)) } catch { throw InstallError("\(error)") }
        let files = staged.pluginFiles.filter { names?.contains(Self.stem($0)) ?? true }
        if let names, let missing = names.sorted().first(where: { name in !files.contains { Self.stem($0) == name } }) {
            throw InstallError("\(staged.source): no plugin '\(missing)' in it (it has: \(staged.pluginFiles.map(Self.stem).joined(separator: ", ")))")
        }
        var results: [Installed] = []
        for file in files {
            let checked = try check(file, from: staged)
            if let expected = locked[checked.plugin.name], expected.sha256 != checked.plugin.identity.sha256 {
                let lines = PluginLock.fileDifferences(locked: expected.files, now: checked.plugin.files)
                throw InstallError("\(checked.plugin.name): \(staged.source)\(staged.commit.map { " at commit \($0.prefix(12))" } ?? "") gives sha256 \(PluginLock.short(checked.plugin.identity.sha256)), the lock says \(PluginLock.short(expected.sha256)); refusing to install it"
                                   + (lines.isEmpty ? "" : "\n  " + lines.joined(separator: "\n  ")))
            }
            let result = try place(checked, previous: lock[checked.plugin.name], source: staged, replacing: replacing)
            results.append(result)
            if recordInLock { lock.set(result.entry) }
        }
        if recordInLock {
            do { try lock.render().write(toFile: absolute(lockPath), atomically: true, encoding: .utf8) } catch {
                throw InstallError("\(lockPath): cannot write the lock: \(error.localizedDescription)")
            }
        }
        return results
    }

    /// A plugin of the staged source, loaded and with its examples passed.
    struct Checked {
        var plugin: PluginDescriptor
        var file: String
        var examplesPassed: Int
        var warnings: [String]
    }

    /// Loads `file`, finds what it requires and runs its examples, as `plugins check` does.
    func check(_ file: String, from staged: StagedSource) throws(InstallError) -> Checked {
        let locator = PluginLocator(explicit: staged.pluginFiles + searchPath + [absolute(destination)],
                                    environment: environment, currentDirectory: currentDirectory)
        let libraryPath = [staged.root] + locator.libraryPath
        let plugin: PluginDescriptor
        do {
            plugin = try PluginSet.probe(limits: limits, libraryPath: libraryPath).load(path: file)
        } catch {
            throw InstallError("\(staged.source): \(error)")
        }
        guard plugin.name == Self.stem(file) else {
            throw InstallError("\(staged.source): \(file) is named '\(plugin.name)' in its manifest; a plugin file must be named after its plugin (\(plugin.name).lua)")
        }
        // The plugin being installed, then what it requires from the source or the search path.
        let found = [PluginLocator.Found(name: plugin.name, path: file)] + locator.locate().plugins.filter { $0.name != plugin.name }
        let results: [ExampleResult]
        do {
            let set = try PluginSet(named: [plugin.name], among: found, limits: limits, libraryPath: libraryPath) { requiring, required in
                PluginError(kind: .dependency, message: "plugin '\(requiring.name)' requires '\(required)', which is neither in the source nor on the search path; install it first")
            }
            results = try PluginExampleRunner(set: set).run(plugins: [plugin.name])
        } catch {
            throw InstallError("\(staged.source): \(error)")
        }
        let failures = results.filter { !$0.passed }
        if !failures.isEmpty {
            let lines = failures.flatMap { result in result.failures.map { "example \(result.number): \($0)" } }
            throw InstallError("\(staged.source): plugin '\(plugin.name)' fails \(failures.count) of its \(results.count) examples, so it was not installed:\n  " + lines.joined(separator: "\n  "))
        }
        var warnings: [String] = []
        if results.isEmpty { warnings.append("\(plugin.name) has no examples: nothing checked that it tags what it should") }
        return Checked(plugin: plugin, file: file, examplesPassed: results.count, warnings: warnings)
    }

    /// Copies a checked plugin and its libraries into `destination` and makes its lock entry.
    private func place(_ checked: Checked, previous: PluginLock.Entry?, source staged: StagedSource, replacing: Bool) throws(InstallError) -> Installed {
        let plugin = checked.plugin
        let manager = FileManager.default
        let target = (absolute(destination) as NSString).appendingPathComponent(plugin.name)
        let targetFile = (target as NSString).appendingPathComponent(plugin.name + ".lua")
        let singleFile = absolute(destination) + "/" + plugin.name + ".lua"
        let sameSource = previous?.source?.location == staged.source.location && previous.map { absolute($0.path) } == targetFile
        for existing in [target, singleFile] where manager.fileExists(atPath: existing) && !(force || replacing || sameSource) {
            let origin = previous?.source.map { "installed from \($0)" } ?? "not installed from a source"
            throw InstallError("\(display(existing)) already holds a plugin named '\(plugin.name)' (\(origin)); pass --force to replace it with the one from \(staged.source)")
        }
        let folder = (checked.file as NSString).deletingLastPathComponent
        let libraryPrefixes = plugin.uses.map { "\(PluginLocator.libraryFolderName)/\($0)/" }
        let files: [String]
        do {
            if PluginLocator.pluginFile(inFolder: folder) == checked.file {
                files = try FileTree.files(in: folder)
            } else {   // a single NAME.lua: it and the files it reads become the folder NAME/
                files = [plugin.name + ".lua"] + plugin.dataFiles.filter { path in !libraryPrefixes.contains { path.hasPrefix($0) } }
            }
        } catch {
            throw InstallError("\(staged.source): \(error)")
        }
        var libraries: [String] = []
        for name in plugin.uses {
            guard let from = plugin.libraryFolders[name] else { continue }
            let to = (absolute(destination) as NSString).appendingPathComponent("\(PluginLocator.libraryFolderName)/\(name)")
            if (from as NSString).standardizingPath == (to as NSString).standardizingPath || FileTree.sameContents(from, to) { continue }
            if manager.fileExists(atPath: to) && !force {
                throw InstallError("\(display(to)) already holds a different library '\(name)', which other plugins may use; pass --force to replace it with the one \(plugin.name) uses (from \(display(from)))")
            }
            do { try FileTree.replace(to, with: from) } catch { throw InstallError("\(error)") }
            libraries.append(name)
        }
        do {
            if manager.fileExists(atPath: singleFile) { try FileTree.remove(singleFile) }
            try FileTree.replace(target, withFiles: files, from: folder)
        } catch {
            throw InstallError("\(error)")
        }
        let installed: PluginDescriptor
        do {
            let host = try PluginHost(limits: limits)
            host.onLog = { _, _ in }
            host.libraryPath = [absolute(destination)]
            installed = try host.load(path: targetFile)
        } catch {
            throw InstallError("\(display(targetFile)): the installed copy does not load: \(error)")
        }
        guard installed.identity.sha256 == plugin.identity.sha256 else {
            let lines = PluginLock.fileDifferences(locked: Dictionary(plugin.files.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a }), now: installed.files)
            throw InstallError("\(display(targetFile)): the installed copy reads other files than the checked one:\n  " + lines.joined(separator: "\n  "))
        }
        var entry = PluginLock.Entry(plugin: installed)
        entry.path = display(targetFile)
        entry.source = PluginSource(kind: staged.source.kind, location: staged.source.location, ref: staged.ref)
        entry.commit = staged.commit
        var warnings = checked.warnings
        let first = PluginLocator(explicit: searchPath, environment: environment, currentDirectory: currentDirectory).locate().plugins
            .first { $0.name == plugin.name }
        if let first, absolute(first.path) != targetFile {
            warnings.append("another plugin named '\(plugin.name)' comes first on the search path (\(first.path)); runs use that one")
        }
        return Installed(entry: entry, previous: previous, examplesPassed: checked.examplesPassed, librariesInstalled: libraries, warnings: warnings)
    }

    static func stem(_ file: String) -> String { ((file as NSString).lastPathComponent as NSString).deletingPathExtension }

    /// `path` from the current directory.
    func absolute(_ path: String) -> String {
        ((path.hasPrefix("/") ? path : (currentDirectory as NSString).appendingPathComponent(path)) as NSString).standardizingPath
    }

    /// `path` relative to the current directory when it lies below it.
    func display(_ path: String) -> String {
        let full = absolute(path), base = absolute(".") + "/"
        return full.hasPrefix(base) ? String(full.dropFirst(base.count)) : full
    }
}

/// Why an install, sync, update or remove failed, naming the source or plugin.
public struct InstallError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
