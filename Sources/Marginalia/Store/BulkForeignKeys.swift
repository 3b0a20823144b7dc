import Foundation

/// Whether the writer connection's foreign-key checks are off for a whole bulk write
/// (from ``SQLiteAnnotationStore/beginBulkWrite()`` to ``SQLiteAnnotationStore/finishBulkWrite()``)
/// rather than batch by batch.
///
/// `PRAGMA foreign_keys` takes effect only outside a transaction, and every time it runs
/// (even when it sets the value it already has) SQLite expires every statement prepared on
/// the connection: the next step of each one compiles its SQL again. Switched off and on
/// around each batch, it had the writer re-prepare all of its cached statements (the
/// 16-row inserts among them) in every transaction; switched once per bulk write, they are
/// compiled once per run.
///
/// ```swift
/// let checks = BulkForeignKeys()
/// checks.switchedOff = true        // beginBulkWrite, after `PRAGMA foreign_keys = OFF`
/// if !checks.switchedOff { /* a batch outside a bulk write switches them itself */ }
/// ```
final class BulkForeignKeys: @unchecked Sendable {
    private let lock = NSLock()
    private var off = false

    /// True while a bulk write holds the writer's foreign-key checks off.
    var switchedOff: Bool {
        get { lock.withLock { off } }
        set { lock.withLock { off = newValue } }
    }
}
