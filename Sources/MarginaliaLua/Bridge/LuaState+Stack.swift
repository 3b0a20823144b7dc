import CLua
import CLuaShim

/// Stack helpers that never raise: no metamethods (raw access only), no conversions that
/// could fail. Memory errors cannot happen here because the limit is suspended while host
/// code runs (see CLuaShim.h).
///
/// ```swift
/// lua.newTable()
/// lua.push(42)
/// lua.setField("answer", in: -2)   // { answer = 42 }
/// ```
extension LuaState {
    var top: Int32 {
        get { lua_gettop(L) }
        set { lua_settop(L, newValue) }
    }

    func pop(_ count: Int32 = 1) { mg_pop(L, count) }

    func type(at index: Int32) -> LuaType { LuaType(rawValue: lua_type(L, index)) ?? .none }

    func typeName(at index: Int32) -> String { String(cString: lua_typename(L, lua_type(L, index))) }

    func isNil(at index: Int32) -> Bool { mg_isnoneornil(L, index) != 0 }

    /// Lua truth: false only for nil and false.
    func isTruthy(at index: Int32) -> Bool { lua_toboolean(L, index) != 0 }

    func push(_ string: String) {
        var string = string
        string.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { _ = lua_pushlstring(L, $0.baseAddress, $0.count) }
        }
    }

    func push(bytes: UnsafeBufferPointer<UInt8>) {
        bytes.withMemoryRebound(to: CChar.self) { _ = lua_pushlstring(L, $0.baseAddress, $0.count) }
    }

    func push(_ integer: Int) { lua_pushinteger(L, lua_Integer(integer)) }
    func push(_ number: Double) { lua_pushnumber(L, number) }
    func push(_ bool: Bool) { lua_pushboolean(L, bool ? 1 : 0) }
    func pushNil() { lua_pushnil(L) }
    func newTable(arrayCount: Int32 = 0, fieldCount: Int32 = 0) { lua_createtable(L, arrayCount, fieldCount) }

    /// Sets `t[key] = top` (raw) where `t` is at `table` and pops the value.
    func setField(_ key: String, in table: Int32) {
        let absolute = lua_absindex(L, table)
        push(key)
        lua_rotate(L, -2, 1)   // key below value
        lua_rawset(L, absolute)
    }

    /// Sets `t[i] = top` (raw) and pops the value.
    func setIndex(_ index: Int, in table: Int32) { lua_rawseti(L, table, lua_Integer(index)) }

    /// Pushes `t[key]` (raw) for the table at `table`.
    func getField(_ key: String, in table: Int32) {
        let absolute = lua_absindex(L, table)
        push(key)
        lua_rawget(L, absolute)
    }

    /// Pushes `t[i]` (raw).
    func getIndex(_ index: Int, in table: Int32) { lua_rawgeti(L, table, lua_Integer(index)) }

    /// The raw length of the table at `index`.
    func rawLength(at index: Int32) -> Int { Int(lua_rawlen(L, index)) }

    /// The string at `index` if it is a Lua string (numbers are not converted).
    func string(at index: Int32) -> String? {
        bytes(at: index).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The bytes of the string at `index`, without copying them; valid while the string
    /// stays on the stack. Nil for anything but a string (numbers are not converted).
    func bytes(at index: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard lua_type(L, index) == LUA_TSTRING else { return nil }
        var length = 0
        guard let pointer = lua_tolstring(L, index, &length) else { return nil }
        return UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: length)
    }

    /// The integer at `index` if it is a number with an exact integer value.
    func integer(at index: Int32) -> Int? {
        guard lua_type(L, index) == LUA_TNUMBER else { return nil }
        var isInteger: Int32 = 0
        let value = lua_tointegerx(L, index, &isInteger)
        return isInteger != 0 ? Int(value) : nil
    }

    /// The number at `index` if it is a number.
    func number(at index: Int32) -> Double? {
        guard lua_type(L, index) == LUA_TNUMBER else { return nil }
        return lua_tonumberx(L, index, nil)
    }

    /// Pushes a registry reference's value.
    func push(reference: Int32) { mg_getref(L, reference) }

    /// Pops the top value into the registry and returns its reference.
    func makeReference() -> Int32 { mg_ref(L) }

    /// Pushes the host function with this id (served by `onHostCall`, see `HostDispatch`).
    func push(hostFunction id: Int32) { mg_push_host_function(L, id) }

    /// Pushes a getmetatable that ignores `__metatable` (for the prelude's read-only views;
    /// never given to scripts).
    func pushRawMetatableFunction() { mg_push_raw_metatable_function(L) }
}

/// The type of a Lua value, as `lua_type` reports it.
enum LuaType: Int32 {
    case none = -1, `nil` = 0, boolean, lightUserdata, number, string, table, function, userdata, thread
}
