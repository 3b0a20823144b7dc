import Foundation
import Marginalia
import MarginaliaPresentation

/// Prints a run's ``RunTimings`` as a table: CPU seconds per stage, share of the stages,
/// documents and annotations, then the process's CPU and wall-clock seconds.
///
/// ```swift
/// if let timings = summary.timings { print(TimingsTable.render(timings)) }
/// ```
enum TimingsTable {
    static func render(_ timings: RunTimings) -> String {
        let total = timings.stagesCPUSeconds
        let width = max(14, timings.stages.map(\.name.count).max() ?? 0)
        func pad(_ text: String, _ size: Int, left: Bool = false) -> String {
            let gap = String(repeating: " ", count: max(0, size - text.count))
            return left ? text + gap : gap + text
        }
        var lines = ["CPU seconds by stage (user+sys of its threads):",
                     "  " + pad("stage", width, left: true) + "     CPU-s   share   documents  annotations"]
        for stage in timings.stages {
            let share = total > 0 ? stage.cpuSeconds / total * 100 : 0
            lines.append("  " + pad(stage.name, width, left: true)
                         + pad(String(format: "%.3f", stage.cpuSeconds), 10)
                         + pad(String(format: "%.1f%%", share), 8)
                         + pad(stage.documents.map(String.init) ?? "", 12)
                         + pad(stage.annotations.map(String.init) ?? "", 13))
        }
        lines.append("  " + pad("stages", width, left: true) + pad(String(format: "%.3f", total), 10) + pad("100.0%", 8))
        if let write = timings.stage("write"), let rows = write.annotations, rows > 0 {
            lines.append(String(format: "writer: %.2f µs of CPU per annotation written", write.cpuSeconds / Double(rows) * 1e6))
        }
        lines.append(String(format: "process: %.3f CPU-s (start-up and plugin checks included) in %.3f s of batch wall time",
                            timings.processCPUSeconds, timings.wallSeconds))
        return lines.joined(separator: "\n")
    }
}
