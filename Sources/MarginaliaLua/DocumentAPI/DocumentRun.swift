import Marginalia

/// One document through the loaded plugins: its Swift context and Lua `doc` table made
/// once, then each plugin's `annotate` under the limits, all or nothing per plugin.
///
/// ```swift
/// let results = sandbox.withDocument(document) { context, docRef in
///     plugins.map { sandbox.run($0, on: context, docRef: docRef) }
/// }
/// ```
extension Sandbox {
    /// Makes `document` the current one (its context and its Lua `doc` table, as `docRef`)
    /// for the duration of `body`, then restores the Lua stack.
    func withDocument<T>(_ document: Document, _ body: (DocumentContext, Int32) -> T) -> T {
        let base = lua.top
        defer { lua.top = base }
        host.prepareLexiconGroup()
        let context = DocumentContext(document: document, memory: lua)
        host.current = context
        defer {
            host.current = nil
            context.close()   // what was charged for this document goes back to the budget
        }
        pushDocument(of: context)
        let docRef = lua.makeReference()
        defer { lua.releaseReference(docRef) }
        return body(context, docRef)
    }

    /// Runs one loaded plugin on the document in `context` (pushed as `docRef`).
    func run(_ plugin: LoadedPlugin, on context: DocumentContext, docRef: Int32) -> Result<PluginOutput, ProcessingError> {
        let document = context.document
        context.begin(plugin: plugin)
        lua.push(reference: plugin.annotateRef)
        lua.push(reference: docRef)
        lua.push(reference: plugin.ctxRef)
        if let failure = run(arguments: 2, results: 0) {
            context.discardCurrent()
            return .failure(processingError(failure, plugin: plugin, document: document))
        }
        return .success(PluginOutput(
            documentID: document.id, textSHA256: document.textSHA256, plugin: plugin.descriptor.identity,
            paramsSHA256: plugin.paramsSHA256, annotations: context.finishCurrent()))
    }

    /// Runs `plugins` in order like `run(_:on:docRef:)`, adding each one's CPU seconds (this
    /// thread's) to `cpuSeconds` (one slot per plugin).
    func run(_ plugins: [LoadedPlugin], on context: DocumentContext, docRef: Int32, addingCPUSecondsTo cpuSeconds: inout [Double]) -> [Result<PluginOutput, ProcessingError>] {
        var before = CPUClock.threadSeconds()
        return plugins.indices.map { index in
            let result = run(plugins[index], on: context, docRef: docRef)
            let after = CPUClock.threadSeconds()
            cpuSeconds[index] += after - before
            before = after
            return result
        }
    }

    /// A script failure as the batch records it: plugin, document, file:line and cause.
    func processingError(_ failure: ScriptFailure, plugin: LoadedPlugin, document: Document) -> ProcessingError {
        let error = PluginError.fromLua(failure.message, kind: failure.kind, file: plugin.descriptor.path, source: plugin.source)
        return ProcessingError(
            kind: failure.kind.processingKind,
            message: "plugin '\(plugin.descriptor.name)' on document '\(document.id)': \(error.description)",
            documentID: document.id, source: document.metadata.input,
            plugin: plugin.descriptor.name, line: error.line)
    }

    /// Pushes the Lua `doc` table of the document in `context` (its text from the context's bytes).
    private func pushDocument(of context: DocumentContext) {
        let document = context.document
        lua.push(reference: prelude.makeDoc)
        lua.newTable(fieldCount: 5)
        lua.push(document.id)
        lua.setField("id", in: -2)
        context.withUTF8 { lua.push(bytes: $0) }
        lua.setField("text", in: -2)
        lua.push(document.metadata.title ?? "")
        lua.setField("title", in: -2)
        lua.push(document.metadata.language ?? "und")
        lua.setField("lang", in: -2)
        lua.push(metadata: document.metadata)
        lua.setField("meta", in: -2)
        _ = lua.call(arguments: 1, results: 1)   // make_doc only builds tables; it cannot fail here
    }
}

extension PluginError.Kind {
    /// How the batch records a script failure of this kind.
    var processingKind: ProcessingError.Kind {
        switch self {
        case .instructionLimit: return .instructionLimit
        case .memoryLimit: return .memoryLimit
        case .timeLimit: return .timeLimit
        case .interrupted: return .interrupted
        default: return .plugin
        }
    }
}
