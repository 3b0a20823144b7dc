import CLua
import CLuaShim

/// What the host holds on behalf of a state's scripts — compiled lexicons, the annotations
/// they emitted, a document's tokens — counted beside the Lua heap, so that the memory limit
/// bounds both: the allocator refuses Lua allocations past `limit - hostBytes`, and every
/// host call ends with a `memory-limit` error when the two together are over the limit.
///
/// While a host function runs, the allocator refuses nothing (a refusal would raise through
/// Swift), so a host function that pushes many values checks ``isOverMemoryLimit`` itself.
///
/// ```swift
/// lua.chargeHost(4096)           // an annotation's worth
/// lua.hostBytes                  // 4096
/// lua.fitsInMemoryLimit(1 << 20) // is there room for 1 MB more?
/// lua.releaseHost(4096)
/// ```
extension LuaState {
    /// Bytes the host holds for this state's scripts now.
    var hostBytes: Int { sandbox.pointee.host_bytes }

    /// The highest Lua heap plus host bytes this state has held.
    var peakMemoryWithHost: Int { sandbox.pointee.total_peak }

    /// Counts `bytes` more as held by the host for the scripts.
    func chargeHost(_ bytes: Int) { mg_host_charge(sandbox, bytes) }

    /// Gives back `bytes` charged with ``chargeHost(_:)``.
    func releaseHost(_ bytes: Int) { mg_host_charge(sandbox, -bytes) }

    /// True when the Lua heap and the host's bytes together are past the memory limit.
    var isOverMemoryLimit: Bool {
        let accounting = sandbox.pointee
        return accounting.limit != 0 && accounting.used + accounting.host_bytes > accounting.limit
    }

    /// True when `bytes` more (Lua or host) would stay within the memory limit (always, without one).
    func fitsInMemoryLimit(_ bytes: Int) -> Bool {
        let accounting = sandbox.pointee
        return accounting.limit == 0 || accounting.used + accounting.host_bytes + bytes <= accounting.limit
    }

    /// Pushes the host function with this id as a `__gc` metamethod: it is called with the
    /// object being collected, never raises, and is skipped while the state closes.
    func push(hostFinalizer id: Int32) { mg_push_host_finalizer(L, id) }

    /// For a handle's finalizer (`__gc`): the slot the handle at `index` holds, which is then
    /// marked released (-1), so that a handle reached again finds nothing; nil when the value
    /// is not a handle or was released already.
    func takeHandleSlot(at index: Int32) -> Int32? {
        guard type(at: index) == .userdata, let slot = userdataValue(at: index), slot >= 0 else { return nil }
        lua_touserdata(L, index)?.storeBytes(of: Int32(-1), as: Int32.self)
        return slot
    }
}
