import ArgumentParser
import Marginalia
import MarginaliaLua

struct PluginsInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Describe one plugin: description, labels, requires, params with defaults, examples.",
        discussion: """
            Examples:
              marginalia plugins info un_votes
              marginalia plugins info --plugins my_tagger.lua my_tagger
            """
    )

    @Argument(help: "The plugin's name.")
    var name: String

    @OptionGroup var pluginOptions: PluginOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let found = try pluginOptions.located()
        guard let plugin = found.first(where: { $0.name == name }) else {
            throw CommandFailure("no plugin named '\(name)' on the search path (found: \(found.map(\.name).joined(separator: ", ")))")
        }
        let host = try PluginHost(limits: pluginOptions.limits)
        host.onLog = { _, _ in }
        let descriptor: PluginDescriptor
        do { descriptor = try host.load(path: plugin.path) } catch { throw CommandFailure("\(error)") }
        if json {
            printData(JSONValue.object(PluginJSON.describe(descriptor)).serialized())
            return
        }
        var lines = [
            "\(descriptor.name) \(descriptor.version)",
            "  \(descriptor.description)",
            "",
            "file:      \(descriptor.path)",
            "sha256:    \(descriptor.identity.sha256)",
            "labels:    \(descriptor.labels.joined(separator: ", "))",
            "requires:  \(descriptor.requires.isEmpty ? "nothing" : descriptor.requires.joined(separator: ", "))",
        ]
        if !descriptor.uses.isEmpty {
            let libraries = descriptor.uses.map { name in descriptor.libraryFolders[name].map { "\(name) (\($0))" } ?? name }
            lines.append("uses:      \(libraries.joined(separator: ", "))")
        }
        if !descriptor.dataFiles.isEmpty { lines.append("data:      \(descriptor.dataFiles.joined(separator: ", "))") }
        if descriptor.params.isEmpty {
            lines.append("params:    none")
        } else {
            lines.append("params:    (override with --param \(descriptor.name).NAME=VALUE or [params.\(descriptor.name)] in marginalia.toml)")
            for key in descriptor.params.keys.sorted() { lines.append("  \(key) = \(descriptor.params[key]!.serialized())") }
        }
        lines.append("examples:  \(descriptor.examples.count) (run them with `marginalia plugins test \(descriptor.name)`)")
        print(lines.joined(separator: "\n"))
    }
}
