import ArgumentParser
import Foundation
import MarginaliaBatch

struct PluginsRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Delete an installed plugin and its marginalia.lock entry.",
        discussion: """
            Deletes DIR/NAME/ (or DIR/NAME.lua), the libraries of DIR/lib/ it used that no
            other plugin uses, and its entry in marginalia.lock. Annotations it made stay in
            the store. A locked plugin that is already gone is only dropped from the lock.

            Example:
              marginalia plugins remove ports
            """
    )

    @Argument(help: "The plugin's name.")
    var name: String

    @OptionGroup var sharing: SharingOptions

    func run() throws {
        let removed: PluginInstaller.Removed
        do { removed = try sharing.installer(force: false).remove(name) } catch { throw CommandFailure("\(error)") }
        for path in removed.deleted { print("deleted \(path)") }
        if removed.wasLocked { print("dropped \(name) from \(sharing.lock)") }
    }
}
