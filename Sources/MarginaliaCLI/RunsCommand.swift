import ArgumentParser
import Foundation
import Marginalia
import MarginaliaPresentation

struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the runs recorded in the store: when, plugins, counts, how they ended and their CPU timings.",
        discussion: """
            One row per `annotate` run, oldest first: its number, when it started, how long \
            it took, the plugins with their versions, the inputs, the documents annotated, \
            the annotations and errors it wrote, and its state (completed, interrupted, \
            failed, or running — a run killed before it could finish stays running). Runs \
            made with `annotate --timings` also show their CPU seconds and costliest stage. \
            A running run's counts are those of its last commit, so the shards of a cluster \
            job (`annotate --shard K/N --run-name NAME`) show their progress as they go, \
            with their name, shard and host; --name NAME lists that job's alone.

            --run N prints that run's plugins and its whole timings table (CPU seconds per \
            stage and plugin, with documents and annotations); give --run twice to put two \
            runs' stages side by side with the ratio, e.g. before and after a plugin change.

            Examples:
              marginalia runs
              marginalia runs --store news.sqlite --json
              marginalia runs --store postgresql://me@db/news --name nightly
              marginalia runs --store news.sqlite --run 3
              marginalia runs --store news.sqlite --run 3 --run 5
              marginalia errors --run 3          # the failures of one run
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var format: ReportFormatOptions

    @Option(name: .customLong("name"), help: ArgumentHelp("Only the runs of this logical run (annotate --run-name): one row per shard and attempt.", valueName: "run-name"))
    var runName: String?

    @Option(name: .customLong("run"), help: ArgumentHelp("A run to show with its timings (twice: compare two runs).", valueName: "n"))
    var runNumbers: [Int64] = []

    func validate() throws {
        if runNumbers.count > 2 { throw ValidationError("give --run once (show a run) or twice (compare two runs)") }
    }

    func run() throws {
        let store = try storeOptions.openExisting()
        if runNumbers.isEmpty {
            let runs = try store.runs().filter { runName == nil || $0.settings["run_name"]?.stringValue == runName }
            let table = Self.table(runs)
            format.print([table], json: table.json())
            return
        }
        let runs = try runNumbers.map { number in
            guard let run = try store.run(id: number) else { throw ValidationError("no run \(number) in \(storeOptions.store)") }
            return run
        }
        if runs.count == 1 {
            let run = runs[0]
            print("run \(run.id) · \(run.status) · started \(run.startedAt) · \(Plural.count(run.counts.documents, "document")), "
                  + "\(Plural.count(run.counts.annotations, "annotation")), \(Plural.count(run.counts.errors, "error"))")
            print("plugins: " + run.plugins.map { "\($0.name) \($0.version)" }.joined(separator: ", "))
            print("inputs: " + run.inputs.joined(separator: " "))
            print(run.timings.map(TimingsTable.render) ?? "no timings recorded (annotate with --timings to record them)")
        } else {
            print(try Self.compare(runs[0], runs[1]))
        }
    }

    static func table(_ runs: [StoredRun]) -> ReportTable {
        ReportTable(
            title: Plural.count(runs.count, "run"),
            columns: ["run", "started", "seconds", "plugins", "inputs", "documents", "annotations", "errors", "state",
                      "cpu_seconds", "costliest", "name", "shard", "host"],
            rows: runs.map { run in
                [String(run.id), run.startedAt, duration(from: run.startedAt, to: run.finishedAt),
                 run.plugins.map { "\($0.name) \($0.version)" }.joined(separator: ", "), run.inputs.joined(separator: " "),
                 String(run.counts.documents), String(run.counts.annotations), String(run.counts.errors), run.status,
                 run.timings.map { String(format: "%.2f", $0.processCPUSeconds) } ?? "", run.timings.map(costliest) ?? "",
                 run.settings["run_name"]?.stringValue ?? "", run.settings["shard"]?.stringValue ?? "", run.settings["host"]?.stringValue ?? ""]
            })
    }

    /// The stage that took the most CPU, with its share: "plugin:places 41%".
    static func costliest(_ timings: RunTimings) -> String {
        guard let top = timings.stages.max(by: { $0.cpuSeconds < $1.cpuSeconds }), timings.stagesCPUSeconds > 0 else { return "" }
        return top.name + String(format: " %.0f%%", top.cpuSeconds / timings.stagesCPUSeconds * 100)
    }

    /// Two runs' CPU seconds stage by stage, with the ratio second / first.
    static func compare(_ first: StoredRun, _ second: StoredRun) throws -> String {
        guard let a = first.timings, let b = second.timings else {
            throw CommandFailure("run \(first.timings == nil ? first.id : second.id) has no timings (annotate with --timings to record them)")
        }
        var names = a.stages.map(\.name)
        for stage in b.stages where !names.contains(stage.name) { names.append(stage.name) }
        let width = max(14, names.map(\.count).max() ?? 0)
        func cell(_ text: String) -> String { String(repeating: " ", count: max(0, 10 - text.count)) + text }
        func row(_ name: String, _ x: Double?, _ y: Double?) -> String {
            var line = "  " + name.padding(toLength: width, withPad: " ", startingAt: 0)
            line += cell(x.map { String(format: "%.3f", $0) } ?? "") + cell(y.map { String(format: "%.3f", $0) } ?? "")
            if let x, let y, x > 0 { line += cell(String(format: "%.2fx", y / x)) }
            return line
        }
        var lines = ["CPU seconds: run \(first.id) against run \(second.id) (ratio: second / first)",
                     "  " + "stage".padding(toLength: width, withPad: " ", startingAt: 0)
                        + cell("run \(first.id)") + cell("run \(second.id)") + cell("ratio")]
        for name in names { lines.append(row(name, a.stage(name)?.cpuSeconds, b.stage(name)?.cpuSeconds)) }
        lines.append(row("stages", a.stagesCPUSeconds, b.stagesCPUSeconds))
        lines.append(row("process", a.processCPUSeconds, b.processCPUSeconds))
        lines.append(row("wall", a.wallSeconds, b.wallSeconds))
        return lines.joined(separator: "\n")
    }

    /// Whole seconds between two ISO 8601 timestamps, or "" while running.
    static func duration(from start: String, to end: String?) -> String {
        guard let end, let from = UTCTimestamp.epochSeconds(of: start), let to = UTCTimestamp.epochSeconds(of: end) else { return "" }
        return String(to - from)
    }
}
