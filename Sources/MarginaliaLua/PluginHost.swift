import Marginalia

/// Runs plugins in one sandboxed Lua state: loads and validates them, then annotates
/// documents with all of them in order. The work is done in the rooms of this module —
/// `Sandbox/` (the state and its limits), `Plugin/` (loading), `DocumentAPI/` (what
/// scripts can call), `Snippet/` (eval and REPL) over `Bridge/` (the C API); this is
/// their front door.
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
    let sandbox: Sandbox
    private var plugins: [LoadedPlugin] = []
    private var snippets: SnippetRunner

    /// Creates a host with an empty, sandboxed Lua state.
    public init(limits: SandboxLimits = SandboxLimits()) throws(PluginError) {
        sandbox = try Sandbox(limits: limits)
        snippets = SnippetRunner(sandbox: sandbox)
    }

    /// The limits every plugin runs under.
    public var limits: SandboxLimits { sandbox.limits }

    /// Stops this host's plugins from another thread (see ``PluginStopHandle``).
    public var stopHandle: PluginStopHandle { sandbox.stopHandle }

    /// Bytes the Lua state holds now (all loaded plugins and their data).
    public var memoryInUse: Int { sandbox.lua.memoryInUse }

    /// Bytes the host holds for the plugins now, outside the Lua state: their compiled
    /// lexicons (while a script holds them) and, during a document, its annotations, tokens
    /// and lexicon matches. The memory limit bounds ``memoryInUse`` and this together.
    ///
    /// ```swift
    /// _ = host.annotate(document)
    /// host.hostMemoryInUse   // the lexicons the plugins keep; the document's share is given back
    /// ```
    public var hostMemoryInUse: Int { sandbox.lua.hostBytes }

    /// The highest ``memoryInUse`` plus ``hostMemoryInUse`` this host has reached.
    public var peakMemoryWithHost: Int { sandbox.lua.peakMemoryWithHost }

    /// Distinct compiled lexicons the plugins' scripts hold now (a lexicon whose every
    /// handle was collected is no longer counted).
    ///
    /// ```swift
    /// host.liveLexiconCount   // 1 for a plugin with one lexicon made at its top level
    /// ```
    public var liveLexiconCount: Int { sandbox.host.lexiconHandles.lexiconCount }

    /// A full garbage collection of the Lua state (lexicon handles no script can reach give
    /// their lexicons back). The sandbox collects on its own; this is for tests and tools.
    public func collectGarbage() { sandbox.lua.collectGarbage() }

    /// The plugins loaded so far, in run order.
    public var descriptors: [PluginDescriptor] { plugins.map(\.descriptor) }

    /// How many plugin scripts this process has run so far (every plugin loaded into any
    /// host): a resumed run that knows its plugins from the store runs none.
    ///
    /// ```swift
    /// let before = PluginHost.scriptRuns
    /// _ = try PluginHost().load(path: "Plugins/defense/defense.lua")
    /// PluginHost.scriptRuns - before   // 1
    /// ```
    public static var scriptRuns: Int { PluginLoader.scriptRuns.value }

    /// Folders whose `lib/` subfolder `marginalia.use` searches after the plugin's own
    /// (default: the search path of `PluginLocator()`).
    public var libraryPath: [String] {
        get { sandbox.host.libraryPath }
        set { sandbox.host.libraryPath = newValue }
    }

    /// Messages from `ctx.log` and `print`, with the plugin that wrote them (standard error
    /// by default).
    public var onLog: (String, String) -> Void {
        get { sandbox.host.onLog }
        set { sandbox.host.onLog = newValue }
    }

    /// Loads, runs and validates the plugin file at `path`; `params` override its defaults.
    /// Throws a `PluginError` naming the file and line on a syntax error, a failing top
    /// level, or an invalid manifest.
    @discardableResult
    public func load(path: String, params overrides: [String: JSONValue] = [:]) throws(PluginError) -> PluginDescriptor {
        let plugin = try PluginLoader(sandbox: sandbox).load(path: path, params: overrides, after: plugins)
        plugins.append(plugin)
        return plugin.descriptor
    }

    /// Loads a plugin from source text; `path` names it in errors and anchors data files.
    @discardableResult
    public func load(source: String, path: String, params overrides: [String: JSONValue] = [:]) throws(PluginError) -> PluginDescriptor {
        let plugin = try PluginLoader(sandbox: sandbox).load(source: source, path: path, params: overrides, after: plugins)
        plugins.append(plugin)
        return plugin.descriptor
    }

    /// Annotates one document with every loaded plugin, in load order. Each plugin's
    /// output is all or nothing: on an error or a limit hit it yields a failure naming
    /// plugin, document and cause, and the next plugin still runs.
    public func annotate(_ document: Document) -> [Result<PluginOutput, ProcessingError>] {
        guard measuresPluginCPU else {
            return sandbox.withDocument(document) { context, docRef in plugins.map { sandbox.run($0, on: context, docRef: docRef) } }
        }
        if pluginCPUSeconds.count != plugins.count { pluginCPUSeconds = Array(repeating: 0, count: plugins.count) }
        return sandbox.withDocument(document) { context, docRef in
            sandbox.run(plugins, on: context, docRef: docRef, addingCPUSecondsTo: &pluginCPUSeconds)
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

    /// Runs every loaded plugin on `document`, then `code` in the same sandbox, with `doc`
    /// and `ctx` as globals. The snippet may emit any label and read every label the loaded
    /// plugins produced. An expression is evaluated as if prefixed with `return`, as in
    /// Lua's own REPL. Limits apply as for plugins. With `keepingGlobals`, globals the
    /// snippet defines stay for the next call (a REPL session); otherwise, as in plugins,
    /// defining one is an error.
    ///
    /// ```swift
    /// let host = try PluginHost()
    /// let outcome = try host.evaluate("#doc:tokens()", on: Document(id: "d", text: "Two words.")).get()
    /// print(outcome.values)   // ["3"]
    /// ```
    public func evaluate(_ code: String, on document: Document, keepingGlobals: Bool = false) -> Result<SnippetOutcome, ProcessingError> {
        snippets.evaluate(code, on: document, after: plugins, keepingGlobals: keepingGlobals)
    }
}
