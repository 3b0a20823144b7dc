import CLua
import CLuaShim

/// The one C entry point for every host function. Each host function is a C closure
/// (CLuaShim's trampoline) carrying its id; the dispatcher finds the calling state's
/// `LuaState` and hands the id to its `onHostCall` (which `Sandbox` routes through the
/// table of `HostAPI`).
///
/// ```swift
/// lua.onHostCall = { id in HostAPI.functions[Int(id)].body(context) }
/// lua.push(hostFunction: 0)
/// ```
enum HostDispatch {
    /// Installs the dispatcher in CLuaShim (idempotent).
    static func register() { _ = installed }

    private static let installed: Void = {
        mg_set_host_dispatch { state, function in
            guard let state, let owner = mg_sandbox_of(state).pointee.host else { return -1 }
            return Unmanaged<LuaState>.fromOpaque(owner).takeUnretainedValue().onHostCall(function)
        }
    }()
}
