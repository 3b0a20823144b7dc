import ArgumentParser
import Foundation
import Marginalia

struct ErrorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "errors",
        abstract: "List the failures a run recorded, each with a command that reproduces it.",
        discussion: """
            Every unreadable file or line, plugin error and limit hit of
            `marginalia annotate` is recorded with the document, the plugin, the
            message and the line. This lists them (by default those of the
            latest run), each with a one-line command that reproduces it alone,
            so that one document can be debugged without rerunning the batch:

            plugin error or limit hit:
              marginalia eval --plugin FILE --doc ID --store STORE
              (plus --max-instructions/--max-memory/--max-seconds when the run used other
              limits than the defaults)
            unreadable JSONL line N:
              sed -n 'Np;Nq' FILE | marginalia annotate - --store /tmp/repro.sqlite
            unreadable file:
              marginalia annotate FILE --store /tmp/repro.sqlite

            --json prints one JSON object a line: run, kind, document, source,
            plugin, line, message and repro.

            Examples:
              marginalia errors
              marginalia errors --store news.sqlite --run 3
              marginalia errors --all --json > errors.jsonl
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(name: .customLong("run"), help: ArgumentHelp("The run whose errors to list (default: the latest).", valueName: "n"))
    var runNumber: Int64?

    @Flag(help: "List the errors of every run.")
    var all = false

    @Flag(help: "One JSON object a line instead of text.")
    var json = false

    func validate() throws {
        if runNumber != nil && all { throw ValidationError("give --run N or --all, not both") }
    }

    func run() throws {
        let store = try storeOptions.openExisting()
        let runID: Int64?
        if all {
            runID = nil
        } else if let runNumber {
            guard try store.run(id: runNumber) != nil else { throw ValidationError("no run \(runNumber) in \(storeOptions.displayName)") }
            runID = runNumber
        } else {
            guard let latest = try store.latestRunID() else {
                print("no runs recorded in \(storeOptions.displayName)")
                return
            }
            runID = latest
        }
        // In corpus order (run, file, line), whichever worker met them first.
        let recorded = try store.recordedErrors(runID: runID).enumerated().sorted { a, b in
            let (fileA, lineA) = ReproCommand.splitLine(a.element.error.source ?? "")
            let (fileB, lineB) = ReproCommand.splitLine(b.element.error.source ?? "")
            return (a.element.runID, fileA, lineA ?? 0, a.offset) < (b.element.runID, fileB, lineB ?? 0, b.offset)
        }.map(\.element)
        var runs: [Int64: StoredRun] = [:]
        for id in Set(recorded.map(\.runID)) { runs[id] = try store.run(id: id) }
        for item in recorded {
            let repro = ReproCommand.for(item.error, run: runs[item.runID], store: storeOptions.displayName)
            if json { printData(jsonLine(item, repro: repro)) } else { print(text(item, repro: repro)) }
        }
        if !json {
            let scope = runID.map { "run \($0)" } ?? "all runs"
            let kinds = Dictionary(grouping: recorded, by: \.error.kind.rawValue).map { "\($1.count) \($0)" }.sorted()
            print(recorded.isEmpty ? "no errors in \(scope)" : "\(recorded.count) error\(recorded.count == 1 ? "" : "s") in \(scope) (\(kinds.joined(separator: ", ")))")
        }
    }

    private func text(_ item: RecordedError, repro: String) -> String {
        let error = item.error
        var heading = ["run \(item.runID)", error.kind.rawValue]
        if let documentID = error.documentID { heading.append("document \(documentID)") }
        if let plugin = error.plugin { heading.append("plugin \(plugin)" + (error.line.map { " line \($0)" } ?? "")) }
        if let source = error.source { heading.append(source) }
        return heading.joined(separator: " · ") + "\n  " + error.message.replacingOccurrences(of: "\n", with: "\n  ") + "\n  repro: " + repro + "\n"
    }

    private func jsonLine(_ item: RecordedError, repro: String) -> String {
        let error = item.error
        var object: [String: JSONValue] = [
            "run": .integer(item.runID), "kind": .string(error.kind.rawValue),
            "message": .string(error.message), "repro": .string(repro),
        ]
        object["document"] = error.documentID.map(JSONValue.string) ?? .null
        object["source"] = error.source.map(JSONValue.string) ?? .null
        object["plugin"] = error.plugin.map(JSONValue.string) ?? .null
        object["line"] = error.line.map { .integer(Int64($0)) } ?? .null
        return JSONValue.object(object).serialized()
    }
}
