import ArgumentParser
import Foundation
import MarginaliaBatch

struct PluginsPackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Write a plugin and its libraries as a reproducible .tar.gz (for a paper or a Zenodo record).",
        discussion: """
            The archive holds NAME/ (the plugin folder: code, term files, README, samples) and
            lib/LIB/ for each library it uses. Entries are sorted, every timestamp is 0 and
            every owner 0, and gzip records no time or name: the same plugin gives the same
            bytes on every machine. `marginalia plugins install FILE` installs it with the
            same plugin SHA-256.

            Examples:
              marginalia plugins pack ports                      # ports-1.0.0.tar.gz
              marginalia plugins pack defense --output supplementary/defense.tar.gz
            """
    )

    @Argument(help: ArgumentHelp("The plugin's name (on the search path) or its file or folder.", valueName: "name|path"))
    var target: String

    @Option(name: [.short, .long], help: ArgumentHelp("The archive to write (default: NAME-VERSION.tar.gz).", valueName: "file"))
    var output: String?

    @OptionGroup var pluginOptions: PluginOptions

    func run() throws {
        let (set, names) = try pluginOptions.pluginSet(targets: [target])
        guard let plugin = set.descriptors.first(where: { $0.name == names.first }) else {
            throw CommandFailure("no plugin '\(target)' on the search path")
        }
        let pack: PluginPacker.Pack
        do { pack = try PluginPacker.pack(plugin) } catch { throw CommandFailure("\(error)") }
        let file = output ?? "\(plugin.name)-\(plugin.version).tar.gz"
        do { try Data(pack.bytes).write(to: URL(fileURLWithPath: file)) } catch {
            throw CommandFailure("\(file): cannot write the archive: \(error.localizedDescription)")
        }
        print("wrote \(file): \(plugin.name) \(plugin.version), \(pack.entries.count) files, \(pack.bytes.count) bytes")
        for entry in pack.entries { print("  \(entry)") }
        print("archive sha256 \(pack.sha256)")
        print("plugin sha256  \(plugin.identity.sha256) (what `marginalia plugins install \(file)` gives)")
    }
}
