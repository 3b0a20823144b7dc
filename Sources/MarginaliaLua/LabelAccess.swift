/// The labels a plugin may write (its declared `labels`) and read with `doc:annotations`
/// (those of the plugins it requires), worked out once when the plugin is loaded.
///
/// ```swift
/// let access = LabelAccess(declared: ["un.vote"], readable: ["entity:country": "places"])
/// access.sources   // ["places"]
/// ```
struct LabelAccess {
    let declared: Set<String>
    /// Label → the plugin producing it.
    let readable: [String: String]
    /// The plugins behind `readable`, sorted by name.
    let sources: [String]

    init(declared: Set<String>, readable: [String: String]) {
        self.declared = declared
        self.readable = readable
        sources = Set(readable.values).sorted()
    }
}
