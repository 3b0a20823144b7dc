import CLibPQ
import Foundation
import Marginalia

/// One libpq connection: statements with text parameters and text results, and `COPY …
/// FROM STDIN`. Not thread-safe: ``PostgreSQLConnectionPool`` hands each thread its own.
///
/// libpq itself is loaded by the first connection (``LibPQ``), not when the process starts.
///
/// The connection string is handed to libpq as it is, so libpq reads the password from
/// the URL, `PGPASSWORD` or `~/.pgpass`, and honours `sslmode` and every other parameter.
///
/// ```swift
/// let connection = try PostgreSQLConnection(url: "postgresql://me@127.0.0.1:5432/news")
/// let rows = try connection.query("SELECT id FROM documents WHERE lang = $1", ["fr"])
/// try connection.copy("COPY t (a, b) FROM STDIN", rows: [["x", nil]])
/// ```
final class PostgreSQLConnection {
    private let connection: OpaquePointer
    /// The URL without its password, for messages.
    let displayName: String

    init(url: String) throws {
        displayName = PostgreSQLURL.redacted(url)
        try LibPQ.load(for: displayName)
        guard let opened = PQconnectdb(url) else { throw StoreError(path: displayName, message: "out of memory connecting") }
        guard PQstatus(opened) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(opened)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(opened)
            throw StoreError(path: displayName, message: "cannot connect: \(message)")
        }
        connection = opened
        // NOTICEs (`… already exists, skipping`) would go to standard error.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
    }

    deinit { PQfinish(connection) }

    /// True while the server connection is usable.
    var isHealthy: Bool { PQstatus(connection) == CONNECTION_OK }

    /// Runs a statement; returns its rows (text values, nil for NULL).
    @discardableResult
    func query(_ sql: String, _ parameters: [String?] = []) throws -> [[String?]] {
        try fetch(sql, parameters) { String(decoding: $0, as: UTF8.self) }
    }

    /// Runs a statement; returns its rows with each value's bytes as the server sent them
    /// (`query` would repair invalid UTF-8; `marginalia check` must see it).
    func queryBytes(_ sql: String, _ parameters: [String?] = []) throws -> [[[UInt8]?]] {
        try fetch(sql, parameters) { Array($0) }
    }

    private func fetch<Value>(_ sql: String, _ parameters: [String?], _ convert: (UnsafeRawBufferPointer) -> Value) throws -> [[Value?]] {
        let result = try execute(sql, parameters)
        defer { PQclear(result) }
        let rows = Int(PQntuples(result)), columns = Int(PQnfields(result))
        var out: [[Value?]] = []
        out.reserveCapacity(rows)
        for row in 0..<rows {
            var values: [Value?] = []
            values.reserveCapacity(columns)
            for column in 0..<columns {
                if PQgetisnull(result, Int32(row), Int32(column)) != 0 {
                    values.append(nil)
                } else {
                    let length = Int(PQgetlength(result, Int32(row), Int32(column)))
                    let bytes = UnsafeRawPointer(PQgetvalue(result, Int32(row), Int32(column))!)
                    values.append(convert(UnsafeRawBufferPointer(start: bytes, count: length)))
                }
            }
            out.append(values)
        }
        return out
    }

    /// Runs several statements without parameters (a migration) in one round trip.
    func run(script sql: String) throws {
        guard let result = PQexec(connection, sql) else { throw failure(nil, sql: sql) }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK || PQresultStatus(result) == PGRES_TUPLES_OK else {
            throw failure(result, sql: sql)
        }
    }

    private func execute(_ sql: String, _ parameters: [String?]) throws -> OpaquePointer {
        // libpq reads the parameters as C strings: keep their bytes alive for the call.
        let buffers: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.map { strdup($0)! } }
        defer { for buffer in buffers { free(buffer) } }
        let result = buffers.withUnsafeBufferPointer { values -> OpaquePointer? in
            let pointers = values.map { UnsafePointer($0) }
            return PQexecParams(connection, sql, Int32(parameters.count), nil, pointers, nil, nil, 0)
        }
        guard let result else { throw failure(nil, sql: sql) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK: return result
        default:
            defer { PQclear(result) }
            throw failure(result, sql: sql)
        }
    }

    /// Streams rows into `COPY … FROM STDIN` (text format): one round trip for a whole batch.
    func copy(_ sql: String, rows: [[String?]]) throws {
        guard let start = PQexec(connection, sql) else { throw failure(nil, sql: sql) }
        guard PQresultStatus(start) == PGRES_COPY_IN else {
            defer { PQclear(start) }
            throw failure(start, sql: sql)
        }
        PQclear(start)
        var data: [UInt8] = []
        data.reserveCapacity(1 << 16)
        func send() -> Bool {
            defer { data.removeAll(keepingCapacity: true) }
            return data.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    PQputCopyData(connection, $0, Int32(buffer.count)) == 1
                }
            }
        }
        var sent = true
        for row in rows {
            PostgreSQLCopy.append(row, to: &data)
            if data.count >= 1 << 16 { sent = send() && sent }
        }
        if !data.isEmpty { sent = send() && sent }
        _ = PQputCopyEnd(connection, sent ? nil : "sending failed")
        var failed: Error?
        while let result = PQgetResult(connection) {
            if PQresultStatus(result) != PGRES_COMMAND_OK { failed = failed ?? failure(result, sql: sql) }
            PQclear(result)
        }
        if let failed { throw failed }
    }

    private func failure(_ result: OpaquePointer?, sql: String) -> PostgreSQLError {
        let message = result.flatMap { PQresultErrorMessage($0) }.map { String(cString: $0) } ?? String(cString: PQerrorMessage(connection))
        let state = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map { String(cString: $0) }
        return PostgreSQLError(sqlState: state, message: message.trimmingCharacters(in: .whitespacesAndNewlines), sql: sql)
    }
}

/// A statement the server refused, with its SQLSTATE.
struct PostgreSQLError: Error, CustomStringConvertible {
    var sqlState: String?
    var message: String
    var sql: String

    /// A deadlock or serialization failure: the transaction may simply be run again.
    var isRetryable: Bool { sqlState == "40P01" || sqlState == "40001" }

    var description: String { message }
}

/// `COPY` text format: tab-separated columns, `\N` for NULL, backslash escapes.
enum PostgreSQLCopy {
    static func append(_ row: [String?], to data: inout [UInt8]) {
        for (index, value) in row.enumerated() {
            if index > 0 { data.append(0x09) }
            guard let value else { data += [0x5C, 0x4E]; continue }
            for byte in value.utf8 {
                switch byte {
                case 0x5C: data += [0x5C, 0x5C]
                case 0x09: data += [0x5C, 0x74]
                case 0x0A: data += [0x5C, 0x6E]
                case 0x0D: data += [0x5C, 0x72]
                default: data.append(byte)
                }
            }
        }
        data.append(0x0A)
    }
}
