import Foundation
import GRDB

/// The query indexes built lazily: a bulk write leaves them missing (see
/// `SQLiteAnnotationStore+Bulk.swift`), and the first read that goes through them builds
/// them all, once, before it reads. Counts, label, plugin and score filters (`query`, `merge`,
/// `kwic`, `diff`, CSV export), an export filtered by date or language, and the browser's
/// counts read through ``queryRead(_:)``; any other export, `agreement`, `evaluate`, a
/// document and resume read through `annotations_by_output`, which is always there, and
/// build nothing.
///
/// They are read without (same answers, by scanning the table) when the store cannot be
/// written (a read-only file or disk, a full disk), or while a bulk write is running
/// (``BulkWriteMark``): building them under it would make the rest of that batch update
/// them row by row, and hold its next commit for as long as the build takes.
extension SQLiteAnnotationStore {
    /// Runs `body` in a read after ``prepareQueryIndexes()``.
    func queryRead<T>(_ body: (Database) throws -> T) throws -> T {
        try prepareQueryIndexes()
        return try database.read(body)
    }

    /// Builds the query indexes when they are missing and no bulk write is running; after
    /// that (or once they are found, or cannot be built here) it reads nothing more.
    ///
    /// ```swift
    /// let store = try SQLiteAnnotationStore(path: "marginalia.sqlite")
    /// try store.prepareQueryIndexes()   // what `query --count` does first
    /// ```
    public func prepareQueryIndexes() throws {
        try queryIndexes.prepareOnce {
            try guarded {
                guard !(try database.read(Self.hasQueryIndexes)) else { return true }
                do {
                    return try database.writeWithoutTransaction { db in
                        var built = false
                        try db.inTransaction(.immediate) {
                            // Looked for inside the transaction: a batch beginning takes its mark
                            // inside one of its own (`beginBulkWrite`).
                            guard !(try Self.hasQueryIndexes(db)) else { built = true; return .commit }
                            guard !BulkWriteMark.isHeld(storePath: path) else { return .commit }
                            let annotations = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM annotations") ?? 0
                            if let line = Self.queryIndexAnnouncement(annotations: annotations) {
                                FileHandle.standardError.write(Data(line.utf8))
                            }
                            try StoreMigrations.createIndexes(in: db, query: true)
                            built = true
                            return .commit
                        }
                        return built
                    }
                } catch let error as DatabaseError
                            where [.SQLITE_READONLY, .SQLITE_FULL, .SQLITE_BUSY].contains(error.resultCode) {
                    // Not here: read without them (the next process to open the store tries again).
                    return true
                }
            }
        }
    }

    /// Stores of at least this many annotations announce the build on standard error
    /// (about a second: both indexes over the 1,040,000 of `scripts/bench-query.sh` take 1.2 CPU-s,
    /// over the 97,195 of the news corpus with all plugins 0.043).
    static let announcedQueryIndexBuild = 1_000_000

    /// The line printed before building the query indexes over `annotations` rows, or nil
    /// for a store small enough to build them unnoticed.
    static func queryIndexAnnouncement(annotations: Int) -> String? {
        guard annotations >= announcedQueryIndexBuild else { return nil }
        return "marginalia: building the query indexes of \(annotations) annotations, once "
            + "(a bulk annotate leaves them to the first query) …\n"
    }
}

/// Whether a store object still has to look for its query indexes: a lock, so that two
/// threads reading at once (`marginalia serve`) build them once.
final class QueryIndexState: @unchecked Sendable {
    private let lock = NSLock()
    private var prepared = false

    /// Runs `body` until it returns true (the indexes are there, or will not be built here).
    func prepareOnce(_ body: () throws -> Bool) throws {
        try lock.withLock {
            guard !prepared else { return }
            prepared = try body()
        }
    }
}
