import ArgumentParser
import Marginalia
import MarginaliaPostgreSQL
import MarginaliaPresentation

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed between two versions of a tagger: annotations added, removed and re-scored.",
        discussion: """
            Compares one plugin's annotations between two of its versions in one store, or \
            between two stores (--to-store; a version left out means the latest in that \
            store): what changed when a researcher edited their script. An annotation is \
            its document, label and span; it is added, removed, or re-scored when its score \
            moved. The output counts the changes per label, then lists them by document.

            Examples:
              marginalia diff --plugin defense --from 1.0.0 --to 1.1.0
              marginalia diff --plugin defense --to-store new.sqlite --json
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var format: ReportFormatOptions

    @Option(help: "The plugin name.")
    var plugin: String

    @Option(help: ArgumentHelp("The old version (default: the latest in --store).", valueName: "version"))
    var from: String?

    @Option(help: ArgumentHelp("The new version (default: the latest in the new store).", valueName: "version"))
    var to: String?

    @Option(name: .customLong("to-store"), help: ArgumentHelp("Read the new version from this store.", valueName: "file"))
    var toStore: String?

    func validate() throws {
        if toStore == nil && (from == nil || to == nil) {
            throw ValidationError("give --from and --to versions, or --to-store to compare two stores")
        }
    }

    func run() throws {
        let old = try storeOptions.open()
        let new = try toStore.map { path -> any AnnotationStore in
            var options = StoreOptions()
            options.store = path
            return try options.open()
        } ?? old
        let before = try annotations(of: from, in: old, name: storeOptions.displayName)
        let after = try annotations(of: to, in: new, name: toStore.map(PostgreSQLURL.redacted) ?? storeOptions.displayName)
        let diff = VersionDiff(before: before, after: after)
        format.print(diff.tables(), json: diff.json())
    }

    private func annotations(of version: String?, in store: any AnnotationStore, name: String) throws -> [Annotation] {
        let all = try store.layers()
        let layers = all.filter { $0.name == plugin }
        guard let chosen = version ?? VersionOrder.latest(layers.map(\.version)), !layers.isEmpty else {
            let names = Set(all.map(\.name)).sorted().joined(separator: ", ")
            throw CommandFailure("\(name): no output of plugin '\(plugin)'; the store has \(names.isEmpty ? "no plugin output" : names)")
        }
        guard layers.contains(where: { $0.version == chosen }) else {
            throw CommandFailure("\(name): plugin '\(plugin)' has no version \(chosen); stored: \(layers.map(\.version).joined(separator: ", "))")
        }
        var query = AnnotationQuery()
        query.plugin = plugin + "@" + chosen
        return try store.annotations(matching: query)
    }
}
