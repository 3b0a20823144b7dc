import ArgumentParser
import Foundation
import Marginalia

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Precision, recall and F1 against hand annotations, with every mistake by document.",
        discussion: """
            --gold FILE.tsv scores document labels: a header 'document<TAB>topic…', then per
            document 1 (label topic:<column> expected), 0 (not expected) or ? (not scored).
            --gold FILE.ann or a folder of .ann files scores spans (exact match of label and
            code-point range) against brat standoff annotations.

            Examples:
              marginalia evaluate --gold seeds/gold.tsv
              marginalia evaluate --gold seeds/gold.tsv --plugin merged@"vote(threshold=0.5) spans=join" --json
              marginalia evaluate --gold annotators/alice/ --labels defense.term
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

    func run() throws {
        let store = try storeOptions.open()
        let layers = try layerOptions.layers(in: store)
        let report: EvaluationReport
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: gold, isDirectory: &isDirectory)
        do {
            if exists && (isDirectory.boolValue || gold.hasSuffix(".ann")) {
                let collection = try BratCollection.load([gold], store: store)
                report = try Evaluator.spans(gold: collection, store: store, layers: layers,
                                             labels: LabelSelector(labels), minimumScore: minimumScore)
            } else {
                guard let data = FileManager.default.contents(atPath: gold) else {
                    throw ValidationError("\(gold): cannot read the gold file")
                }
                let table = try GoldTable.parse(String(decoding: data, as: UTF8.self), file: gold)
                report = try Evaluator.documentLabels(gold: table, store: store, layers: layers,
                                                      labels: LabelSelector(labels), minimumScore: minimumScore)
            }
        }
        format.print(report.tables(), json: report.json())
    }
}
