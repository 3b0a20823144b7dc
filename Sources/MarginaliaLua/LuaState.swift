import CLua
import CLuaShim

/// One `lua_State` with its sandbox accounting (memory used, limit, instruction budget).
///
/// A state belongs to one thread for its whole life: create it, use it and drop it on the
/// same thread. Swift code in this module talks to the stack only through the helpers in
/// `LuaState+Stack.swift`, none of which can raise a Lua error.
///
/// ```swift
/// let lua = try LuaState(memoryLimit: 64 << 20)
/// lua.push("hello")
/// lua.string(at: -1)   // "hello"
/// ```
final class LuaState {
    /// The raw state, for the C API.
    let L: OpaquePointer
    /// Allocator and hook accounting shared with CLuaShim.
    let sandbox: UnsafeMutablePointer<mg_sandbox>

    /// Creates a state whose script code may allocate at most `memoryLimit` bytes (0 = no limit).
    init(memoryLimit: Int) throws(PluginError) {
        HostDispatch.register()
        sandbox = UnsafeMutablePointer<mg_sandbox>.allocate(capacity: 1)
        sandbox.initialize(to: mg_sandbox())
        guard let state = mg_newstate(sandbox) else {
            sandbox.deallocate()
            throw PluginError(kind: .sandbox, message: "cannot create a Lua state (out of memory)")
        }
        L = state
        sandbox.pointee.limit = memoryLimit
    }

    deinit {
        lua_close(L)
        sandbox.deallocate()
    }

    /// Memory the state holds now, in bytes.
    var memoryInUse: Int { sandbox.pointee.used }
}
