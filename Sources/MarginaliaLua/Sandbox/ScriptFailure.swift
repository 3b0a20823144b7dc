/// Why a script (a plugin's top level, `setup`, `annotate`, or a snippet) failed: the
/// kind of failure and the first line of Lua's message.
///
/// ```swift
/// if let failure = sandbox.run(arguments: 0, results: 1) { print(failure.kind, failure.message) }
/// ```
struct ScriptFailure: Error {
    var kind: PluginError.Kind
    var message: String
}
