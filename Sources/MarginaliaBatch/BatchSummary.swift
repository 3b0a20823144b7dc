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
    /// Of the documents annotated, those whose id the store held with another text (their
    /// old annotations were dropped), as the resume stage decided.
    public var documentsReplaced = 0
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
    /// True when the run stopped because it reached `Options.maxErrors`.
    public var stoppedAtErrorLimit = false
    /// CPU seconds per stage, when ``AnnotationPipeline/Options/measuresTimings`` was set.
    public var timings: RunTimings?

    public init(runID: Int64) { self.runID = runID }

    /// True when no document or plugin failed and the run was not interrupted.
    public var succeeded: Bool { errors.isEmpty && knownErrorsInSkippedFiles == 0 && !interrupted }

    /// A human summary: a label table, then counts, then the errors grouped by plugin,
    /// line and message (with a count and one example document each, the largest groups
    /// first, at most `maxErrors` groups) and how to see them all; `store` is named in the
    /// commands it suggests.
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
        lines.append("run \(runID): \(Self.count(documentsAnnotated, "document")) annotated, \(documentsSkipped) already done, "
                     + "\(Self.count(annotations, "annotation")), \(Self.count(errors.count, "error")) in \(seconds) s (\(rate))")
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
            for group in groups.prefix(maxErrors) { lines.append("  " + group.description) }
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
