import Marginalia

/// How `eval` and `repl` show the values a snippet returns.
///
/// ```swift
/// lua.push(json: .array([.integer(1), .integer(2)]))
/// lua.display(at: -1)   // "[1,2]"
/// ```
extension LuaState {
    /// A value for display, without calling any metamethod (no script runs here).
    func display(at index: Int32) -> String {
        switch type(at: index) {
        case .nil: return "nil"
        case .string: return string(at: index) ?? ""
        case .number, .boolean, .table:
            if let members = displayMembers(at: index) { return members }
            if let proxied = displayReadOnlyProxy(at: index) { return proxied }
            switch json(at: index) {
            case .success(let value): return value.serialized()
            case .failure(let error): return "<table: \(error.message)>"
            }
        default: return "<\(typeName(at: index))>"
        }
    }

    /// A table of functions (`marginalia`, `ctx`, `string`), or the read-only view of one,
    /// as its members: `{ lexicon = <function>, version = "1.0" }`, sorted; nil for a
    /// table of data (shown as JSON).
    private func displayMembers(at index: Int32) -> String? {
        let table = absolute(index)
        guard type(at: table) == .table else { return nil }
        var members = self.members(of: table)
        // A read-only view is empty: its members are in the metatable's __index table.
        if members.isEmpty, pushMetatable(of: table) {
            push("__index")
            rawGet(in: -2)
            if type(at: -1) == .table { members = self.members(of: absolute(-1)) }
            pop(2)
        }
        guard members.contains(where: { $0.value == "<function>" }) else { return nil }
        return "{ " + members.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", ") + " }"
    }

    /// The string-keyed members of the table at `table`: functions as `<function>`,
    /// tables as `{…}`, the rest as JSON.
    private func members(of table: Int32) -> [String: String] {
        var members: [String: String] = [:]
        pushNil()
        while next(in: table) {
            if type(at: -2) == .string, let key = string(at: -2) {
                switch type(at: -1) {
                case .function: members[key] = "<function>"
                case .table: members[key] = "{…}"
                case .string: members[key] = JSONValue.string(string(at: -1) ?? "").serialized()
                default: members[key] = display(at: -1)
                }
            }
            pop()
        }
        return members
    }

    /// The contents behind a read-only view (`doc.meta`, `ctx.params`): an empty table whose
    /// metatable's `__index` is a table.
    private func displayReadOnlyProxy(at index: Int32) -> String? {
        let absolute = absolute(index)
        guard type(at: absolute) == .table else { return nil }
        pushNil()
        if next(in: absolute) { pop(2); return nil }
        guard pushMetatable(of: absolute) else { return nil }
        defer { pop(2) }
        push("__index")
        rawGet(in: -2)
        guard type(at: -1) == .table, case .success(let value) = json(at: -1) else { return nil }
        return value.serialized()
    }
}
