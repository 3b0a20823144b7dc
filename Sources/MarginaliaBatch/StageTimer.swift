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
