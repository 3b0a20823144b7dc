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
            if let proxied = displayReadOnlyProxy(at: index) { return proxied }
            switch json(at: index) {
            case .success(let value): return value.serialized()
            case .failure(let error): return "<table: \(error.message)>"
            }
        default: return "<\(typeName(at: index))>"
        }
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
