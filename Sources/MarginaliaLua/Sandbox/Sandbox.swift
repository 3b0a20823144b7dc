import Marginalia

/// One sandboxed Lua state: the safe libraries, the prelude's read-only globals and
/// constructors, the host functions of `HostAPI`, and the limits every script runs under.
/// What plugins may touch is decided here and in `prelude.lua`; CLuaShim enforces the
/// memory limit and the instruction budget.
///
/// ```swift
/// let sandbox = try Sandbox(limits: SandboxLimits())
/// _ = sandbox.lua.load(text: "return 1", chunkName: "=example")
/// sandbox.run(arguments: 0, results: 1)   // nil: it worked
/// ```
final class Sandbox {
    let limits: SandboxLimits
    let lua: LuaState
    let host: HostContext
    /// The prelude's constructors (registry references).
    let prelude: SandboxPrelude.Constructors
    /// Stops the scripts of this sandbox from another thread.
    let stopHandle = PluginStopHandle()

    init(limits: SandboxLimits) throws(PluginError) {
        self.limits = limits
        lua = try LuaState(memoryLimit: limits.memoryBytes)
        lua.obey(stopHandle)
        let host = HostContext(lua: lua)
        self.host = host
        lua.onHostCall = { [unowned host] id in HostAPI.call(id, in: host) }
        prelude = try SandboxPrelude.install(in: lua)
        host.lexiconMetatableRef = prelude.lexiconMetatable
        // A lexicon handle that is collected gives its lexicon back (see LexiconHandles).
        lua.push(reference: prelude.lexiconMetatable)
        lua.push(hostFinalizer: HostAPI.releaseLexiconID)
        lua.setField("__gc", in: -2)
        lua.pop()
        // Features handles (marginalia.features) likewise, with a metatable no script sees.
        lua.newTable(fieldCount: 3)
        lua.push(hostFinalizer: HostAPI.releaseFeaturesID)
        lua.setField("__gc", in: -2)
        lua.push("marginalia.features")
        lua.setField("__name", in: -2)
        lua.push(false)
        lua.setField("__metatable", in: -2)
        host.featuresMetatableRef = lua.makeReference()
    }

    /// Calls the function below `arguments` values on the stack under the instruction
    /// budget, the time limit, the memory limit and the stop flag. Returns nil on success,
    /// or why it failed.
    func run(arguments: Int32, results: Int32) -> ScriptFailure? {
        let call = lua.callLimited(arguments: arguments, results: results,
                                   instructionBudget: limits.instructions, seconds: limits.seconds)
        if call.succeeded && !call.budgetHit && !call.memoryHit && !call.timeHit && !call.stopHit { return nil }
        var message = call.succeeded ? "" : (lua.string(at: -1) ?? "error object is not a string")
        if !call.succeeded { lua.pop() }
        if call.succeeded && results > 0 { lua.pop(results) }
        // Keep the first line of the traceback as the message.
        if let newline = message.firstIndex(of: "\n") { message = String(message[..<newline]) }
        let share = call.memoryHit ? host.memoryShare : ""   // before the collection frees the script's data
        lua.collectGarbage()
        if call.stopHit {
            return ScriptFailure(kind: .interrupted, message: message.isEmpty ? "stopped: the run was interrupted" : message)
        }
        if call.timeHit {
            return ScriptFailure(kind: .timeLimit, message: message.contains("time limit")
                ? message : "time limit of \(SandboxLimits.text(seconds: limits.seconds)) s exceeded (\(message))")
        }
        if call.memoryHit {
            if message.contains("memory limit of") { return ScriptFailure(kind: .memoryLimit, message: message) }
            return ScriptFailure(kind: .memoryLimit, message: "memory limit of \(limits.memoryBytes >> 20) MB exceeded"
                + (message.isEmpty || message.hasSuffix("not enough memory") ? " (\(share))" : " (\(share): \(message))"))
        }
        if call.budgetHit {
            return ScriptFailure(kind: .instructionLimit, message: message.contains("instruction limit")
                ? message : "instruction limit of \(limits.instructions) exceeded (\(message))")
        }
        return ScriptFailure(kind: .runtime, message: message)
    }

    /// Pushes a fresh global table for the plugin `name` (new globals are refused), or
    /// returns the error.
    func pushEnvironment(for name: String) -> String? {
        lua.push(reference: prelude.makeEnv)
        lua.push(name)
        return lua.call(arguments: 1, results: 1) ? nil : (lua.string(at: -1) ?? "cannot make environment")
    }

    /// Pushes the read-only `ctx` of plugin `name` with its `params`, or returns the error.
    func pushContext(for name: String, params: [String: JSONValue]) -> String? {
        lua.push(reference: prelude.makeCtx)
        lua.push(name)
        lua.push(json: .object(params))
        return lua.call(arguments: 2, results: 1) ? nil : (lua.string(at: -1) ?? "cannot make ctx")
    }
}
