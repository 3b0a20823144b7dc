import Foundation
import Marginalia
@testable import MarginaliaPostgreSQL
import MarginaliaTestSupport
import XCTest

/// The stores the backend tests run against: SQLite always, and PostgreSQL when
/// `scripts/with-postgresql.sh` started a server (`MARGINALIA_TEST_POSTGRESQL`). Under CI the
/// server is required: its absence fails the tests instead of leaving PostgreSQL untested.
///
/// ```swift
/// for backend in try Backends.all() { let store = try backend.makeStore(); … }
/// ```
enum Backends {
    struct Backend {
        let name: String
        /// A new, empty store (a fresh file or a fresh database), and where it is.
        let makeStore: () throws -> (store: any AnnotationStore, location: String)
    }

    /// The server's base URL and password (see `TestStore.server`).
    static var server: (url: String, password: String)? { TestStore.server }

    /// The PostgreSQL server, or a failure (under CI) / skip (elsewhere): `TestStore.requireServer`.
    static func requireServer() throws -> (url: String, password: String) { try TestStore.requireServer() }

    /// Creates an empty database on the test server; returns its URL (without the password).
    static func makeDatabase() throws -> String {
        let (url, password) = try requireServer()
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let admin = try PostgreSQLConnection(url: "\(url)/postgres?password=\(password)")
        try admin.query("CREATE DATABASE \(name)")
        return "\(url)/\(name)"
    }

    /// SQLite, then PostgreSQL when a server runs (see `requireServer`).
    static func all(in directory: String) throws -> [Backend] {
        var backends = [Backend(name: "sqlite") {
            let path = (directory as NSString).appendingPathComponent(UUID().uuidString + ".sqlite")
            return (try SQLiteAnnotationStore(path: path), path)
        }]
        if let server = try? requireServer() {
            backends.append(Backend(name: "postgresql") {
                let url = try makeDatabase()
                return (try PostgreSQLAnnotationStore(url: "\(url)?password=\(server.password)"), url)
            })
        }
        return backends
    }
}
