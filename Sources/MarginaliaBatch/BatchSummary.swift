import Foundation
import Marginalia

/// What a batch did: counts, per-label totals, errors and speed.
///
/// ```swift
/// let summary = try pipeline.run(inputs: ["seeds"])
/// print(summary.render(store: "marginalia.sqlite"))
/// ```
public struct BatchSummary: Sendable {
    public var runID: Int64
    public var documentsAnnotated = 0
    /// Documents already annotated by these plugin versions (in skipped files too).
    public var documentsSkipped = 0
    public var documentsWithErrors = 0
    public var annotations = 0
    /// Annotations per label.
    public var labelCounts: [String: Int] = [:]
    /// Failures of this run (unreadable records, plugin errors, limits hit).
    public var errors: [ProcessingError] = []
    /// Whole files skipped because a run with the same plugins completed them.
    public var filesSkipped = 0
    /// Unreadable records in those skipped files, recorded by the run that completed them.
    public var knownErrorsInSkippedFiles = 0
    /// Bytes of document text processed (annotated or skipped).
    public var bytesRead = 0
    /// Bytes of the input files (compressed size for `.gz`).
    public var totalInputBytes = 0
    public var elapsed: TimeInterval = 0
    /// True when a stop was requested (Ctrl-C) before the corpus was done.
    public var interrupted = false

    public init(runID: Int64) { self.runID = runID }

    /// True when no document or plugin failed and the run was not interrupted.
    public var succeeded: Bool { errors.isEmpty && knownErrorsInSkippedFiles == 0 && !interrupted }

    /// A human summary: a label table, then counts, then the first errors and how to see
    /// them all; `store` is named in the commands it suggests.
    public func render(maxErrors: Int = 20, store: String = "marginalia.sqlite") -> String {
        var lines: [String] = []
        let width = max(5, labelCounts.keys.map(\.count).max() ?? 0)
        lines.append("label".padding(toLength: width, withPad: " ", startingAt: 0) + "  annotations")
        for label in labelCounts.keys.sorted() {
            lines.append(label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String(labelCounts[label]!))
        }
        let seconds = String(format: "%.2f", elapsed)
        let rate = elapsed > 0 ? String(format: "%.1f MB/s", Double(bytesRead) / 1e6 / elapsed) : "-"
        lines.append("")
        lines.append("run \(runID): \(documentsAnnotated) documents annotated, \(documentsSkipped) already done, \(annotations) annotations, \(errors.count) errors in \(seconds) s (\(rate))")
        if filesSkipped > 0 {
            var line = "skipped \(filesSkipped) input file\(filesSkipped == 1 ? "" : "s") already completed with these plugins"
            if knownErrorsInSkippedFiles > 0 {
                line += "; they hold \(knownErrorsInSkippedFiles) unreadable record\(knownErrorsInSkippedFiles == 1 ? "" : "s") (marginalia errors --store \(ShellQuoting.quote(store)) --all)"
            }
            lines.append(line)
        }
        if !errors.isEmpty {
            lines.append("errors:")
            for error in errors.prefix(maxErrors) { lines.append("  " + error.description) }
            if errors.count > maxErrors { lines.append("  … and \(errors.count - maxErrors) more") }
            lines.append("to list them with a command reproducing each: marginalia errors --store \(ShellQuoting.quote(store)) --run \(runID)")
        }
        if interrupted {
            lines.append("interrupted: finished documents are committed; run the same command again to resume (documents already done are skipped)")
        }
        return lines.joined(separator: "\n")
    }
}
