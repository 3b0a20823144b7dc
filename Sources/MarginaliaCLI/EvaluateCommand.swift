import ArgumentParser
import Foundation
import Marginalia
import MarginaliaPresentation

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Precision, recall and F1 against hand annotations, with every mistake by document.",
        discussion: """
            --gold FILE.tsv scores document labels. The table has a header \
            'document<TAB>defense<TAB>…' and one row per document whose cells are 1 (label \
            topic:<column> expected), 0 (not expected) or ? (not scored); a column that is \
            already a label (un.vote) is used as is. See seeds/gold.tsv. A 'split' column \
            (dev, test) is not a label: --split scores the rows of one split only, as for \
            Tests/Gold/news-en.tsv.

            --gold FILE.ann, or a folder of .ann files, scores spans against brat standoff \
            annotations: exact match of label and code-point range. An .ann names its \
            document by its file stem; a brat type like defense_term stands for defense.term.

            Predictions are the latest version of every plugin, or the layers of --plugin \
            (such as the merged layer). The output gives precision, recall and F1 per label \
            and their macro average, then every false positive (FP) and false negative (FN) \
            by document. A gold row naming a document that is not in the store, or an .ann \
            that does not match its text, is an error naming the file and line.

            Examples:
              marginalia evaluate --gold seeds/gold.tsv
              marginalia evaluate --gold seeds/gold.tsv --plugin merged --min-score 0.5
              marginalia evaluate --gold Tests/Gold/news-en.tsv --split dev --labels topic:
              marginalia evaluate --gold annotators/alice/ --labels defense.term --json
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var layerOptions: LayerOptions
    @OptionGroup var format: ReportFormatOptions

    @Option(help: ArgumentHelp("A gold TSV, a brat .ann file or a folder of them.", valueName: "file"))
    var gold: String

    @Option(help: ArgumentHelp("Only these labels (comma-separated; 'topic:' selects a family).", valueName: "labels"))
    var labels: String?

    @Option(name: .customLong("min-score"), help: "Predictions count from this score.")
    var minimumScore: Double = 0

    @Option(help: ArgumentHelp("Score only the rows of this split of a gold table (its 'split' column).", valueName: "name"))
    var split: String?

    func run() throws {
        let store = try storeOptions.open()
        let layers = try layerOptions.layers(in: store)
        let selector = LabelSelector(labels)
        let report: EvaluationReport
        switch try GoldFormat(path: gold) {
        case .brat:
            if split != nil { throw ValidationError("--split chooses rows of a gold table; brat files have none") }
            let collection = try BratCollection.load([gold], store: store)
            report = try Evaluator.spans(gold: collection, store: store, layers: layers, labels: selector, minimumScore: minimumScore)
        case .table:
            guard let data = FileManager.default.contents(atPath: gold) else { throw CommandFailure("\(gold): cannot read the gold file") }
            var table = try GoldTable.parse(String(decoding: data, as: UTF8.self), file: gold)
            if let split { table = try table.inSplit(split) }
            report = try Evaluator.documentLabels(gold: table, store: store, layers: layers, labels: selector, minimumScore: minimumScore)
        }
        format.print(report.tables(), json: report.json())
    }
}
