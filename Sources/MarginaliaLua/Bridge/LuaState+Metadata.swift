import CLua
import CLuaShim
import Marginalia

extension LuaState {
    /// Pushes a document's metadata as the table behind `doc.meta`: the fields of
    /// ``DocumentMetadata/jsonObject`` (its extra fields, then the named ones over them, and
    /// `input` unless an extra field is called so), set straight from the metadata rather
    /// than through that dictionary and `push(json:)`, once per document.
    ///
    /// ```swift
    /// lua.push(metadata: DocumentMetadata(title: "T", language: "en"))   // { title = "T", lang = "en" }
    /// ```
    func push(metadata: DocumentMetadata) {
        let named = [metadata.title, metadata.date, metadata.language, metadata.url, metadata.source].reduce(0) { $0 + ($1 == nil ? 0 : 1) }
        newTable(fieldCount: Int32(metadata.extra.count + named + (metadata.isNFD ? 1 : 0) + (metadata.input == nil ? 0 : 1)))
        for (key, value) in metadata.extra {
            push(key)
            push(value)
            lua_rawset(L, -3)
        }
        // The table has no metatable yet: lua_setfield sets these fields raw, and finds each
        // static key in Lua's string cache by its address.
        if let title = metadata.title { push(title); lua_setfield(L, -2, "title") }
        if let date = metadata.date { push(date); lua_setfield(L, -2, "date") }
        if let language = metadata.language { push(language); lua_setfield(L, -2, "lang") }
        if let url = metadata.url { push(url); lua_setfield(L, -2, "url") }
        if let source = metadata.source { push(source); lua_setfield(L, -2, "source") }
        if metadata.isNFD { push(true); lua_setfield(L, -2, "nfd") }
        if let input = metadata.input, metadata.extra["input"] == nil { push(input); lua_setfield(L, -2, "input") }
    }
}
