import Foundation
import Marginalia
import MarginaliaPostgreSQL
import XCTest

/// A store for a command-line test, on either backend: a SQLite file in the test's folder,
/// or a fresh database on the PostgreSQL server that `scripts/with-postgresql.sh` started
/// (`MARGINALIA_TEST_POSTGRESQL`, its password in `MARGINALIA_TEST_POSTGRESQL_PASSWORD`).
/// Under CI the server is required: without it the PostgreSQL tests fail instead of skipping.
///
/// ```swift
/// let store = try TestStore.make(.postgresql, in: directory)
/// try marginalia(["annotate", input, "--store", store.location], in: directory.path, environment: store.environment)
/// let documents = try store.open().documentCount()
/// ```
public struct TestStore: Sendable {
    public enum Backend: String, Sendable, CaseIterable { case sqlite, postgresql }

    public let backend: Backend
    /// What `--store` takes: the file, or the database URL (without the password).
    public let location: String
    /// What a `marginalia` child needs beside `--store` (the password as `PGPASSWORD`).
    public let environment: [String: String]

    /// A new, empty store on `backend`.
    public static func make(_ backend: Backend, in directory: TemporaryDirectory) throws -> TestStore {
        switch backend {
        case .sqlite:
            return TestStore(backend: .sqlite, location: directory.file(UUID().uuidString + ".sqlite"), environment: [:])
        case .postgresql:
            let (url, password) = try requireServer()
            let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            try psql(url + "/postgres", password: password, "CREATE DATABASE \(name)")
            return TestStore(backend: .postgresql, location: "\(url)/\(name)", environment: ["PGPASSWORD": password])
        }
    }

    /// The store opened in this process (for the test to read what the commands wrote).
    public func open() throws -> any BrowsableStore {
        switch backend {
        case .sqlite: return try SQLiteAnnotationStore(path: location)
        case .postgresql: return try PostgreSQLAnnotationStore(url: "\(location)?password=\(environment["PGPASSWORD"] ?? "")")
        }
    }

    /// Runs SQL on the PostgreSQL store with `psql` (as a user would, to damage it on purpose,
    /// say); returns what psql printed (unaligned, tuples only).
    @discardableResult
    public func sql(_ statements: String) throws -> String {
        precondition(backend == .postgresql, "sql(_:) is for the PostgreSQL store")
        return try Self.psql(location, password: environment["PGPASSWORD"] ?? "", statements)
    }

    /// The server's base URL (no database) and the role's password, when a server runs.
    public static var server: (url: String, password: String)? {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["MARGINALIA_TEST_POSTGRESQL"], !url.isEmpty else { return nil }
        return (url, environment["MARGINALIA_TEST_POSTGRESQL_PASSWORD"] ?? "")
    }

    /// The PostgreSQL server, or a failure (under CI) / skip (elsewhere) saying how to start one.
    public static func requireServer() throws -> (url: String, password: String) {
        if let server { return server }
        let message = "no PostgreSQL server: run the tests through scripts/with-postgresql.sh (scripts/test.sh does)"
        if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail(message) }
        throw XCTSkip(message)
    }

    @discardableResult
    private static func psql(_ url: String, password: String, _ statements: String) throws -> String {
        let program = ChildProcess.which("psql") ?? "/usr/bin/psql"
        let result = try ChildProcess.run(program: program, ["--no-psqlrc", "-v", "ON_ERROR_STOP=1", "-qAt", "-d", url, "-c", statements],
                                          environment: ["PGPASSWORD": password])
        guard result.status == 0 else { throw StoreError(path: url, message: "psql: \(result.stderr)") }
        return result.stdout
    }
}
