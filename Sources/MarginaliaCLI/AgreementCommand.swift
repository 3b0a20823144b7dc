import ArgumentParser
import Marginalia
import MarginaliaPresentation

struct AgreementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "How far the plugins (latest versions, and gold layers) agree.",
        discussion: """
            Compares the latest version of every plugin and every hand-annotation layer \
            imported with `marginalia import` (the merged layer is left out).

            Per plugin: coverage, the share of documents it gave a document label. Per \
            pair, over the document labels both produce: overlap (document × label items \
            both assign), conflict (items only one assigns) and Cohen's kappa; over the \
            span labels both produce: exact and overlapping span F1 (the second plugin's \
            spans scored against the first's). A pair that shares no label shows n/a \
            rather than a fake disagreement.

            Examples:
              marginalia agreement
              marginalia agreement --labels topic: --json
              marginalia agreement --csv > agreement.csv
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var format: ReportFormatOptions

    @Option(help: ArgumentHelp("Only these labels (comma-separated; 'topic:' selects a family).", valueName: "labels"))
    var labels: String?

    func run() throws {
        let report = try AgreementReport.compute(store: storeOptions.open(), labels: LabelSelector(labels))
        format.print(report.tables(), json: report.json())
    }
}
