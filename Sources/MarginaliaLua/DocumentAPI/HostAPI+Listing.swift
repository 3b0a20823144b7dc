/// The host functions as the REPL's `:help` lists them and its Tab key completes them.
///
/// ```swift
/// for entry in LuaAPIListing.functions { print(entry.call, entry.summary) }
/// // doc:annotate(start, stop, label [, options])  Marks bytes start..stop …
/// ```
public enum LuaAPIListing {
    public struct Entry: Sendable, Hashable {
        /// `doc:annotate`, `ctx.log`, `marginalia.lexicon`, `print`.
        public var name: String
        /// `doc:annotate(start, stop, label [, options])`.
        public var call: String
        public var summary: String
    }

    /// Every host function, in the order of `docs/lua-api.md`.
    public static var functions: [Entry] {
        HostAPI.functions.map { Entry(name: $0.qualifiedName, call: "\($0.qualifiedName)(\($0.arguments))", summary: $0.summary) }
    }
}
