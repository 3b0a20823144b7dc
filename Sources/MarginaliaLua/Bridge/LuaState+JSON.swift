import CLua
import CLuaShim
import Marginalia

/// Lua data ↔ `JSONValue`: plugin params and features, manifests, `ctx.params`.
///
/// ```swift
/// lua.push(json: .object(["k": .integer(1)]))
/// lua.json(at: -1)   // .success(.object(["k": .integer(1)]))
/// ```
extension LuaState {
    /// Pushes a JSON value as Lua data (objects and arrays become tables).
    func push(json: JSONValue) {
        switch json {
        case .null: pushNil()
        case .bool(let value): push(value)
        case .integer(let value): lua_pushinteger(L, lua_Integer(value))
        case .number(let value): push(value)
        case .string(let value): push(value)
        case .array(let values):
            // Each level holds a table, a key and a value: room for them, however deep.
            _ = lua_checkstack(L, 3)
            newTable(arrayCount: Int32(values.count))
            for (offset, value) in values.enumerated() {
                push(json: value)
                setIndex(offset + 1, in: -2)
            }
        case .object(let members):
            _ = lua_checkstack(L, 3)
            newTable(fieldCount: Int32(members.count))
            let table = top
            // No order is imposed: Lua's `pairs` order depends on the state's random hash seed.
            for (key, value) in members {
                push(key)
                push(json: value)
                lua_rawset(L, table)
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

    /// The table at `index` as the members of a JSON object when it is flat: string keys
    /// only, each holding a string, a finite number or a boolean — most features tables
    /// (`{ term = … }`, `{ n = i }`). One pass, without the general walk's result per value,
    /// its list of items and its `Dictionary(minimumCapacity:)` (which runs unspecialized,
    /// about 900 instructions). Nil for any other table, which ``json(at:path:depth:)``
    /// converts or refuses with its message; for a flat table, the value it gives.
    ///
    /// ```swift
    /// lua.flatObject(at: -1)   // ["n": .integer(3)] for { n = 3 }, nil for { 1, 2 } or { t = {} }
    /// ```
    func flatObject(at index: Int32) -> [String: JSONValue]? {
        let absolute = lua_absindex(L, index)
        guard lua_type(L, absolute) == LUA_TTABLE, lua_checkstack(L, 2) != 0 else { return nil }
        let base = lua_gettop(L)
        var members: [String: JSONValue] = [:]
        lua_pushnil(L)
        while lua_next(L, absolute) != 0 {
            guard lua_type(L, -2) == LUA_TSTRING, let value = flatValue(at: -1) else {
                lua_settop(L, base)
                return nil
            }
            let key = string(at: -2)!
            if members.isEmpty {
                members = [key: value]   // made at its size: one look-up, no growth
            } else if members.updateValue(value, forKey: key) != nil {
                // Two Lua keys that read as one Swift string: the general conversion's error.
                lua_settop(L, base)
                return nil
            }
            pop()   // the value; the key stays for lua_next
        }
        return members
    }

    /// A string, finite number or boolean as ``json(at:path:depth:)`` converts it; nil for
    /// anything else (and for NaN and infinities, which it refuses).
    private func flatValue(at index: Int32) -> JSONValue? {
        switch lua_type(L, index) {
        case LUA_TSTRING: return .string(string(at: index)!)
        case LUA_TBOOLEAN: return .bool(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            if let integer = integer(at: index) { return .integer(Int64(integer)) }
            let value = lua_tonumberx(L, index, nil)
            return value.isFinite ? .number(value) : nil
        default: return nil
        }
    }

    private func table(at absolute: Int32, path: @autoclosure () -> String, depth: Int) -> Result<JSONValue, LuaDataError> {
        // Each level holds a key and a value on the Lua stack; make room before pushing.
        guard lua_checkstack(L, 4) != 0 else { return .failure(LuaDataError("\(path()) is nested too deeply")) }
        let base = lua_gettop(L)
        // Named fields go straight into the dictionary; list items are collected with their
        // keys (lua_next visits them in no set order) and checked for holes at the end.
        var members: [String: JSONValue] = [:]
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
                if case .success(let value) = converted {
                    // (made here, not with reserveCapacity: that one ran unspecialized in the runtime, 1,400 instructions)
                    if members.isEmpty { members = Dictionary(minimumCapacity: 4) }
                    // Two Lua keys can be one Swift string: the same text in two Unicode
                    // forms ("é" and "e" + U+0301), or invalid UTF-8 read as U+FFFD.
                    if members.updateValue(value, forKey: key) != nil {
                        lua_settop(L, base)
                        return .failure(LuaDataError("\(path()) has two keys that read as '\(key)' (the same text in two Unicode forms, or invalid UTF-8); use one spelling"))
                    }
                }
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
        return .success(.object(members))
    }
}

/// Lua data that cannot be turned into JSON.
struct LuaDataError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
