import ArgumentParser
import Marginalia

/// `--plugin P[@VERSION] --label L --from DATE --to DATE --document ID --language CODE`:
/// the filters of `export` (every format) and `kwic`, as one `AnnotationQuery`.
///
/// ```swift
/// @OptionGroup var filters: AnnotationFilterOptions
/// let query = try filters.query(checkedAgainst: store)   // nil when no filter was given
/// ```
struct AnnotationFilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only this plugin: a name (every version) or name@version.", valueName: "plugin"))
    var plugin: String?

    @Option(help: ArgumentHelp("Only these labels (comma-separated; 'topic:' selects a family).", valueName: "labels"))
    var label: String?

    @Option(help: ArgumentHelp("Only documents dated on or after this day.", valueName: "YYYY-MM-DD"))
    var from: String?

    @Option(help: ArgumentHelp("Only documents dated on or before this day.", valueName: "YYYY-MM-DD"))
    var to: String?

    @Option(help: ArgumentHelp("Only this document.", valueName: "id"))
    var document: String?

    @Option(help: ArgumentHelp("Only documents in this language.", valueName: "code"))
    var language: String?

    func validate() throws {
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, !Self.looksLikeDate(value) {
                throw ValidationError("\(name) takes a date YYYY-MM-DD (or YYYY-MM, YYYY), not '\(value)'")
            }
        }
    }

    /// True when no filter was given (the unfiltered, byte-identical export).
    var isEmpty: Bool { [plugin, label, from, to, document, language].allSatisfy { $0 == nil } }

    /// The query, or nil when no filter was given. A plugin the store lacks is an error
    /// naming the plugins it has; a label that matches no stored label is a warning.
    func query(checkedAgainst store: any AnnotationStore) throws -> AnnotationQuery? {
        if isEmpty { return nil }
        var query = AnnotationQuery()
        query.labels = LabelSelector(label)
        query.plugin = plugin
        query.documentID = document
        query.dateFrom = from
        query.dateTo = to
        query.language = language
        try Self.check(query, against: store)
        return query
    }

    /// Throws when the query names a plugin or document the store lacks; warns about each
    /// label pattern that matches no stored label.
    static func check(_ query: AnnotationQuery, against store: any AnnotationStore) throws {
        if let (name, version) = query.pluginNameAndVersion {
            let layers = try store.layers()
            if !layers.contains(where: { $0.name == name && (version == nil || $0.version == version) }) {
                throw CommandFailure("no plugin '\(query.plugin!)' in the store; it has \(Set(layers.map(LayerMerger.key)).sorted().joined(separator: ", "))")
            }
        }
        if let document = query.documentID, try store.document(id: document) == nil {
            throw CommandFailure("no document '\(document)' in the store")
        }
        if !query.labels.patterns.isEmpty {
            let stored = Set(try store.countAnnotations(matching: AnnotationQuery()).map(\.label))
            for pattern in query.labels.patterns where !stored.contains(where: { LabelSelector.pattern(pattern, matches: $0) }) {
                Console.warn("no label in the store matches '\(pattern)'" + Self.closest(to: pattern, in: stored))
            }
        }
    }

    /// ` (labels: a, b, …)`: the stored labels, so that a typo can be corrected.
    static func closest(to pattern: String, in labels: Set<String>) -> String {
        let sorted = labels.sorted()
        guard !sorted.isEmpty else { return "; the store has no annotations" }
        let shown = sorted.prefix(12).joined(separator: ", ")
        return "; the labels are \(shown)\(sorted.count > 12 ? ", … (\(sorted.count) in all)" : "")"
    }

    static func looksLikeDate(_ value: String) -> Bool {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        let lengths = [4, 2, 2]
        return (1...3).contains(parts.count)
            && zip(parts, lengths).allSatisfy { part, length in part.count == length && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber) }
    }
}
