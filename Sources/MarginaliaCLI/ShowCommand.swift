import ArgumentParser
import Foundation
import Marginalia
import MarginaliaPresentation

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a document with its annotations.",
        discussion: """
            Document labels come first, then the text with each span marked [n], then the \
            spans: n, code-point range, label, score, plugin with its version, and the \
            covered text.

            --label keeps some labels (exact, or a family ending in '.' or ':'; \
            comma-separated) and --plugin one plugin (a name, or name@version). A label \
            or plugin that matches nothing on the document is reported on standard error, \
            with what the document has.

            Examples:
              marginalia show 000_fac921506216631c
              marginalia show tmt-1204 --plugin places@1.0.0 --label entity:country
              marginalia show tmt-1204 --label topic:
            """
    )

    @Argument(help: "The document id.")
    var documentID: String

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("Only annotations with these labels (comma-separated; a prefix ending in '.' or ':' selects a family).", valueName: "labels"))
    var label: String?

    @Option(help: ArgumentHelp("Only annotations of this plugin: a name (every version) or name@version.", valueName: "plugin"))
    var plugin: String?

    func run() throws {
        let store = try storeOptions.openExisting()
        guard let document = try store.document(id: documentID) else {
            throw CommandFailure("no document '\(documentID)' in \(storeOptions.displayName)")
        }
        let all = try store.annotations(documentID: documentID)
        var query = AnnotationQuery()
        query.labels = LabelSelector(label)
        query.plugin = plugin
        let annotations = all.filter { query.selects($0, in: document) }
        for warning in Self.warnings(query: query, all: all, kept: annotations) { Console.warn(warning) }
        print(DocumentRenderer.render(document, annotations: annotations))
    }

    /// What to say when a filter keeps nothing: each label pattern and the plugin that
    /// match no annotation of the document, with what the document has.
    static func warnings(query: AnnotationQuery, all: [Annotation], kept: [Annotation]) -> [String] {
        var warnings: [String] = []
        let labels = Set(all.map(\.label)).sorted()
        for pattern in query.labels.patterns where !kept.contains(where: { LabelSelector.pattern(pattern, matches: $0.label) }) {
            let has = all.contains { LabelSelector.pattern(pattern, matches: $0.label) }
            warnings.append((has ? "label '\(pattern)' has no annotation of plugin '\(query.plugin ?? "")' on this document"
                                 : "label '\(pattern)' matches nothing on this document")
                            + (labels.isEmpty ? " (it has no annotations)" : "; its labels are " + labels.joined(separator: ", ")))
        }
        if let plugin = query.plugin, !all.contains(where: { query.pluginMatches($0.plugin) }) {
            let plugins = Set(all.map { "\($0.plugin.name)@\($0.plugin.version)" }).sorted()
            warnings.append("plugin '\(plugin)' has no annotation on this document"
                            + (plugins.isEmpty ? "" : "; its plugins are " + plugins.joined(separator: ", ")))
        }
        return warnings
    }
}
