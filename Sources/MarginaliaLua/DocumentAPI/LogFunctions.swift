/// `ctx.log(...)` and `print(...)`: a script's messages, with the name of the plugin that
/// wrote them, to `onLog` (standard error unless the caller says otherwise).
///
/// ```lua
/// ctx.log("found", #hits, "hits")   -- [defense] found 3 hits
/// ```
extension HostContext {
    func log() -> Int32 {
        var parts: [String] = []
        let count = lua.top
        if count >= 1 {
            for index in 1...count {
                if let string = lua.string(at: index) { parts.append(string) }
                else if let number = lua.number(at: index) { parts.append(lua.integer(at: index).map(String.init) ?? String(number)) }
                else { parts.append(lua.typeName(at: index)) }
            }
        }
        let plugin = current?.plugin?.name ?? loading.map { _ in "loading" } ?? "?"
        onLog(plugin, parts.joined(separator: " "))
        return 0
    }
}
