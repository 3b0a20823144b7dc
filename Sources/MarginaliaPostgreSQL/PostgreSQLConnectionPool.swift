import Foundation

/// Connections handed out one thread at a time: the batch engine asks the store from its
/// reader, worker and writer threads at once, and a libpq connection serves one thread.
/// A connection is opened the first time every open one is busy, and kept for reuse.
///
/// ```swift
/// let pool = try PostgreSQLConnectionPool(url: url)
/// let count = try pool.with { try $0.query("SELECT COUNT(*) FROM documents")[0][0] }
/// ```
final class PostgreSQLConnectionPool: @unchecked Sendable {
    let url: String
    private var idle: [PostgreSQLConnection] = []
    private let lock = NSLock()

    /// Opens one connection at once, so that a wrong address fails here.
    init(url: String) throws {
        self.url = url
        idle.append(try PostgreSQLConnection(url: url))
    }

    /// Runs `body` with a connection of its own.
    func with<T>(_ body: (PostgreSQLConnection) throws -> T) throws -> T {
        let connection = try lock.withLock { idle.popLast() } ?? PostgreSQLConnection(url: url)
        defer { if connection.isHealthy { lock.withLock { idle.append(connection) } } }
        return try body(connection)
    }

    /// Runs `body` in one transaction (committed when it returns, rolled back when it throws),
    /// again up to three times when the server reports a deadlock or serialization failure.
    func transaction<T>(_ body: (PostgreSQLConnection) throws -> T) throws -> T {
        try with { connection in
            var attempt = 0
            while true {
                attempt += 1
                try connection.query("BEGIN")
                do {
                    let value = try body(connection)
                    try connection.query("COMMIT")
                    return value
                } catch let error as PostgreSQLError where error.isRetryable && attempt < 4 {
                    _ = try? connection.query("ROLLBACK")
                    usleep(UInt32.random(in: 10_000...100_000))
                } catch {
                    _ = try? connection.query("ROLLBACK")
                    throw error
                }
            }
        }
    }
}
