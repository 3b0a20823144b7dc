import ArgumentParser
import Marginalia
import MarginaliaPresentation

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Find annotations by label, plugin, document, score, date, language or text.",
        discussion: """
            Every filter is optional and they combine with AND. A label ending in '.' or \
            ':' selects a family ('topic:' is every topic); --plugin takes a name (every \
            version) or name@version, the derived layers 'merged' and 'gold' included. \
            --from, --to and --language read the document metadata; --text-contains keeps \
            spans whose text contains the words (ASCII letters case-insensitive).

            Output: a table, --json (the objects of `export`) or --csv (the columns of \
            `export --format csv`). --count prints how many annotations each plugin \
            version made with each label instead; counts are answered from indexes, so \
            they stay fast on stores of millions of annotations.

            Examples:
              marginalia query --label topic: --min-score 0.5
              marginalia query --plugin defense@1.0.0 --language fr --text-contains missile
              marginalia query --from 2016-01-01 --to 2016-12-31 --count
              marginalia query --document 000_fac921506216631c --plugin merged --json
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var format: ReportFormatOptions

    @Option(help: ArgumentHelp("Labels (comma-separated; 'topic:' selects a family).", valueName: "labels"))
    var label: String?

    @Option(help: ArgumentHelp("A plugin name, or name@version.", valueName: "plugin"))
    var plugin: String?

    @Option(help: ArgumentHelp("One document id.", valueName: "id"))
    var document: String?

    @Option(name: .customLong("min-score"), help: "Only annotations scoring at least this.")
    var minimumScore: Double?

    @Option(help: ArgumentHelp("Documents dated on or after this day.", valueName: "YYYY-MM-DD"))
    var from: String?

    @Option(help: ArgumentHelp("Documents dated on or before this day.", valueName: "YYYY-MM-DD"))
    var to: String?

    @Option(help: ArgumentHelp("Documents in this language.", valueName: "code"))
    var language: String?

    @Option(name: .customLong("text-contains"), help: ArgumentHelp("Spans whose text contains this (ASCII case-insensitive).", valueName: "text"))
    var textContains: String?

    @Option(help: "At most this many annotations.")
    var limit: Int?

    @Flag(help: "Count the matches by label and plugin version instead of listing them.")
    var count = false

    func run() throws {
        var query = AnnotationQuery()
        query.labels = LabelSelector(label)
        query.plugin = plugin
        query.documentID = document
        query.minimumScore = minimumScore
        query.dateFrom = from
        query.dateTo = to
        query.language = language
        query.textContains = textContains
        query.limit = limit
        let store = try storeOptions.open()
        if count {
            let counts = try store.countAnnotations(matching: query)
            let table = QueryOutput.countTable(counts)
            format.print([table], json: table.json())
            return
        }
        let found = try store.annotations(matching: query)
        do {
            if format.json {
                printData(try QueryOutput.json(found, store: store), terminator: "")
            } else if format.csv {
                printData(try QueryOutput.csv(found, store: store), terminator: "")
            } else {
                print(try QueryOutput.table(found, store: store).text(), terminator: "")
            }
        } catch let problem as InconsistentAnnotation {
            // Only a damaged store holds a span outside its text: say which store, and what to run.
            throw CommandFailure("\(storeOptions.displayName): damaged: \(problem); run `marginalia check --store \(storeOptions.displayName)` to see what else is wrong")
        }
    }
}
