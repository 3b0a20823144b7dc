/// The labels a plugin may read with `doc:annotations` (those of the plugins it requires),
/// worked out once when the plugin is loaded. What it may write is its declared `labels`,
/// checked against the descriptor by `DocumentContext.declaredLabel(matching:at:)`.
///
/// ```swift
/// let access = LabelAccess(readable: ["entity:country": "places"])
/// access.sources   // ["places"]
/// ```
struct LabelAccess {
    /// Label → the plugin producing it.
    let readable: [String: String]
    /// The plugins behind `readable`, sorted by name.
    let sources: [String]

    init(readable: [String: String]) {
        self.readable = readable
        sources = Set(readable.values).sorted()
    }
}
