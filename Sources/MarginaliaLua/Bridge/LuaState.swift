import CLua
import CLuaShim

/// One `lua_State` with its sandbox accounting (memory used, limit, instruction budget).
///
/// The files of `Bridge/` are the only Swift code that calls the C API (`lua_*`, `mg_*`):
/// everything else in this module talks to Lua through the methods of `LuaState`, none of
/// which can raise a Lua error. A state belongs to one thread for its whole life: create
/// it, use it and drop it on the same thread.
///
/// ```swift
/// let lua = try LuaState(memoryLimit: 64 << 20)
/// lua.push("hello")
/// lua.string(at: -1)   // "hello"
/// ```
final class LuaState {
    /// The raw state, for the C API (Bridge only).
    let L: OpaquePointer
    /// Allocator and hook accounting shared with CLuaShim.
    let sandbox: UnsafeMutablePointer<mg_sandbox>
    /// Serves a host function pushed with `push(hostFunction:)`: gets its id, returns the
    /// number of results, or -1 with an error message pushed (see `HostDispatch`).
    var onHostCall: (Int32) -> Int32 = { _ in -1 }

    /// Creates a state whose script code may allocate at most `memoryLimit` bytes (0 = no
    /// limit), with only the safe standard libraries opened (the prelude trims them further).
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
        mg_open_safe_libs(L)
        sandbox.pointee.host = Unmanaged.passUnretained(self).toOpaque()   // for HostDispatch
    }

    /// Makes `handle` the stop flag of this state's scripts.
    func obey(_ handle: PluginStopHandle) { sandbox.pointee.stop_requested = handle.flag }

    deinit {
        sandbox.pointee.host = nil   // finalizers run by lua_close call no host function
        mg_close(L)   // lua_close, then the state's small-block pool goes back to malloc
        sandbox.deallocate()
    }

    /// Memory the state holds now, in bytes.
    var memoryInUse: Int { sandbox.pointee.used }

    /// The memory limit in bytes (0 = none).
    var memoryLimit: Int { sandbox.pointee.limit }

    /// Records that the running script hit the memory limit (for a refusal made by the
    /// host, such as a lexicon too big to compile): the call ends as a `memory-limit` error.
    func flagMemoryLimit() { sandbox.pointee.limit_hit = 1 }
}
