import Foundation
import ArgumentParser
import Marginalia

/// `--store FILE`, shared by every command that reads or writes the store. Without `--store`,
/// `$MARGINALIA_STORE`, else `marginalia.sqlite`.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: ArgumentHelp(
        "The SQLite annotation store. Default: $MARGINALIA_STORE, else marginalia.sqlite.",
        valueName: "file"))
    var storeArgument: String?

    static let defaultStore = "marginalia.sqlite"

    /// Where the store is.
    var store: String {
        get {
            if let storeArgument { return storeArgument }
            if let fromEnvironment = ProcessInfo.processInfo.environment["MARGINALIA_STORE"], !fromEnvironment.isEmpty { return fromEnvironment }
            return Self.defaultStore
        }
        set { storeArgument = newValue }
    }

    /// The store as messages name it.
    var displayName: String { store }

    /// Opens the store, turning failures into a clear CLI error.
    func open() throws -> any AnnotationStore {
        do {
            return try SQLiteAnnotationStore(path: store)
        } catch {
            throw CommandFailure("\(error)")
        }
    }
}

extension StoreOptions {
    /// True when there is something to read.
    var exists: Bool { FileManager.default.fileExists(atPath: store) }

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
    /// reads (the SQLite store has them).
    func openBrowsable(for command: String) throws -> any BrowsableStore {
        guard let store = try openExisting() as? any BrowsableStore else {
            throw CommandFailure("\(command) needs a store that can be browsed (SQLite); \(displayName) is not one")
        }
        return store
    }
}
