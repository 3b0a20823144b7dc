import Foundation
import Marginalia
import MarginaliaBatch

/// A batch run's summary as `marginalia annotate` prints it, with the commands that show
/// more (`marginalia errors --store … --run N`).
///
/// ```swift
/// print(summary.render(store: "marginalia.sqlite"))
/// ```
extension BatchSummary {
    /// A human summary: a label table, then counts, then the errors grouped by plugin,
    /// line and message (with a count and one example document each, the largest groups
    /// first, at most `maxErrors` groups) and how to see them all; `store` is named in the
    /// commands it suggests.
    public func render(maxErrors: Int = 20, store: String = "marginalia.sqlite") -> String {
        var lines: [String] = []
        // Labels come from plugins: shown with their control characters escaped.
        let shown = Dictionary(uniqueKeysWithValues: labelCounts.keys.map { ($0, TerminalText.safeLine($0)) })
        let width = max(5, shown.values.map(\.count).max() ?? 0)
        lines.append("label".padding(toLength: width, withPad: " ", startingAt: 0) + "  annotations")
        for label in labelCounts.keys.sorted() {
            lines.append(shown[label]!.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String(labelCounts[label]!))
        }
        let seconds = String(format: "%.2f", elapsed)
        let rate = elapsed > 0 ? String(format: "%.1f MB/s", Double(bytesRead) / 1e6 / elapsed) : "-"
        lines.append("")
        let empty = emptyDocuments.isEmpty ? "" : ", \(emptyDocuments.count) skipped (empty)"
        lines.append("run \(runID): \(Self.count(documentsAnnotated, "document")) annotated, \(documentsSkipped) already done\(empty), "
                     + "\(Self.count(annotations, "annotation")), \(Self.count(errors.count, "error")) in \(seconds) s (\(rate))")
        if !unknownFilesSkipped.isEmpty {
            let count = unknownFilesSkipped.count
            let names = unknownFilesSkipped.prefix(10).map(TerminalText.safeLine).joined(separator: ", ")
            lines.append("skipped \(Self.count(count, "file")) of a type Marginalia does not read (\(CorpusFileType.readable) are read): "
                + names + (count > 10 ? ", … and \(count - 10) more" : ""))
        }
        if filesSkipped > 0 {
            var line = "skipped \(Self.count(filesSkipped, "input file")) already completed with these plugins"
            if knownErrorsInSkippedFiles > 0 {
                line += "; they hold \(Self.count(knownErrorsInSkippedFiles, "unreadable record")) (marginalia errors --store \(ShellQuoting.quote(store)) --all)"
            }
            lines.append(line)
        }
        if !errors.isEmpty {
            let groups = ErrorGroup.grouping(errors)
            lines.append("errors (\(errors.count)\(groups.count < errors.count ? ", \(Self.count(groups.count, "kind")) of failure" : "")):")
            for group in groups.prefix(maxErrors) { lines.append("  " + TerminalText.safe(group.description)) }
            if groups.count > maxErrors { lines.append("  … and \(Self.count(groups.count - maxErrors, "other kind")) of failure") }
            lines.append("to list them with a command reproducing each: marginalia errors --store \(ShellQuoting.quote(store)) --run \(runID)")
        }
        if stoppedAtErrorLimit {
            lines.append("stopped after \(Self.count(errors.count, "error")) (--max-errors): fix the plugin, then run the same command again to go on")
        } else if interrupted {
            lines.append("interrupted: finished documents are committed; run the same command again to resume (documents already done are skipped)")
        }
        return lines.joined(separator: "\n")
    }

    /// "1 document", "2 documents".
    static func count(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}
