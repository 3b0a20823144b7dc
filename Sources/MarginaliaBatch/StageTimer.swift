import Foundation
import Marginalia

/// Gathers the CPU seconds of a batch's threads by stage while it runs (reader, workers and
/// their plugins, writer), for ``AnnotationPipeline/Options/measuresTimings``. Each thread
/// adds its own figures when it ends; the lock makes that safe from any thread.
///
/// ```swift
/// let timer = StageTimer()
/// timer.add("read", cpuSeconds: CPUClock.threadSeconds())
/// let timings = timer.timings(pluginOrder: ["defense"], counts: [:], wallSeconds: 1.2)
/// ```
final class StageTimer: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: [String: Double] = [:]

    /// Adds `cpuSeconds` to the stage `name`.
    func add(_ name: String, cpuSeconds: Double) {
        lock.withLock { seconds[name, default: 0] += cpuSeconds }
    }

    /// Which documents a worker measures stage by stage. Reading a thread's CPU clock is a
    /// system call on Linux (about a microsecond), and a document needs one per plugin and
    /// two more: the first `exactDocuments` of a worker are all measured, then every
    /// `interval`-th, and the measured seconds are scaled up to all the documents
    /// (``scaled(_:intervals:)``), less what the clock readings themselves cost. What the
    /// worker spends in all stages together stays exact.
    ///
    /// ```swift
    /// var sample = StageTimer.Sample()
    /// if sample.next() { /* measure this document's stages */ }
    /// let estimate = sample.scaled(measuredSeconds, intervals: sample.measured)
    /// ```
    struct Sample {
        static let exactDocuments = 256
        static let interval = 8
        /// Documents seen, and of them measured.
        private(set) var documents = 0
        private(set) var measured = 0
        /// CPU seconds of making the measured documents from their records.
        var documentSeconds = 0.0

        /// Counts one more document; true when it is to be measured.
        mutating func next() -> Bool {
            defer { documents += 1 }
            guard documents < Self.exactDocuments || documents % Self.interval == 0 else { return false }
            measured += 1
            return true
        }

        /// `seconds` measured over the measured documents in `intervals` clock intervals,
        /// without the cost of one clock reading per interval, for all the documents.
        func scaled(_ seconds: Double, intervals: Int) -> Double {
            let net = max(0, seconds - Double(intervals) * Self.clockReadingSeconds)
            return measured == 0 ? net : net * Double(documents) / Double(measured)
        }

        /// The CPU seconds one reading of the thread's CPU clock costs (the median of 33
        /// back-to-back readings): each measured interval holds about one.
        static let clockReadingSeconds: Double = {
            var last = CPUClock.threadSeconds()
            var costs: [Double] = []
            for _ in 0..<33 {
                let now = CPUClock.threadSeconds()
                costs.append(now - last)
                last = now
            }
            return costs.sorted()[costs.count / 2]
        }()
    }

    /// The figures so far as stages in pipeline order: read, document, worker, plugins in
    /// run order, write, and checkpoint when the store copied its log back on a thread of
    /// its own. `counts` gives each stage's documents and annotations.
    func timings(pluginOrder: [String], counts: [String: (documents: Int?, annotations: Int?)], wallSeconds: Double) -> RunTimings {
        let recorded = lock.withLock { seconds }
        let names = ["read", "document", "worker"] + pluginOrder.map { "plugin:" + $0 } + ["write"]
            + (recorded["checkpoint"] == nil ? [] : ["checkpoint"])
        var timings = RunTimings(wallSeconds: wallSeconds, processCPUSeconds: CPUClock.processSeconds())
        for name in names {
            let count = counts[name]
            timings.stages.append(.init(name: name, cpuSeconds: recorded[name] ?? 0,
                                        documents: count?.documents, annotations: count?.annotations))
        }
        return timings
    }
}
