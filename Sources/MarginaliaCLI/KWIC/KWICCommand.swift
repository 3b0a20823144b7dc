import ArgumentParser
import Foundation
import Marginalia

struct KWICCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kwic",
        abstract: "Print keyword-in-context lines (a concordance) for the spans of a label.",
        discussion: """
            One line per span: the document, the text before the span, the span, and the \
            text after it, on one line (line breaks become spaces). On a terminal the hits \
            are aligned in one column and the contexts fit the window; --csv and --json \
            give the columns document, start, end, label, plugin, version, score, left, \
            hit and right (start/end in code points) for pandas or R.

            Document labels have no position and make no lines: use `marginalia query` \
            for them.

            Examples:
              marginalia kwic --label un.vote
              marginalia kwic --label entity:country --plugin places --limit 50
              marginalia kwic --label defense.term --width 30 --csv > tanks.csv
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var format: ReportFormatOptions

    @Option(help: ArgumentHelp("The span labels (comma-separated; 'defense.' selects a family).", valueName: "labels"))
    var label: String

    @Option(help: ArgumentHelp("Only this plugin: a name (every version) or name@version.", valueName: "plugin"))
    var plugin: String?

    @Option(help: ArgumentHelp("Only this document.", valueName: "id"))
    var document: String?

    @Option(help: ArgumentHelp("Characters of context on each side (default: 60, or what fits a terminal).", valueName: "n"))
    var width: Int?

    @Option(help: ArgumentHelp("At most this many lines.", valueName: "n"))
    var limit: Int?

    func validate() throws {
        if let width, width < 0 { throw ValidationError("--width must be 0 or more") }
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let store = try storeOptions.openExisting()
        var query = AnnotationQuery()
        query.labels = LabelSelector(label)
        query.plugin = plugin
        query.documentID = document
        query.limit = limit
        let terminal = !format.json && !format.csv && isatty(STDOUT_FILENO) != 0
        let contextWidth = width ?? (terminal ? ConcordanceTable.fittingWidth(columns: TerminalSize.columns()) : 60)
        let lines = try Concordance.lines(matching: query, in: store, width: contextWidth)
        if lines.isEmpty {
            let labels = Set(try store.countAnnotations(matching: AnnotationQuery()).map(\.label))
            let matching = labels.filter { query.labels.matches($0) }
            Console.warn(matching.isEmpty
                ? "no label in the store matches '\(label)'" + AnnotationFilterOptions.closest(to: label, in: labels)
                : "no span of \(matching.sorted().joined(separator: ", "))\(plugin.map { " by plugin '\($0)'" } ?? "")"
                    + " (document labels have no context)")
        }
        if format.json {
            printData(ConcordanceTable.table(lines).json().serialized())
        } else if format.csv {
            printData(ConcordanceTable.table(lines).csv(), terminator: "")
        } else {
            print(ConcordanceTable.aligned(lines, width: contextWidth), terminator: "")
        }
    }
}
