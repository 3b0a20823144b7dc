import Marginalia

/// What `PluginHost.evaluate` produced: the loaded plugins' outputs, then the snippet's own.
public struct SnippetOutcome: Sendable {
    /// One result per loaded plugin, in run order (as `annotate` returns them).
    public var pluginResults: [Result<PluginOutput, ProcessingError>]
    /// The values the snippet returned, rendered for display (`nil`, `42`, `"text"`, JSON).
    public var values: [String]
    /// The annotations the snippet made with `doc:annotate` and `doc:label`.
    public var annotations: [Annotation]
}

/// Runs snippets (`marginalia eval`, `marginalia repl`) in a sandbox after its plugins:
/// `doc` and `ctx` are globals, any label may be emitted, every loaded label may be read,
/// and an expression is evaluated as if prefixed with `return`, as in Lua's own REPL.
///
/// ```swift
/// var snippets = SnippetRunner(sandbox: sandbox)
/// let outcome = snippets.evaluate("#doc:tokens()", on: Document(id: "d", text: "Two words."), after: [], keepingGlobals: false)
/// ```
struct SnippetRunner {
    /// The identity of snippets.
    static let snippetPlugin = PluginDescriptor(
        identity: PluginIdentity(name: "eval", version: "0", sha256: ""),
        description: "a snippet", labels: [], requires: [], params: [:], examples: [], path: "eval", dataFiles: [])

    let sandbox: Sandbox
    /// The globals of a session (`keepingGlobals: true`), made on first use.
    private var sessionEnvRef: Int32?
    private var lua: LuaState { sandbox.lua }

    init(sandbox: Sandbox) {
        self.sandbox = sandbox
    }

    /// Runs `plugins` on `document`, then `code`. With `keepingGlobals`, globals the
    /// snippet defines stay for the next call; otherwise, as in plugins, defining one is an error.
    mutating func evaluate(_ code: String, on document: Document, after plugins: [LoadedPlugin], keepingGlobals: Bool) -> Result<SnippetOutcome, ProcessingError> {
        sandbox.withDocument(document) { context, docRef in
            evaluate(code, in: context, docRef: docRef, after: plugins, keepingGlobals: keepingGlobals)
        }
    }

    private mutating func evaluate(_ code: String, in context: DocumentContext, docRef: Int32, after plugins: [LoadedPlugin], keepingGlobals: Bool) -> Result<SnippetOutcome, ProcessingError> {
        let document = context.document
        let pluginResults = plugins.map { sandbox.run($0, on: context, docRef: docRef) }

        let snippet = LoadedPlugin(descriptor: Self.snippetPlugin, annotateRef: 0, ctxRef: 0, source: code)
        if let failure = compile(code, docRef: docRef, keepingGlobals: keepingGlobals) {
            return .failure(sandbox.processingError(failure, plugin: snippet, document: document))
        }
        var readable: [String: String] = [:]
        for plugin in plugins { for label in plugin.descriptor.labels { readable[label] = plugin.descriptor.name } }
        snippet.access = LabelAccess(readable: readable)
        context.begin(plugin: snippet, acceptsAnyLabel: true)
        let functionIndex = lua.top
        if let failure = sandbox.run(arguments: 0, results: LuaState.allResults) {
            context.discardCurrent()
            return .failure(sandbox.processingError(failure, plugin: snippet, document: document))
        }
        let values = (functionIndex..<max(functionIndex, lua.top + 1)).map { lua.display(at: $0) }
        return .success(SnippetOutcome(pluginResults: pluginResults, values: values, annotations: context.finishCurrent()))
    }

    /// Compiles `code` (as `return code` when that parses) into a function whose
    /// environment is a fresh plugin environment holding `doc` and `ctx`. Leaves it on the stack.
    private mutating func compile(_ code: String, docRef: Int32, keepingGlobals: Bool) -> ScriptFailure? {
        var status = lua.load(text: "return " + code, chunkName: "=eval")
        if status != .loaded {
            lua.pop()
            status = lua.load(text: code, chunkName: "=eval")
        }
        guard status == .loaded else {
            let message = lua.string(at: -1) ?? "cannot compile"
            lua.pop()
            return ScriptFailure(kind: .syntax, message: message)
        }
        if keepingGlobals {
            if sessionEnvRef == nil {
                lua.push(reference: sandbox.prelude.makeSessionEnv)
                guard lua.call(arguments: 0, results: 1) else {
                    return ScriptFailure(kind: .sandbox, message: lua.string(at: -1) ?? "cannot make environment")
                }
                sessionEnvRef = lua.makeReference()
            }
            lua.push(reference: sessionEnvRef!)
        } else if let message = sandbox.pushEnvironment(for: "eval") {
            return ScriptFailure(kind: .sandbox, message: message)
        }
        lua.rawSet("doc", in: -1) { lua.push(reference: docRef) }
        lua.rawSet("ctx", in: -1) { _ = sandbox.pushContext(for: "eval", params: [:]) }   // make_ctx only builds tables
        lua.setEnvironment(ofFunctionAt: -2)   // the snippet's _ENV
        return nil
    }
}
