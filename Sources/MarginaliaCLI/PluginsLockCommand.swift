import ArgumentParser
import Foundation
import MarginaliaBatch
import MarginaliaPresentation

struct PluginsLockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock",
        abstract: "Pin the plugins in use (name, version, SHA-256 of each file) in marginalia.lock.",
        discussion: """
            Commit marginalia.lock with your project. `marginalia annotate --locked` then runs
            the plugins of the lock and refuses to run if any differs — another version, an
            edited plugin, term or library file (each named) — so colleagues get identical
            results. `marginalia plugins sync` restores plugins that were installed with
            `marginalia plugins install` from their recorded source.

            Without --only, the lock is rewritten with every plugin on the search path. With
            --only, just those plugins (and what they require) are added or updated; the
            lock's other entries stay. Sources recorded by `plugins install` are kept.

            Examples:
              marginalia plugins lock
              marginalia plugins lock --only sanctions          # accept an edit to one plugin
              marginalia plugins lock --only defense,un_votes --lock review.lock
            """
    )

    @OptionGroup var pluginOptions: PluginOptions

    @Option(help: ArgumentHelp("The lock file to write.", valueName: "file"))
    var lock: String = PluginLock.defaultName

    func run() throws {
        let set = try pluginOptions.pluginSet()
        let previous: PluginLock
        do { previous = try PluginLock.loadIfPresent(path: lock) } catch { throw CommandFailure("\(error)") }
        var lockFile = pluginOptions.only == nil ? PluginLock(entries: []) : previous
        for plugin in set.descriptors {
            var entry = PluginLock.Entry(plugin: plugin)
            if let old = previous[plugin.name], old.path == plugin.path, let source = old.source {
                entry.source = source
                entry.commit = old.commit
                if old.sha256 != entry.sha256 {
                    Console.warn("\(plugin.name) now differs from what was installed from \(source); `marginalia plugins sync` will refuse it until the source has the change and you install it again")
                }
            }
            lockFile.set(entry)
        }
        for dropped in previous.entries where lockFile[dropped.name] == nil {
            print("dropped \(dropped.name) \(dropped.version) (not among the plugins in use)")
        }
        try lockFile.render().write(toFile: lock, atomically: true, encoding: .utf8)
        for entry in lockFile.entries where set.descriptors.contains(where: { $0.name == entry.name }) {
            print("\(entry.name) \(entry.version) \(entry.sha256.prefix(12))…  \(entry.path)")
        }
        print("wrote \(lock) (\(lockFile.entries.count) plugin\(lockFile.entries.count == 1 ? "" : "s"))")
    }
}
