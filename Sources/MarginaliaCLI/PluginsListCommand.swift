import ArgumentParser
import Marginalia
import MarginaliaLua
import MarginaliaPresentation

struct PluginsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the plugins on the search path: name, version, labels, file and SHA-256.",
        discussion: """
            The SHA-256 covers the plugin's source and the data files it loads; it is what the
            store and marginalia.lock record.

            Examples:
              marginalia plugins list
              marginalia plugins list --plugins ~/taggers --json
            """
    )

    @OptionGroup var pluginOptions: PluginOptions

    @Flag(help: "One JSON object per plugin instead of a table.")
    var json = false

    func run() throws {
        let found = try pluginOptions.located()
        var rows: [[String]] = []
        var failed = false
        for plugin in found {
            let host = try PluginHost(limits: pluginOptions.limits)
            host.onLog = { _, _ in }
            do {
                let descriptor = try host.load(path: plugin.path)
                if json {
                    printData(JSONValue.object(PluginJSON.describe(descriptor)).serialized())
                } else {
                    rows.append([descriptor.name, descriptor.version, descriptor.labels.joined(separator: ","),
                                 descriptor.path, String(descriptor.identity.sha256.prefix(12))])
                }
            } catch {
                failed = true
                if json {
                    printData(JSONValue.object(["name": .string(plugin.name), "path": .string(plugin.path), "error": .string("\(error)")]).serialized())
                } else {
                    rows.append([plugin.name, "-", "-", plugin.path, "error: \(error)"])
                }
            }
        }
        if !json { print(ReportTable(title: "", columns: ["NAME", "VERSION", "LABELS", "FILE", "SHA256"], rows: rows).text(), terminator: "") }
        if failed { throw ExitCode(1) }
    }
}

/// Plugin descriptors as JSON for `--json` outputs.
enum PluginJSON {
    static func describe(_ plugin: PluginDescriptor) -> [String: JSONValue] {
        [
            "name": .string(plugin.name), "version": .string(plugin.version),
            "description": .string(plugin.description),
            "labels": .array(plugin.labels.map { .string($0) }),
            "requires": .array(plugin.requires.map { .string($0) }),
            "params": .object(plugin.params),
            "path": .string(plugin.path), "sha256": .string(plugin.identity.sha256),
            "data_files": .array(plugin.dataFiles.map { .string($0) }),
            "examples": .integer(Int64(plugin.examples.count)),
        ]
    }
}
