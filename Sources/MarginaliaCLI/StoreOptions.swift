import Foundation
import ArgumentParser
import Marginalia

/// `--store FILE`, shared by every command that reads or writes the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite annotation store.", valueName: "file"))
    var store: String = "marginalia.sqlite"

    /// Opens the store, turning failures into a clear CLI error.
    func open() throws -> SQLiteAnnotationStore {
        do {
            return try SQLiteAnnotationStore(path: store)
        } catch {
            throw CommandFailure("\(error)")
        }
    }
}

extension StoreOptions {
    /// Opens a store that must already exist (for commands that only read).
    func openExisting() throws -> SQLiteAnnotationStore {
        guard FileManager.default.fileExists(atPath: store) else {
            throw ValidationError("no store at \(store); annotate first, or pass --store FILE")
        }
        return try open()
    }
}
