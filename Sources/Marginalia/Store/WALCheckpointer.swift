import Foundation
import GRDBSQLite

/// Copies the write-ahead log back into the database file on a thread of its own while a
/// bulk write goes on, so that the writer thread does not: the writer's connection has
/// SQLite's automatic checkpoint off for the length of the batch (see
/// ``SQLiteAnnotationStore/beginBulkWrite()``), and after each commit this thread runs a
/// passive checkpoint through a connection of its own (it takes no lock the writer or a
/// reader waits for). A killed process loses nothing: a frame stays in the log until it has
/// been copied, and SQLite replays the log when the store is next opened.
///
/// ```swift
/// let checkpointer = WALCheckpointer(path: "marginalia.sqlite")
/// checkpointer?.request()                       // after a commit; returns at once
/// let seconds = checkpointer?.stop() ?? 0       // a last checkpoint, the thread's CPU seconds
/// ```
final class WALCheckpointer: @unchecked Sendable {
    private let connection: OpaquePointer
    private let condition = NSCondition()
    private var requested = false
    private var stopping = false
    private var finished = false
    private var copying = false
    /// Frames in the log when the last checkpoint began (-1 before the first).
    private var logFrames: Int32 = -1
    private var cpuSeconds = 0.0

    /// Opens the checkpoint connection and starts the thread; nil when the file cannot be
    /// opened for writing (the writer's own automatic checkpoint is then kept).
    init?(path: String) {
        var opened: OpaquePointer?
        // A connection learns that the file is in WAL mode when it first reads it; until
        // then a checkpoint through it does nothing.
        guard sqlite3_open_v2(path, &opened, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let opened,
              sqlite3_busy_timeout(opened, 10_000) == SQLITE_OK,
              sqlite3_exec(opened, "SELECT count(*) FROM sqlite_master", nil, nil, nil) == SQLITE_OK else {
            sqlite3_close(opened)
            return nil
        }
        connection = opened
        let thread = Thread { [self] in run() }
        thread.name = "marginalia checkpoint"
        thread.start()
    }

    /// Asks for a checkpoint of what has been committed so far; returns at once.
    func request() {
        condition.withLock {
            requested = true
            condition.signal()
        }
    }

    /// Waits until the thread has copied what was asked for, when the log held more than
    /// `frames` frames at its last checkpoint: the writer's next transaction then starts
    /// the log over from its beginning (SQLite does when every frame is in the file), so
    /// that a log the thread cannot keep up with does not grow without end.
    func waitIfBehind(frames: Int32) {
        condition.withLock {
            guard logFrames > frames else { return }
            while requested || copying { condition.wait() }
        }
    }

    /// Runs a last checkpoint (truncating the log to nothing when no one else uses the
    /// store), ends the thread, closes its connection and returns the CPU seconds the
    /// thread spent.
    func stop() -> Double {
        condition.withLock {
            stopping = true
            requested = true
            condition.signal()
            while !finished { condition.wait() }
        }
        sqlite3_close(connection)
        return cpuSeconds
    }

    private func run() {
        let start = CPUClock.threadSeconds()
        condition.lock()
        while true {
            while !requested { condition.wait() }
            requested = false
            copying = true
            let last = stopping
            condition.unlock()
            // Busy (another checkpoint, a reader) or failing (a full disk) leaves the frames
            // in the log for the next one; the writer meets a full disk itself.
            var frames: Int32 = -1
            _ = sqlite3_wal_checkpoint_v2(connection, nil, last ? SQLITE_CHECKPOINT_TRUNCATE : SQLITE_CHECKPOINT_PASSIVE, &frames, nil)
            condition.lock()
            copying = false
            logFrames = frames
            condition.broadcast()
            if last { break }
        }
        cpuSeconds = CPUClock.threadSeconds() - start
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}

/// The store's checkpoint thread while a bulk write goes on, and the CPU seconds of the
/// ones that finished (the `checkpoint` stage of `--timings`, see ``AnnotationStore/backgroundCPUSeconds``).
///
/// ```swift
/// let slot = CheckpointSlot()
/// if slot.start(path: "marginalia.sqlite") { /* automatic checkpoint off */ }
/// slot.request()
/// _ = slot.stop()
/// ```
final class CheckpointSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var running: WALCheckpointer?
    private var finishedSeconds = 0.0

    /// Starts a checkpoint thread unless one runs; true when one was started.
    func start(path: String) -> Bool {
        lock.withLock {
            guard running == nil, let checkpointer = WALCheckpointer(path: path) else { return false }
            running = checkpointer
            return true
        }
    }

    /// Asks the running thread, if any, for a checkpoint.
    func request() { lock.withLock { running }?.request() }

    /// Before a write: waits for the running thread when the log grew past `frames` (see
    /// ``WALCheckpointer/waitIfBehind(frames:)``).
    func waitIfBehind(frames: Int32) { lock.withLock { running }?.waitIfBehind(frames: frames) }

    /// Stops the running thread after a last checkpoint; true when one was running.
    func stop() -> Bool {
        guard let checkpointer = lock.withLock({ () -> WALCheckpointer? in
            defer { running = nil }
            return running
        }) else { return false }
        let seconds = checkpointer.stop()
        lock.withLock { finishedSeconds += seconds }
        return true
    }

    /// CPU seconds of the threads stopped so far.
    var cpuSeconds: Double { lock.withLock { finishedSeconds } }
}
