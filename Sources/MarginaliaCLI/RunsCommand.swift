import ArgumentParser
import Foundation
import Marginalia

struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the runs recorded in the store: when, plugins, counts and how they ended.",
        discussion: """
            One row per `annotate` run, oldest first: its number, when it started, how long \
            it took, the plugins with their versions, the inputs, the documents annotated, \
            the annotations and errors it wrote, and its state (completed, interrupted, \
            failed, or running — a run killed before it could finish stays running).

            Examples:
              marginalia runs
              marginalia runs --store news.sqlite --json
              marginalia errors --run 3          # the failures of one run
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var format: ReportFormatOptions

    func run() throws {
        let store = try storeOptions.openExisting()
        let runs = try (1...max(1, try store.latestRunID() ?? 0)).compactMap { try store.run(id: Int64($0)) }
        let table = Self.table(runs)
        format.print([table], json: table.json())
    }

    static func table(_ runs: [StoredRun]) -> ReportTable {
        ReportTable(
            title: Plural.count(runs.count, "run"),
            columns: ["run", "started", "seconds", "plugins", "inputs", "documents", "annotations", "errors", "state"],
            rows: runs.map { run in
                [String(run.id), run.startedAt, duration(from: run.startedAt, to: run.finishedAt),
                 run.plugins.map { "\($0.name) \($0.version)" }.joined(separator: ", "), run.inputs.joined(separator: " "),
                 String(run.counts.documents), String(run.counts.annotations), String(run.counts.errors), run.status]
            })
    }

    /// Whole seconds between two ISO 8601 timestamps, or "" while running.
    static func duration(from start: String, to end: String?) -> String {
        let parser = ISO8601DateFormatter()
        guard let end, let from = parser.date(from: start), let to = parser.date(from: end) else { return "" }
        return String(Int(to.timeIntervalSince(from).rounded()))
    }
}
