import Marginalia

extension PluginHost {
    /// Every name a plugin can reach, read from the live sandbox: `global NAME` for the
    /// standard globals, `doc.FIELD`, `doc:METHOD`, `ctx.FIELD`, `marginalia.NAME` and
    /// `lexicon:METHOD`. `docs/lua-api.md` must describe exactly these (a test checks it).
    ///
    /// ```swift
    /// let names = try PluginHost().apiSurface()   // ["ctx.log", …, "doc:annotate", …, "global pairs", …]
    /// ```
    func apiSurface() -> [String] {
        let lua = sandbox.lua
        let base = lua.top
        defer { lua.top = base }
        var names: [String] = []
        lua.push(reference: sandbox.prelude.apiSurface)
        if lua.call(arguments: 0, results: 1), case .success(.array(let items)) = lua.json(at: -1) {
            names += items.compactMap(\.stringValue)
        }
        let fields = "local n = {} for k in pairs(doc) do n[#n + 1] = 'doc.' .. k end "
            + "for k in pairs(ctx) do n[#n + 1] = 'ctx.' .. k end return n"
        if case .success(let outcome) = evaluate(fields, on: Document(id: "surface", text: "")),
           let rendered = outcome.values.first,
           case .array(let items)? = try? JSONParser.parse(Array(rendered.utf8)) {
            names += items.compactMap(\.stringValue)
        }
        return names.sorted()
    }
}
