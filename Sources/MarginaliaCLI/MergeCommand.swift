import ArgumentParser
import Marginalia

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the plugins' annotations into a `merged` layer (raw annotations are never changed).",
        discussion: """
            Document labels are decided label by label among the plugins that produce that \
            label somewhere (its voters); a voter silent on a document counts as score 0:
              max       the highest score
              mean      the average score
              vote      kept on a strict majority of scores ≥ --threshold
              weighted  Σ w·score ÷ Σ w, weights from --weights (default 1)
              noisy-or  1 − Π(1 − score): independent detectors

            Spans: identical spans of one label are kept once, listing every plugin; \
            overlapping spans of one label are joined into one (--spans join) or only the \
            longest is kept (--spans longest).

            The result is the layer `merged` whose version is the options, e.g. \
            "vote(threshold=0.5) spans=join", and whose sha256 hashes the options and the \
            input plugin hashes. Raw annotations are never changed. Merging again with the \
            same options replaces that layer (idempotent); other options sit beside it. The \
            latest version of each plugin votes, or every stored version with --versions all.

            Examples:
              marginalia merge --policy vote
              marginalia merge --policy weighted --weights defense=2,un_votes=1
              marginalia merge --policy max --spans longest --versions all
              marginalia merge --policy noisy-or --labels topic:
            """
    )

    enum Versions: String, ExpressibleByArgument, CaseIterable { case latest, all }

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("max, mean, vote, weighted or noisy-or.", valueName: "policy"))
    var policy: String

    @Option(help: ArgumentHelp("Only these labels (comma-separated; 'topic:' selects a family).", valueName: "labels"))
    var labels: String?

    @Option(help: ArgumentHelp("Plugin weights for --policy weighted (default 1).", valueName: "plugin=w,…"))
    var weights: String?

    @Option(help: "The score a vote counts as yes from (--policy vote).")
    var threshold: Double = 0.5

    @Option(help: "Overlapping spans of one label: join them, or keep the longest.")
    var spans: SpanMergeMode = .join

    @Option(help: "Merge the latest version of each plugin, or all stored versions.")
    var versions: Versions = .latest

    func validate() throws {
        if weights != nil && policy != "weighted" { throw ValidationError("--weights is only used by --policy weighted") }
    }

    func run() throws {
        let weightTable = try weights.map(MergePolicy.parseWeights) ?? [:]
        let policy = try MergePolicy(name: policy, threshold: threshold, weights: weightTable)
        let options = MergeOptions(policy: policy, spans: spans, labels: LabelSelector(labels), allVersions: versions == .all)
        let summary = try MergeJob.run(options, store: storeOptions.open())
        print("merged \(summary.inputs.map(LayerMerger.key).joined(separator: ", ")) with \(summary.identity.version)")
        print("\(summary.annotations) merged annotations on \(summary.documents) documents (layer \(LayerMerger.key(summary.identity)), sha256 \(summary.identity.sha256.prefix(12)))")
    }
}

extension SpanMergeMode: ExpressibleByArgument {}
