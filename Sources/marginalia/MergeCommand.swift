import ArgumentParser
import Marginalia

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the plugins' annotations into a `merged` layer (raw annotations are never changed).",
        discussion: """
            Document labels are combined per label among the plugins that produce it:
              max, mean, vote (strict majority of scores ≥ --threshold), weighted (--weights),
              noisy-or (1 − Π(1 − score)).
            Identical spans are kept once, listing every plugin; overlapping spans of one
            label are joined (--spans join) or only the longest is kept (--spans longest).

            The layer is stored as plugin `merged`, version = the options (e.g. "vote(threshold=0.5)
            spans=join"), sha256 = hash of the options and input plugin hashes. Merging again
            with the same options replaces it.

            Examples:
              marginalia merge --policy vote
              marginalia merge --policy weighted --weights defense=2,un_votes=1 --labels topic:
              marginalia merge --policy max --spans longest --versions all
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

    func run() throws {
        let weightTable = try weights.map(MergePolicy.parseWeights) ?? [:]
        if weights != nil && policy != "weighted" { throw ValidationError("--weights is only used by --policy weighted") }
        let policy = try MergePolicy(name: policy, threshold: threshold, weights: weightTable)
        let options = MergeOptions(policy: policy, spans: spans, labels: LabelSelector(labels), allVersions: versions == .all)
        let summary = try MergeJob.run(options, store: storeOptions.open())
        print("merged \(summary.inputs.map(LayerMerger.key).joined(separator: ", ")) with \(summary.identity.version)")
        print("\(summary.annotations) merged annotations on \(summary.documents) documents (layer \(LayerMerger.key(summary.identity)), sha256 \(summary.identity.sha256.prefix(12)))")
    }
}

extension SpanMergeMode: ExpressibleByArgument {}
