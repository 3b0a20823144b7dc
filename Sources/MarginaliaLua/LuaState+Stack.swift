import CLua
import CLuaShim
import Marginalia

/// Stack helpers that never raise: no metamethods (raw access only), no conversions that
/// could fail. Memory errors cannot happen here because the limit is suspended while host
/// code runs (see CLuaShim.h).
extension LuaState {
    var top: Int32 {
        get { lua_gettop(L) }
        set { lua_settop(L, newValue) }
    }

    func pop(_ count: Int32 = 1) { mg_pop(L, count) }

    func type(at index: Int32) -> Int32 { lua_type(L, index) }

    func typeName(at index: Int32) -> String { String(cString: lua_typename(L, lua_type(L, index))) }

    func isNil(at index: Int32) -> Bool { mg_isnoneornil(L, index) != 0 }

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

    /// Pushes a Swift host function.
    func push(_ function: HostFunction) { mg_push_host_function(L, function.rawValue) }

    /// Pushes a JSON value as Lua data (objects and arrays become tables).
    func push(json: JSONValue) {
        switch json {
        case .null: pushNil()
        case .bool(let value): push(value)
        case .integer(let value): lua_pushinteger(L, lua_Integer(value))
        case .number(let value): push(value)
        case .string(let value): push(value)
        case .array(let values):
            newTable(arrayCount: Int32(values.count))
            for (offset, value) in values.enumerated() {
                push(json: value)
                setIndex(offset + 1, in: -2)
            }
        case .object(let members):
            newTable(fieldCount: Int32(members.count))
            // No order is imposed: Lua's `pairs` order depends on the state's random hash seed.
            for (key, value) in members {
                push(json: value)
                setField(key, in: -2)
            }
        }
    }

    /// Reads Lua data at `index` as JSON: tables with keys 1…n become arrays, tables with
    /// string keys objects. Functions, userdata, cycles, mixed keys, NaN and nesting past
    /// 32 levels are refused with a message saying where (`path`, built only then).
    func json(at index: Int32, path: @autoclosure () -> String = "value", depth: Int = 0) -> Result<JSONValue, LuaDataError> {
        let absolute = lua_absindex(L, index)
        switch lua_type(L, absolute) {
        case LUA_TNIL: return .success(.null)
        case LUA_TBOOLEAN: return .success(.bool(lua_toboolean(L, absolute) != 0))
        case LUA_TNUMBER:
            if let integer = integer(at: absolute) { return .success(.integer(Int64(integer))) }
            let value = lua_tonumberx(L, absolute, nil)
            guard value.isFinite else { return .failure(LuaDataError("\(path()) is not a finite number")) }
            return .success(.number(value))
        case LUA_TSTRING: return .success(.string(string(at: absolute)!))
        case LUA_TTABLE:
            guard depth < 32 else { return .failure(LuaDataError("\(path()) is nested deeper than 32 levels (a cycle?)")) }
            return table(at: absolute, path: path(), depth: depth)
        default:
            return .failure(LuaDataError("\(path()) is a \(typeName(at: absolute)); only strings, numbers, booleans and tables are allowed"))
        }
    }

    private func table(at absolute: Int32, path: @autoclosure () -> String, depth: Int) -> Result<JSONValue, LuaDataError> {
        // Each level holds a key and a value on the Lua stack; make room before pushing.
        guard lua_checkstack(L, 4) != 0 else { return .failure(LuaDataError("\(path()) is nested too deeply")) }
        let base = lua_gettop(L)
        // Collected as pairs and turned into a dictionary or array once, at its final size.
        var members: [(String, JSONValue)] = []
        var elements: [(Int, JSONValue)] = []
        lua_pushnil(L)
        while lua_next(L, absolute) != 0 {
            let converted: Result<JSONValue, LuaDataError>
            let integerKey = integer(at: -2)
            let stringKey = integerKey == nil ? string(at: -2) : nil
            if let key = integerKey, key >= 1 {
                converted = json(at: -1, path: "\(path())[\(key)]", depth: depth + 1)
                if case .success(let value) = converted { elements.append((key, value)) }
            } else if let key = stringKey {
                converted = json(at: -1, path: "\(path()).\(key)", depth: depth + 1)
                if case .success(let value) = converted { members.append((key, value)) }
            } else {
                converted = .failure(LuaDataError("\(path()) has a \(typeName(at: -2)) key; use string keys or a list"))
            }
            if case .failure = converted {
                lua_settop(L, base)   // drop the traversal key and value
                return converted
            }
            pop()                     // the value; the key stays for lua_next
        }
        if !elements.isEmpty && !members.isEmpty {
            return .failure(LuaDataError("\(path()) mixes list items and named fields"))
        }
        if !elements.isEmpty {
            elements.sort { $0.0 < $1.0 }
            guard elements.last!.0 == elements.count else {
                return .failure(LuaDataError("\(path()) is a list with holes"))
            }
            return .success(.array(elements.map(\.1)))
        }
        return .success(.object(Dictionary(uniqueKeysWithValues: members)))
    }
}

/// Lua data that cannot be turned into JSON.
struct LuaDataError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
