import Foundation
import ArgumentParser
import Marginalia
import MarginaliaPostgreSQL

/// `--store FILE|URL`, shared by every command that reads or writes the store: a SQLite file
/// (the embedded default), or a PostgreSQL database `postgresql://USER@HOST:PORT/DB`. Without
/// `--store`, `$MARGINALIA_STORE`, else `marginalia.sqlite`.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: ArgumentHelp(
        "The annotation store: a SQLite file, or postgresql://USER@HOST:PORT/DB (password from PGPASSWORD, ~/.pgpass or the URL; ?sslmode=… honoured). Default: $MARGINALIA_STORE, else marginalia.sqlite.",
        valueName: "file|url"))
    var storeArgument: String?

    static let defaultStore = "marginalia.sqlite"

    /// Where the store is (with its password, if the URL has one: never print it; see `displayName`).
    var store: String {
        get {
            if let storeArgument { return storeArgument }
            if let fromEnvironment = ProcessInfo.processInfo.environment["MARGINALIA_STORE"], !fromEnvironment.isEmpty { return fromEnvironment }
            return Self.defaultStore
        }
        set { storeArgument = newValue }
    }

    /// The store as messages name it: a URL's password replaced by `***`.
    var displayName: String { PostgreSQLURL.redacted(store) }

    /// True for a PostgreSQL URL.
    var isPostgreSQL: Bool { PostgreSQLURL.isPostgreSQL(store) }

    /// Opens the store, turning failures into a clear CLI error.
    func open() throws -> any AnnotationStore {
        do {
            if isPostgreSQL { return try PostgreSQLAnnotationStore(url: store) }
            return try SQLiteAnnotationStore(path: store)
        } catch {
            throw CommandFailure("\(error)")
        }
    }
}

extension StoreOptions {
    /// True when there is something to read: a SQLite file that exists, or any database URL
    /// (a database is created by its administrator, and an empty one reads as empty).
    var exists: Bool { isPostgreSQL || FileManager.default.fileExists(atPath: store) }

    /// Opens a store that must already exist (for commands that only read).
    func openExisting() throws -> any AnnotationStore {
        guard exists else {
            throw ValidationError("no store at \(displayName); annotate first, or pass --store FILE")
        }
        return try open()
    }
}

extension StoreOptions {
    /// Opens an existing store for `serve` and `report`, which need `BrowsableStore`'s
    /// reads (both the SQLite and the PostgreSQL store have them).
    func openBrowsable(for command: String) throws -> any BrowsableStore {
        guard let store = try openExisting() as? any BrowsableStore else {
            throw CommandFailure("\(command) needs a store that can be browsed; \(displayName) is not one")
        }
        return store
    }
}
