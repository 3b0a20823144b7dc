import ArgumentParser
import Foundation
import MarginaliaBatch

struct PluginsLockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock",
        abstract: "Pin the plugins in use (name, version, SHA-256) in marginalia.lock.",
        discussion: """
            Commit marginalia.lock with your project. `marginalia annotate --locked` then
            refuses to run if any plugin differs — another version, an edited file or data
            file, a plugin added or missing — and says which and how, so colleagues get
            identical results.

            Examples:
              marginalia plugins lock
              marginalia plugins lock --only defense,un_votes --lock review.lock
            """
    )

    @OptionGroup var pluginOptions: PluginOptions

    @Option(help: ArgumentHelp("The lock file to write.", valueName: "file"))
    var lock: String = PluginLock.defaultName

    func run() throws {
        let set = try pluginOptions.pluginSet()
        let lockFile = PluginLock(plugins: set.descriptors)
        try lockFile.render().write(toFile: lock, atomically: true, encoding: .utf8)
        for entry in lockFile.entries { print("\(entry.name) \(entry.version) \(entry.sha256.prefix(12))…  \(entry.path)") }
        print("wrote \(lock) (\(lockFile.entries.count) plugins)")
    }
}
