import Foundation
import Marginalia

/// Loads a plugin file into a sandbox: runs its top level in an environment of its own,
/// validates the manifest, applies parameter overrides, hashes the source with the data
/// files it read, makes its `ctx` and runs its `setup`.
///
/// ```swift
/// let loader = PluginLoader(sandbox: try Sandbox(limits: SandboxLimits()))
/// let plugin = try loader.load(path: "Plugins/defense/defense.lua", params: [:], after: [])
/// print(plugin.descriptor.identity)
/// ```
struct PluginLoader {
    let sandbox: Sandbox
    private var lua: LuaState { sandbox.lua }

    /// Loads the file at `path`; `earlier` are the plugins loaded before it (names must be
    /// unique, and what it may read comes from those it requires).
    func load(path: String, params overrides: [String: JSONValue], after earlier: [LoadedPlugin]) throws(PluginError) -> LoadedPlugin {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PluginError(kind: .unreadable, message: "cannot read plugin file", file: path)
        }
        let bytes = [UInt8](data)
        if let offset = UTF8Validation.firstInvalidByteOffset(bytes) {
            throw PluginError(kind: .unreadable, message: "invalid UTF-8 at byte offset \(offset)", file: path)
        }
        return try load(source: String(decoding: bytes, as: UTF8.self), path: path, params: overrides, after: earlier)
    }

    /// Loads a plugin from source text; `path` names it in errors and anchors data files.
    func load(source: String, path: String, params overrides: [String: JSONValue], after earlier: [LoadedPlugin]) throws(PluginError) -> LoadedPlugin {
        Self.scriptRuns.increment()
        let base = lua.top
        defer { lua.top = base }
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        if let message = sandbox.pushEnvironment(for: stem) {
            throw PluginError(kind: .sandbox, message: message, file: path)
        }
        let status = lua.load(text: source, chunkName: "@" + path)
        guard status == .loaded else {
            let message = lua.string(at: -1) ?? "cannot load"
            throw PluginError.fromLua(message, kind: status == .syntaxError ? .syntax : .sandbox, file: path, source: source)
        }
        lua.pushCopy(of: -2)                      // env, chunk, env
        let envRef = lua.makeReference()          // for marginalia.include
        defer { lua.releaseReference(envRef) }
        lua.rotate(-2, by: 1)                     // chunk, env
        lua.setEnvironment(ofFunctionAt: -2)      // chunk's _ENV = env
        let folder = (path as NSString).deletingLastPathComponent
        sandbox.host.loading = LoadContext(directory: folder, pluginFile: path, pluginFolder: folder, environmentRef: envRef,
                                           reads: [(path, Array(source.utf8))])
        defer { sandbox.host.loading = nil }
        if let failure = sandbox.run(arguments: 0, results: 1) {
            throw PluginError.fromLua(failure.message, kind: failure.kind, file: path, source: source)
        }
        var manifest = try PluginManifest.read(from: lua, at: lua.top, path: path)
        let unknown = Set(overrides.keys).subtracting(manifest.params.keys)
        if let name = unknown.sorted().first {
            let known = manifest.params.keys.sorted().joined(separator: ", ")
            throw PluginError(kind: .manifest, message: "unknown parameter '\(name)' for plugin '\(manifest.name)' (it has: \(known.isEmpty ? "none" : known))", file: path)
        }
        manifest.params.merge(overrides) { _, override in override }
        let dataFiles = sandbox.host.loading?.dataFiles ?? []
        let libraries = sandbox.host.loading?.libraries ?? []
        try PluginManifest.checkUses(manifest.uses, used: libraries.map(\.name), path: path)
        let descriptor = PluginDescriptor(
            identity: PluginIdentity(name: manifest.name, version: manifest.version, sha256: Self.sha256(source: source, dataFiles: dataFiles)),
            description: manifest.description, labels: manifest.labels, requires: manifest.requires,
            params: manifest.params, examples: manifest.examples, path: path, dataFiles: dataFiles.map(\.path),
            uses: manifest.uses, libraryFolders: Dictionary(libraries.map { ($0.name, $0.folder) }, uniquingKeysWith: { first, _ in first }),
            files: PluginFile.list(main: (path as NSString).lastPathComponent, source: Array(source.utf8), data: dataFiles),
            loadReads: PluginLoadRead.list(sandbox.host.loading?.reads ?? []))
        if earlier.contains(where: { $0.descriptor.name == manifest.name }) {
            throw PluginError(kind: .manifest, message: "a plugin named '\(manifest.name)' is already loaded", file: path)
        }
        if let message = sandbox.pushContext(for: manifest.name, params: manifest.params) {
            throw PluginError(kind: .sandbox, message: message, file: path)
        }
        let ctxRef = lua.makeReference()
        lua.getField("annotate", in: -1)
        let annotateRef = lua.makeReference()
        let loaded = LoadedPlugin(descriptor: descriptor, annotateRef: annotateRef, ctxRef: ctxRef, source: source)
        lua.getField("setup", in: -1)
        if lua.type(at: -1) == .function {
            lua.push(reference: ctxRef)
            if let failure = sandbox.run(arguments: 1, results: 0) {
                throw PluginError.fromLua("setup failed: " + failure.message, kind: failure.kind, file: path, source: source)
            }
        }
        // Plugins load after those they require, so what this one may read is known now.
        loaded.access = LabelAccess(readable: Self.readableLabels(for: descriptor, among: earlier))
        return loaded
    }

    /// Plugin scripts run so far in this process (every load of a plugin file, in any host).
    static let scriptRuns = LoadCounter()

    /// A plugin's SHA-256: of its source alone, or of the source and every data file it
    /// read (path and bytes), so that editing a term list is a new identity.
    static func sha256(source: String, dataFiles: [(path: String, bytes: [UInt8])]) -> String {
        dataFiles.isEmpty
            ? ContentHash.sha256Hex(Array(source.utf8))
            : ContentHash.sha256Hex(parts: [Array(source.utf8)] + dataFiles.flatMap { [Array($0.path.utf8), $0.bytes] })
    }

    /// Labels a plugin may read with `doc:annotations`: those of the plugins it requires.
    static func readableLabels(for plugin: PluginDescriptor, among loaded: [LoadedPlugin]) -> [String: String] {
        var labels: [String: String] = [:]
        for required in plugin.requires {
            guard let producer = loaded.first(where: { $0.descriptor.name == required }) else { continue }
            for label in producer.descriptor.labels { labels[label] = required }
        }
        return labels
    }
}

/// A count shared by every thread.
final class LoadCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
