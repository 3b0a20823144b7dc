import Marginalia

/// Runs `prelude.lua` (embedded in the binary at build time, see `Package.swift`) in a
/// fresh state: it receives the host functions of `HostAPI`, grouped by scope, and
/// returns the constructors the Swift side keeps as registry references.
///
/// ```swift
/// let constructors = try SandboxPrelude.install(in: lua)
/// lua.push(reference: constructors.makeEnv)
/// ```
enum SandboxPrelude {
    /// The prelude's constructors, as registry references.
    struct Constructors {
        /// `make_env(name)`: a plugin's own global table; new globals are refused.
        var makeEnv: Int32 = 0
        /// `make_session_env()`: globals a REPL session keeps from one input to the next.
        var makeSessionEnv: Int32 = 0
        /// `make_doc(fields)`: the read-only `doc` of one document.
        var makeDoc: Int32 = 0
        /// `make_ctx(name, params)`: the read-only `ctx` of one plugin.
        var makeCtx: Int32 = 0
        /// The metatable of lexicon userdata.
        var lexiconMetatable: Int32 = 0
        /// `api_surface()`: every name the sandbox offers, read from its live tables.
        var apiSurface: Int32 = 0
    }

    /// The Lua source of the prelude.
    static let source = String(decoding: PackageResources.prelude_lua, as: UTF8.self)

    /// Runs the prelude with the host functions and returns its constructors.
    static func install(in lua: LuaState) throws(PluginError) -> Constructors {
        guard lua.load(text: source, chunkName: "=marginalia-prelude") == .loaded else {
            throw PluginError(kind: .sandbox, message: "prelude: \(lua.string(at: -1) ?? "?")")
        }
        lua.newTable()
        for scope in HostFunction.Scope.allCases {
            lua.newTable()
            for (id, function) in HostAPI.functions.enumerated() where function.scope == scope {
                lua.push(hostFunction: Int32(id))
                lua.setField(function.name, in: -2)
            }
            lua.setField(scope.rawValue, in: -2)
        }
        lua.push(MarginaliaVersion.current)
        lua.setField("version", in: -2)
        lua.pushRawMetatableFunction()
        lua.setField("raw_metatable", in: -2)
        guard lua.call(arguments: 1, results: 1) else {
            throw PluginError(kind: .sandbox, message: "prelude: \(lua.string(at: -1) ?? "?")")
        }
        var constructors = Constructors()
        let fields: [(String, WritableKeyPath<Constructors, Int32>)] = [
            ("make_env", \.makeEnv), ("make_session_env", \.makeSessionEnv), ("make_doc", \.makeDoc),
            ("make_ctx", \.makeCtx), ("lexicon_metatable", \.lexiconMetatable), ("api_surface", \.apiSurface),
        ]
        for (key, keyPath) in fields {
            lua.getField(key, in: -1)
            constructors[keyPath: keyPath] = lua.makeReference()
        }
        lua.pop()
        return constructors
    }
}
