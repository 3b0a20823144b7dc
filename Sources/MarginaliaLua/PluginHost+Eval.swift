import CLua
import CLuaShim
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

extension PluginHost {
    /// The identity of snippets run by `evaluate`.
    static let snippetPlugin = PluginDescriptor(
        identity: PluginIdentity(name: "eval", version: "0", sha256: ""),
        description: "a snippet", labels: [], requires: [], params: [:], examples: [], path: "eval", dataFiles: [])

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
        withDocument(document) { context, docRef in
            evaluate(code, in: context, docRef: docRef, keepingGlobals: keepingGlobals)
        }
    }

    private func evaluate(_ code: String, in context: DocumentContext, docRef: Int32, keepingGlobals: Bool) -> Result<SnippetOutcome, ProcessingError> {
        let document = context.document
        let pluginResults = plugins.map { run($0, on: context, docRef: docRef) }

        let snippet = LoadedPlugin(descriptor: Self.snippetPlugin, annotateRef: 0, ctxRef: 0, source: code)
        if let failure = compileSnippet(code, docRef: docRef, keepingGlobals: keepingGlobals) {
            return .failure(processingError(failure, plugin: snippet, document: document))
        }
        var readable: [String: String] = [:]
        for plugin in plugins { for label in plugin.descriptor.labels { readable[label] = plugin.descriptor.name } }
        context.begin(plugin: Self.snippetPlugin, access: LabelAccess(readable: readable), acceptsAnyLabel: true)
        let functionIndex = lua.top
        if let failure = runScript(arguments: 0, results: LUA_MULTRET) {
            context.discardCurrent()
            return .failure(processingError(failure, plugin: snippet, document: document))
        }
        let values = (functionIndex..<max(functionIndex, lua.top + 1)).map { render(at: $0) }
        return .success(SnippetOutcome(pluginResults: pluginResults, values: values, annotations: context.finishCurrent()))
    }

    /// Compiles `code` (as `return code` when that parses) into a function whose
    /// environment is a fresh plugin environment holding `doc` and `ctx`. Leaves it on the stack.
    private func compileSnippet(_ code: String, docRef: Int32, keepingGlobals: Bool) -> (kind: PluginError.Kind, message: String)? {
        var status = load(chunk: "return " + code)
        if status != LUA_OK {
            lua.pop()
            status = load(chunk: code)
        }
        guard status == LUA_OK else {
            let message = lua.string(at: -1) ?? "cannot compile"
            lua.pop()
            return (.syntax, message)
        }
        if keepingGlobals {
            if sessionEnvRef == nil {
                lua.push(reference: makeSessionEnvRef)
                guard mg_pcall(lua.L, 0, 1) == LUA_OK else { return (.sandbox, lua.string(at: -1) ?? "cannot make environment") }
                sessionEnvRef = lua.makeReference()
            }
            lua.push(reference: sessionEnvRef!)
        } else {
            lua.push(reference: makeEnvRef)
            lua.push("eval")
            guard mg_pcall(lua.L, 1, 1) == LUA_OK else { return (.sandbox, lua.string(at: -1) ?? "cannot make environment") }
        }
        rawSet("doc", in: -1) { lua.push(reference: docRef) }
        rawSet("ctx", in: -1) {
            lua.push(reference: makeCtxRef)
            lua.push("eval")
            lua.newTable()
            _ = mg_pcall(lua.L, 2, 1)   // make_ctx only builds tables
        }
        _ = lua_setupvalue(lua.L, -2, 1)   // the snippet's _ENV
        return nil
    }

    private func load(chunk: String) -> Int32 {
        chunk.utf8CString.withUnsafeBufferPointer { mg_load_text(lua.L, $0.baseAddress, $0.count - 1, "=eval") }
    }

    /// Sets `table[key]` without metamethods (plugin environments refuse new globals).
    private func rawSet(_ key: String, in table: Int32, value pushValue: () -> Void) {
        let absolute = lua_absindex(lua.L, table)
        lua.push(key)
        pushValue()
        lua_rawset(lua.L, absolute)
    }

    /// The contents behind a read-only view (`doc.meta`, `ctx.params`): an empty table whose
    /// metatable's `__index` is a table.
    private func renderReadOnlyProxy(at index: Int32) -> String? {
        let absolute = lua_absindex(lua.L, index)
        guard lua.type(at: absolute) == LUA_TTABLE else { return nil }
        lua.pushNil()
        if lua_next(lua.L, absolute) != 0 { lua.pop(2); return nil }
        guard lua_getmetatable(lua.L, absolute) != 0 else { return nil }
        defer { lua.pop(2) }
        lua.push("__index")
        lua_rawget(lua.L, -2)
        guard lua.type(at: -1) == LUA_TTABLE, case .success(let value) = lua.json(at: -1) else { return nil }
        return value.serialized()
    }

    /// A value for display, without calling any metamethod (no script runs here).
    private func render(at index: Int32) -> String {
        switch lua.type(at: index) {
        case LUA_TNIL: return "nil"
        case LUA_TSTRING: return lua.string(at: index) ?? ""
        case LUA_TNUMBER, LUA_TBOOLEAN, LUA_TTABLE:
            if let proxied = renderReadOnlyProxy(at: index) { return proxied }
            switch lua.json(at: index) {
            case .success(let value): return value.serialized()
            case .failure(let error): return "<table: \(error.message)>"
            }
        default: return "<\(lua.typeName(at: index))>"
        }
    }
}
