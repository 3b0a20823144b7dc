import Foundation
import Marginalia

/// What a batch did: counts, per-label totals, errors and speed.
///
/// ```swift
/// let summary = try pipeline.run(inputs: ["seeds"])
/// print(summary.render())
/// ```
public struct BatchSummary: Sendable {
    public var runID: Int64
    public var documentsAnnotated = 0
    public var documentsSkipped = 0
    public var documentsWithErrors = 0
    public var annotations = 0
    /// Annotations per label.
    public var labelCounts: [String: Int] = [:]
    public var errors: [ProcessingError] = []
    public var bytesRead = 0
    public var totalInputBytes = 0
    public var elapsed: TimeInterval = 0
    public var interrupted = false

    public init(runID: Int64) { self.runID = runID }

    /// True when no document or plugin failed and the run was not interrupted.
    public var succeeded: Bool { errors.isEmpty && !interrupted }

    /// A human summary: a label table, then counts, then the first errors.
    public func render(maxErrors: Int = 20) -> String {
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
        if interrupted { lines.append("interrupted: finished documents are committed; run the same command again to complete the job") }
        if !errors.isEmpty {
            lines.append("errors:")
            for error in errors.prefix(maxErrors) { lines.append("  " + error.description) }
            if errors.count > maxErrors { lines.append("  … and \(errors.count - maxErrors) more (marginalia errors lists them all)") }
        }
        return lines.joined(separator: "\n")
    }
}

/// A snapshot for progress displays.
public struct BatchProgress: Sendable {
    public var summary: BatchSummary
}
