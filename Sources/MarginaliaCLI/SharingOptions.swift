import ArgumentParser
import Foundation
import MarginaliaBatch

/// Where `plugins install`, `sync`, `update` and `remove` put plugins and record them.
struct SharingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The plugin folder to install into (it should be on the search path).", valueName: "dir"))
    var dir: String = "Plugins"

    @Option(help: ArgumentHelp("The lock file that records installed plugins.", valueName: "file"))
    var lock: String = PluginLock.defaultName

    @Option(name: .long, help: ArgumentHelp("Project file whose `plugins` folders are searched for requirements and libraries.", valueName: "file"))
    var config: String = ProjectFile.defaultName

    /// An installer for these options.
    func installer(force: Bool) throws -> PluginInstaller {
        var installer = PluginInstaller(destination: dir, lockPath: lock)
        installer.force = force
        do { installer.searchPath = try ProjectFile.load(path: config)?.plugins ?? [] } catch { throw CommandFailure("\(error)") }
        return installer
    }

    /// `--lock FILE` for printed commands, when it is not the default.
    var lockFlag: String { lock == PluginLock.defaultName ? "" : " --lock \(lock)" }
}

extension PluginLock.Entry {
    /// "file:///srv/ports.git@v1.0.0, commit 1a2b3c4d5e6f" or "the folder /home/x/ports".
    var sourceDescription: String {
        guard let source else { return "no recorded source" }
        return "\(source)" + (commit.map { ", commit \($0.prefix(12))" } ?? "")
    }
}
