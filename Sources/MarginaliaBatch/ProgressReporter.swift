import Foundation

/// Shows batch progress on a stream (standard error): on a terminal one live line,
/// redrawn at most ten times a second; elsewhere (CI logs, pipes) a plain line every
/// `plainInterval` seconds, so logs stay short. Always ends with a final line.
///
/// ```swift
/// let reporter = ProgressReporter(live: isatty(2) != 0)
/// pipeline.onProgress = reporter.report
/// ```
public final class ProgressReporter: @unchecked Sendable {
    private let live: Bool
    private let plainInterval: TimeInterval
    private let write: (String) -> Void
    private var lastShown: TimeInterval = -.infinity
    private var shownLive = false
    private let lock = NSLock()

    /// `live`: redraw one line in place (for a terminal). `write` receives the text to
    /// print, newlines and carriage returns included (standard error by default).
    public init(live: Bool, plainInterval: TimeInterval = 10,
                write: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.live = live
        self.plainInterval = plainInterval
        self.write = write
    }

    /// Shows `progress` if enough time passed since the last line (always when final).
    public func report(_ progress: BatchProgress) {
        lock.withLock {
            let interval = live ? 0.1 : plainInterval
            guard progress.isFinal || progress.elapsed - lastShown >= interval else { return }
            lastShown = progress.elapsed
            if live {
                // \r back to the start, \u{1B}[K clears what a longer previous line left.
                write("\r\u{1B}[K" + progress.line + (progress.isFinal ? "\n" : ""))
                shownLive = !progress.isFinal
            } else {
                write((progress.isFinal ? "done: " : "progress: ") + progress.line + "\n")
            }
        }
    }

    /// Ends a live line that was left open (before printing anything else).
    public func finishLine() {
        lock.withLock {
            if shownLive { write("\n"); shownLive = false }
        }
    }
}
