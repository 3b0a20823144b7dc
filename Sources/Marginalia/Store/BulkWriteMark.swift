import Foundation

/// What a running bulk write holds so that readers in other processes (and other store
/// objects in this one) know not to build the query indexes under it: a shared `flock` on
/// the store's write-ahead log file (`<store>-wal`), which exists while a connection is
/// open and is never locked by SQLite itself (SQLite locks the database file and `-shm`
/// with `fcntl`, which `flock` neither takes nor releases). The kernel drops the lock when
/// the process ends, so a killed batch leaves no mark behind, and nothing is created.
///
/// ```swift
/// let mark = BulkWriteMark()
/// mark.hold(storePath: "marginalia.sqlite")
/// BulkWriteMark.isHeld(storePath: "marginalia.sqlite")   // true, in any process
/// mark.release()
/// ```
final class BulkWriteMark: @unchecked Sendable {
    private let lock = NSLock()
    private var descriptor: Int32 = -1

    /// Holds the mark of the store at `storePath` (nothing when its log cannot be opened:
    /// a reader may then build the indexes during the batch, which is only slower).
    func hold(storePath: String) {
        lock.withLock {
            guard descriptor < 0 else { return }
            let opened = open(storePath + "-wal", O_RDONLY | O_CLOEXEC)
            guard opened >= 0 else { return }
            if flock(opened, LOCK_SH) == 0 { descriptor = opened } else { close(opened) }
        }
    }

    /// Lets the mark go (nothing when it is not held).
    func release() {
        lock.withLock {
            guard descriptor >= 0 else { return }
            close(descriptor)
            descriptor = -1
        }
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// True while a bulk write holds the mark of the store at `storePath`.
    static func isHeld(storePath: String) -> Bool {
        let opened = open(storePath + "-wal", O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else { return false }
        defer { close(opened) }
        return flock(opened, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK
    }
}
