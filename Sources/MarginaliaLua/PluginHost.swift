import CLua
import CLuaShim
import Foundation
import Marginalia

/// Runs plugins in one sandboxed Lua state: loads and validates them, then annotates
/// documents with all of them in order.
///
/// A host is not thread-safe and must stay on the thread that made it. For parallel
/// work, make one host per worker thread (the batch engine does).
///
/// ```swift
/// let host = try PluginHost()
/// let defense = try host.load(path: "Plugins/defense/defense.lua")
/// for result in host.annotate(Document(id: "d1", text: "Missiles and tanks.")) {
///     switch result {
///     case .success(let output): print(output.annotations.count)
///     case .failure(let error): print(error)
///     }
/// }
/// ```
public final class PluginHost {
    /// The limits every plugin runs under.
    public let limits: SandboxLimits
    let lua: LuaState
    var plugins: [LoadedPlugin] = []
    var lexicons: [Lexicon] = []
    /// The lexicons of the loaded plugins matched in one pass per document.
    var lexiconGroup: LexiconGroup?
    /// Set while a plugin file loads (for `marginalia.load_terms`, `include` and `use`).
    var loading: LoadContext?
    /// Folders whose `lib/` subfolder `marginalia.use` searches after the plugin's own
    /// (default: the search path of `PluginLocator()`).
    public lazy var libraryPath: [String] = PluginLocator().libraryPath
    /// Set while a document is annotated.
    var current: DocumentContext?
    /// Messages from `ctx.log` and `print`, with the plugin that wrote them.
    public var onLog: (String, String) -> Void = { plugin, message in
        FileHandle.standardError.write(Data("[\(plugin)] \(message)\n".utf8))
    }

    var makeEnvRef: Int32 = 0
    var makeSessionEnvRef: Int32 = 0
    var apiSurfaceRef: Int32 = 0
    /// The globals of `evaluate(_:on:keepingGlobals: true)`, made on first use.
    var sessionEnvRef: Int32?
    private var makeDocRef: Int32 = 0
    var makeCtxRef: Int32 = 0
    var lexiconMetatableRef: Int32 = 0

    /// Creates a host with an empty, sandboxed Lua state.
    public init(limits: SandboxLimits = SandboxLimits()) throws(PluginError) {
        self.limits = limits
        lua = try LuaState(memoryLimit: limits.memoryBytes)
        lua.sandbox.pointee.host = Unmanaged.passUnretained(self).toOpaque()
        mg_open_safe_libs(lua.L)
        try installPrelude()
    }

    /// Bytes the Lua state holds now (all loaded plugins and their data).
    public var memoryInUse: Int { lua.memoryInUse }

    /// The plugins loaded so far, in run order.
    public var descriptors: [PluginDescriptor] { plugins.map(\.descriptor) }

    private func installPrelude() throws(PluginError) {
        let source = SandboxPrelude.source
        let status = source.utf8CString.withUnsafeBufferPointer {
            mg_load_text(lua.L, $0.baseAddress, $0.count - 1, "=marginalia-prelude")
        }
        guard status == LUA_OK else {
            throw PluginError(kind: .sandbox, message: "prelude: \(lua.string(at: -1) ?? "?")")
        }
        lua.newTable()
        let hostFunctions: [(String, HostFunction)] = [
            ("annotate", .annotate), ("label", .label), ("annotations", .annotations),
            ("sentences", .sentences), ("tokens", .tokens), ("lexicon", .lexicon),
            ("find_all", .lexiconFindAll), ("load_terms", .loadTerms), ("include", .include), ("use", .use), ("log", .log), ("print", .print),
        ]
        for (name, function) in hostFunctions {
            lua.push(function)
            lua.setField(name, in: -2)
        }
        lua.push(MarginaliaVersion.current)
        lua.setField("version", in: -2)
        guard mg_pcall(lua.L, 1, 1) == LUA_OK else {
            throw PluginError(kind: .sandbox, message: "prelude: \(lua.string(at: -1) ?? "?")")
        }
        let constructors: [(String, ReferenceWritableKeyPath<PluginHost, Int32>)] = [
            ("make_env", \.makeEnvRef), ("make_session_env", \.makeSessionEnvRef), ("make_doc", \.makeDocRef),
            ("make_ctx", \.makeCtxRef), ("lexicon_metatable", \.lexiconMetatableRef), ("api_surface", \.apiSurfaceRef),
        ]
        for (key, keyPath) in constructors {
            lua.getField(key, in: -1)
            self[keyPath: keyPath] = lua.makeReference()
        }
        lua.pop()
    }

    // MARK: Loading

    /// Loads, runs and validates the plugin file at `path`; `params` override its defaults.
    /// Throws a `PluginError` naming the file and line on a syntax error, a failing top
    /// level, or an invalid manifest.
    @discardableResult
    public func load(path: String, params overrides: [String: JSONValue] = [:]) throws(PluginError) -> PluginDescriptor {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PluginError(kind: .unreadable, message: "cannot read plugin file", file: path)
        }
        let bytes = [UInt8](data)
        if let offset = UTF8Validation.firstInvalidByteOffset(bytes) {
            throw PluginError(kind: .unreadable, message: "invalid UTF-8 at byte offset \(offset)", file: path)
        }
        let source = String(decoding: bytes, as: UTF8.self)
        return try load(source: source, path: path, params: overrides)
    }

    /// Loads a plugin from source text; `path` names it in errors and anchors data files.
    @discardableResult
    public func load(source: String, path: String, params overrides: [String: JSONValue] = [:]) throws(PluginError) -> PluginDescriptor {
        let base = lua.top
        defer { lua.top = base }
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        lua.push(reference: makeEnvRef)
        lua.push(stem)
        guard mg_pcall(lua.L, 1, 1) == LUA_OK else {
            throw PluginError(kind: .sandbox, message: lua.string(at: -1) ?? "cannot make environment", file: path)
        }
        let status = source.utf8CString.withUnsafeBufferPointer {
            mg_load_text(lua.L, $0.baseAddress, $0.count - 1, "@" + path)
        }
        guard status == LUA_OK else {
            let message = lua.string(at: -1) ?? "cannot load"
            throw PluginError.fromLua(message, kind: status == LUA_ERRSYNTAX ? .syntax : .sandbox, file: path, source: source)
        }
        lua_pushvalue(lua.L, -2)                  // env, chunk, env
        let envRef = lua.makeReference()          // for marginalia.include
        defer { mg_unref(lua.L, envRef) }
        lua_rotate(lua.L, -2, 1)                  // chunk, env
        _ = lua_setupvalue(lua.L, -2, 1)          // chunk's _ENV = env
        let folder = (path as NSString).deletingLastPathComponent
        loading = LoadContext(directory: folder, pluginFile: path, pluginFolder: folder, environmentRef: envRef)
        defer { loading = nil }
        let outcome = runScript(arguments: 0, results: 1)
        if let failure = outcome {
            throw PluginError.fromLua(failure.message, kind: failure.kind, file: path, source: source)
        }
        var manifest = try readManifest(at: lua.top, path: path)
        let unknown = Set(overrides.keys).subtracting(manifest.params.keys)
        if let name = unknown.sorted().first {
            let known = manifest.params.keys.sorted().joined(separator: ", ")
            throw PluginError(kind: .manifest, message: "unknown parameter '\(name)' for plugin '\(manifest.name)' (it has: \(known.isEmpty ? "none" : known))", file: path)
        }
        manifest.params.merge(overrides) { _, override in override }
        let dataFiles = loading?.dataFiles ?? []
        let libraries = loading?.libraries ?? []
        try checkUses(manifest.uses, used: libraries.map(\.name), path: path)
        let sha256 = dataFiles.isEmpty
            ? ContentHash.sha256Hex(Array(source.utf8))
            : ContentHash.sha256Hex(parts: [Array(source.utf8)] + dataFiles.flatMap { [Array($0.path.utf8), $0.bytes] })
        let descriptor = PluginDescriptor(
            identity: PluginIdentity(name: manifest.name, version: manifest.version, sha256: sha256),
            description: manifest.description, labels: manifest.labels, requires: manifest.requires,
            params: manifest.params, examples: manifest.examples, path: path, dataFiles: dataFiles.map(\.path),
            uses: manifest.uses, libraryFolders: Dictionary(libraries.map { ($0.name, $0.folder) }, uniquingKeysWith: { first, _ in first }),
            files: PluginFile.list(main: (path as NSString).lastPathComponent, source: Array(source.utf8), data: dataFiles))
        if plugins.contains(where: { $0.descriptor.name == manifest.name }) {
            throw PluginError(kind: .manifest, message: "a plugin named '\(manifest.name)' is already loaded", file: path)
        }
        // ctx = make_ctx(name, params)
        lua.push(reference: makeCtxRef)
        lua.push(manifest.name)
        lua.push(json: .object(manifest.params))
        guard mg_pcall(lua.L, 2, 1) == LUA_OK else {
            throw PluginError(kind: .sandbox, message: lua.string(at: -1) ?? "cannot make ctx", file: path)
        }
        let ctxRef = lua.makeReference()
        lua.getField("annotate", in: -1)
        let annotateRef = lua.makeReference()
        var loaded = LoadedPlugin(descriptor: descriptor, annotateRef: annotateRef, ctxRef: ctxRef, source: source)
        lua.getField("setup", in: -1)
        if lua.type(at: -1) == LUA_TFUNCTION {
            lua.push(reference: ctxRef)
            if let failure = runScript(arguments: 1, results: 0) {
                throw PluginError.fromLua("setup failed: " + failure.message, kind: failure.kind, file: path, source: source)
            }
        }
        // Plugins load after those they require, so what this one may read is known now.
        loaded.access = LabelAccess(readable: readableLabels(for: descriptor))
        plugins.append(loaded)
        return descriptor
    }

    /// Calls the function below `arguments` values on the stack under the instruction
    /// budget and memory limit. Returns nil on success, or why it failed.
    func runScript(arguments: Int32, results: Int32) -> (kind: PluginError.Kind, message: String)? {
        let sandbox = lua.sandbox
        sandbox.pointee.limit_hit = 0
        mg_budget_start(lua.L, Int64(limits.instructions))
        let status = mg_pcall_traceback(lua.L, arguments, results)
        mg_budget_stop(lua.L)
        let budgetHit = sandbox.pointee.budget_hit != 0
        let memoryHit = sandbox.pointee.limit_hit != 0
        if status == LUA_OK && !budgetHit && !memoryHit { return nil }
        var message = status == LUA_OK ? "" : (lua.string(at: -1) ?? "error object is not a string")
        if status != LUA_OK { lua.pop() }
        if status == LUA_OK && results > 0 { lua.pop(results) }
        // Keep the first line of the traceback as the message.
        if let newline = message.firstIndex(of: "\n") { message = String(message[..<newline]) }
        mg_gc_collect(lua.L)
        if memoryHit {
            return (.memoryLimit, "memory limit of \(limits.memoryBytes >> 20) MB exceeded" + (message.isEmpty || message == "not enough memory" ? "" : " (\(message))"))
        }
        if budgetHit {
            return (.instructionLimit, message.contains("instruction limit") ? message : "instruction limit of \(limits.instructions) exceeded (\(message))")
        }
        return (.runtime, message)
    }

    // MARK: Annotating

    /// Annotates one document with every loaded plugin, in load order. Each plugin's
    /// output is all or nothing: on an error or a limit hit it yields a failure naming
    /// plugin, document and cause, and the next plugin still runs.
    public func annotate(_ document: Document) -> [Result<PluginOutput, ProcessingError>] {
        withDocument(document) { context, docRef in
            guard measuresPluginCPU else { return plugins.map { run($0, on: context, docRef: docRef) } }
            if pluginCPUSeconds.count != plugins.count { pluginCPUSeconds = Array(repeating: 0, count: plugins.count) }
            var before = CPUClock.threadSeconds()
            return plugins.indices.map { index in
                let result = run(plugins[index], on: context, docRef: docRef)
                let after = CPUClock.threadSeconds()
                pluginCPUSeconds[index] += after - before
                before = after
                return result
            }
        }
    }

    /// When true, ``annotate(_:)`` adds each plugin's CPU seconds (this thread's) to
    /// ``pluginCPUSeconds``. The shared lexicon scan of a document is charged to the first
    /// plugin that asks for matches.
    ///
    /// ```swift
    /// host.measuresPluginCPU = true
    /// _ = host.annotate(document)
    /// for (plugin, seconds) in zip(host.descriptors, host.pluginCPUSeconds) { print(plugin.name, seconds) }
    /// ```
    public var measuresPluginCPU = false
    /// CPU seconds per loaded plugin (in run order) spent in ``annotate(_:)`` while
    /// ``measuresPluginCPU`` was on.
    public private(set) var pluginCPUSeconds: [Double] = []

    /// Makes `document` the current one (its context and its Lua `doc` table, as `docRef`)
    /// for the duration of `body`, then restores the Lua stack.
    func withDocument<T>(_ document: Document, _ body: (DocumentContext, Int32) -> T) -> T {
        let base = lua.top
        defer { lua.top = base }
        prepareLexiconGroup()
        let context = DocumentContext(document: document)
        current = context
        defer { current = nil }
        pushDocument(of: context)
        let docRef = lua.makeReference()
        defer { mg_unref(lua.L, docRef) }
        return body(context, docRef)
    }

    /// Runs one loaded plugin on the document in `context` (pushed as `docRef`).
    func run(_ plugin: LoadedPlugin, on context: DocumentContext, docRef: Int32) -> Result<PluginOutput, ProcessingError> {
        let document = context.document
        context.begin(plugin: plugin.descriptor, access: plugin.access)
        lua.push(reference: plugin.annotateRef)
        lua.push(reference: docRef)
        lua.push(reference: plugin.ctxRef)
        if let failure = runScript(arguments: 2, results: 0) {
            context.discardCurrent()
            return .failure(processingError(failure, plugin: plugin, document: document))
        }
        return .success(PluginOutput(
            documentID: document.id, textSHA256: document.textSHA256, plugin: plugin.descriptor.identity,
            paramsSHA256: plugin.paramsSHA256, annotations: context.finishCurrent()))
    }

    /// A script failure as the batch records it: plugin, document, file:line and cause.
    func processingError(_ failure: (kind: PluginError.Kind, message: String), plugin: LoadedPlugin, document: Document) -> ProcessingError {
        let error = PluginError.fromLua(failure.message, kind: failure.kind, file: plugin.descriptor.path, source: plugin.source)
        return ProcessingError(
            kind: failure.kind.processingKind,
            message: "plugin '\(plugin.descriptor.name)' on document '\(document.id)': \(error.description)",
            documentID: document.id, source: document.metadata.source,
            plugin: plugin.descriptor.name, line: error.line)
    }

    /// Pushes the Lua `doc` table of the document in `context` (its text from the context's bytes).
    func pushDocument(of context: DocumentContext) {
        let document = context.document
        lua.push(reference: makeDocRef)
        lua.newTable(fieldCount: 5)
        lua.push(document.id)
        lua.setField("id", in: -2)
        context.utf8.withUnsafeBufferPointer { lua.push(bytes: $0) }
        lua.setField("text", in: -2)
        lua.push(document.metadata.title ?? "")
        lua.setField("title", in: -2)
        lua.push(document.metadata.language ?? "und")
        lua.setField("lang", in: -2)
        lua.push(json: .object(document.metadata.jsonObject))
        lua.setField("meta", in: -2)
        _ = mg_pcall(lua.L, 1, 1)   // make_doc only builds tables; it cannot fail here
    }

    /// Labels a plugin may read with `doc:annotations`: those of the plugins it requires.
    func readableLabels(for plugin: PluginDescriptor) -> [String: String] {
        var labels: [String: String] = [:]
        for required in plugin.requires {
            guard let producer = plugins.first(where: { $0.descriptor.name == required }) else { continue }
            for label in producer.descriptor.labels { labels[label] = required }
        }
        return labels
    }
}

/// A plugin loaded into a host: its descriptor and the registry references of its code.
struct LoadedPlugin {
    var descriptor: PluginDescriptor
    var annotateRef: Int32
    var ctxRef: Int32
    var source: String
    var access = LabelAccess(readable: [:])
    /// `descriptor.paramsSHA256`, hashed once rather than for every document.
    let paramsSHA256: String

    init(descriptor: PluginDescriptor, annotateRef: Int32, ctxRef: Int32, source: String) {
        self.descriptor = descriptor
        self.annotateRef = annotateRef
        self.ctxRef = ctxRef
        self.source = source
        paramsSHA256 = descriptor.paramsSHA256
    }
}

/// What a plugin file may read while it loads.
struct LoadContext {
    /// The folder relative paths start from: the plugin's, or a library's while its top level runs.
    var directory: String
    /// The plugin file and its folder.
    var pluginFile: String
    var pluginFolder: String
    /// Prefix of the recorded paths of files read now ("lib/NAME/" inside a library).
    var recordPrefix = ""
    /// The plugin's global table, which included files share.
    var environmentRef: Int32
    var dataFiles: [(path: String, bytes: [UInt8])] = []
    /// Libraries loaded with `marginalia.use`, in order, with the folder each was found in.
    var libraries: [(name: String, folder: String)] = []
    /// Files being included, outermost first (to report cycles).
    var including: [String] = []
}

extension PluginError.Kind {
    var processingKind: ProcessingError.Kind {
        switch self {
        case .instructionLimit: return .instructionLimit
        case .memoryLimit: return .memoryLimit
        default: return .plugin
        }
    }
}
