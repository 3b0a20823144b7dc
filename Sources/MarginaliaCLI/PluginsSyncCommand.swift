import ArgumentParser
import Foundation
import MarginaliaBatch

struct PluginsSyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Restore every plugin of marginalia.lock from its recorded source, checking each SHA-256.",
        discussion: """
            For each plugin of the lock: if it is on disk as locked, nothing happens; if it is
            missing, it is fetched from its recorded source (a git repository at the locked
            commit, an archive, a folder) and installed only when its SHA-256 is the locked
            one. A plugin on disk that differs from the lock is refused, naming each changed
            file, unless --force (then it is replaced by the locked version).

            With the project's marginalia.toml and marginalia.lock and nothing else, a colleague
            gets the same plugins, and `marginalia annotate --locked` the same annotations.

            Exit status: 0 when every plugin is as locked; 1 otherwise.

            Examples:
              marginalia plugins sync
              marginalia plugins sync --force       # also put back edited plugins
            """
    )

    @OptionGroup var sharing: SharingOptions

    @Flag(help: "Replace plugins that differ from the lock with their locked version.")
    var force = false

    func run() throws {
        let outcomes: [PluginInstaller.Synced]
        do { outcomes = try sharing.installer(force: force).sync() } catch { throw CommandFailure("\(error)") }
        var restored = 0, unchanged = 0, failed = 0
        for synced in outcomes {
            let entry = synced.entry
            switch synced.outcome {
            case .unchanged:
                unchanged += 1
                print("\(entry.name) \(entry.version): as locked (\(entry.path))")
            case .restored:
                restored += 1
                print("\(entry.name) \(entry.version): restored from \(entry.sourceDescription), sha256 \(entry.sha256.prefix(12))… as locked")
            case .failed(let message):
                failed += 1
                Console.error("\(entry.name) \(entry.version): " + message.replacingOccurrences(of: "\n", with: "\n  "))
            }
        }
        print("\(restored) restored, \(unchanged) as locked, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }
}
