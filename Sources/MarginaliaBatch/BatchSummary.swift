import Foundation
import Marginalia

/// What a batch did: counts, per-label totals, errors and speed.
///
/// ```swift
/// let summary = try pipeline.run(inputs: ["seeds"])
/// print(summary.documentsAnnotated, summary.errors.count)   // rendered by MarginaliaPresentation
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

    /// Counts `annotations` by label in ``labelCounts``: a run of annotations with the same
    /// label (the usual case within one output) costs one look-up, not one per annotation.
    ///
    /// ```swift
    /// summary.countLabels(of: output.annotations)
    /// ```
    public mutating func countLabels(of annotations: [Annotation]) {
        var index = annotations.startIndex
        while index < annotations.endIndex {
            let label = annotations[index].label
            var end = index + 1
            while end < annotations.endIndex && annotations[end].label == label { end += 1 }
            labelCounts[label, default: 0] += end - index
            index = end
        }
    }
    /// Failures of this run (unreadable records, plugin errors, limits hit).
    public var errors: [ProcessingError] = []
    /// Documents left out because their text is empty (ids, or sources when there was no
    /// id): counted, not errors.
    public var emptyDocuments: [String] = []
    /// Files inside input folders of a type Marginalia does not read.
    public var unknownFilesSkipped: [String] = []
    /// Whole files skipped because a run with the same plugins completed them.
    public var filesSkipped = 0
    /// Unreadable records in those skipped files, recorded by the run that completed them.
    public var knownErrorsInSkippedFiles = 0
    /// Bytes of document text processed (annotated or skipped).
    public var bytesRead = 0
    /// Bytes of the input files (compressed size for `.gz`).
    public var totalInputBytes = 0
    public var elapsed: TimeInterval = 0
    /// Documents annotated, annotations and errors so far: the run's record in the store.
    public var counts: RunCounts { RunCounts(documents: documentsAnnotated, annotations: annotations, errors: errors.count) }
    /// True when a stop was requested (Ctrl-C) before the corpus was done.
    public var interrupted = false
    /// True when the run stopped because it reached `Options.maxErrors`.
    public var stoppedAtErrorLimit = false
    /// CPU seconds per stage, when ``AnnotationPipeline/Options/measuresTimings`` was set.
    public var timings: RunTimings?

    public init(runID: Int64) { self.runID = runID }

    /// True when no document or plugin failed and the run was not interrupted.
    public var succeeded: Bool { errors.isEmpty && knownErrorsInSkippedFiles == 0 && !interrupted }
}
