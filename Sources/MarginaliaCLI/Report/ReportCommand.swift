import ArgumentParser
import Foundation
import Marginalia

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a static HTML site: overview, a page per label with KWIC lines, documents with their spans highlighted.",
        discussion: """
            The folder gets index.html (totals; labels by plugin version on a log scale, so \
            small labels stay visible; labels per month; documents by language and source; \
            agreement; links to every page), labels/LABEL-N.html (every one of the \
            label's spans in context and its documents, 100 of each a page) and documents/batch-N.html (documents \
            with their labels, scores and features, spans highlighted and listed, and the \
            plugin hashes and runs behind them; batches are cut so that no page passes \
            1.5 MB).

            Labels are told apart by colour (a colour-blind-safe palette) and by the \
            pattern of their underline; hover a highlight for its label, plugin, version, \
            hash and score. Pages are self-contained: inline CSS and SVG, no script, \
            nothing loaded from the network. For a live view with search, see \
            `marginalia serve`.

            --label and --plugin report on those annotations only (and the documents that \
            have them); --limit N keeps the first N documents, --sample N spreads N over \
            the store.

            Examples:
              marginalia report --output report/ && xdg-open report/index.html
              marginalia report --label topic: --sample 200 --output topics/
              marginalia report --plugin places@1.0.1 --limit 50
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(name: [.short, .long], help: ArgumentHelp("The folder to write the site into.", valueName: "dir"))
    var output: String = "report"

    @Option(help: ArgumentHelp("Only these labels (comma-separated; 'topic:' selects a family).", valueName: "labels"))
    var label: String?

    @Option(help: ArgumentHelp("Only this plugin: a name (every version) or name@version.", valueName: "plugin"))
    var plugin: String?

    @Option(help: ArgumentHelp("At most this many documents, the first ones.", valueName: "n"))
    var limit: Int?

    @Option(help: ArgumentHelp("About this many documents, spread evenly over the store.", valueName: "n"))
    var sample: Int?

    func validate() throws {
        if limit != nil && sample != nil { throw ValidationError("give one of --limit and --sample") }
        if let count = limit ?? sample, count < 1 { throw ValidationError("--limit and --sample take a number from 1") }
    }

    func run() throws {
        let store = try storeOptions.openBrowsable(for: "report")
        var site = StaticSite(store: store, directory: output)
        if label != nil || plugin != nil {
            var query = AnnotationQuery()
            query.labels = LabelSelector(label)
            query.plugin = plugin
            try AnnotationFilterOptions.check(query, against: store)
            site.query = query
        }
        site.limit = limit
        site.sample = sample
        let written = try site.write()
        Console.error("\(Plural.count(written.documents, "document")) on \(Plural.count(written.pages, "page")), the largest "
                      + String(format: "%.1f MB", Double(written.largestPage) / 1e6))
        print((output as NSString).appendingPathComponent("index.html"))
    }
}
