import GRDB
@testable import Marginalia

extension SQLiteAnnotationStore {
    /// The integer value of `PRAGMA name` on the writer's connection: for the tests of the
    /// settings a bulk write changes there (`cache_size`, `wal_autocheckpoint`).
    ///
    /// ```swift
    /// XCTAssertEqual(try store.writerPragma("wal_autocheckpoint"), 250)
    /// ```
    func writerPragma(_ name: String) throws -> Int? {
        try database.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA \(name)") }
    }
}
