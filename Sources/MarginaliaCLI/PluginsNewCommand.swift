import ArgumentParser
import Foundation

struct PluginsNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a plugin folder: a commented starter that passes its own tests, a README and a sample article.",
        discussion: """
            Writes the plugin folder DIR/NAME/ (default DIR: ./Plugins, which is on the search
            path) holding NAME.lua, README.md and examples/NAME_sample.txt, a sample article
            whose id is NAME_sample. Refuses to overwrite.

            Then:
              marginalia plugins test NAME
              marginalia annotate Plugins/NAME/examples --only NAME
              marginalia show NAME_sample
              marginalia plugins pack NAME        # to share it
            """
    )

    @Argument(help: "The plugin's name: lower-case letters, digits and '_', starting with a letter.")
    var name: String

    @Option(help: ArgumentHelp("Folder to write the plugin folder in.", valueName: "dir"))
    var dir: String = "Plugins"

    func validate() throws {
        guard name.first.map({ $0.isASCII && $0.isLowercase }) == true,
              name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            throw ValidationError("plugin name '\(name)' must be lower-case letters, digits and '_', starting with a letter (e.g. ports or ship_names)")
        }
    }

    func run() throws {
        let folder = (dir as NSString).appendingPathComponent(name)
        let pluginPath = (folder as NSString).appendingPathComponent("\(name).lua")
        let readmePath = (folder as NSString).appendingPathComponent("README.md")
        let samples = (folder as NSString).appendingPathComponent("examples")
        let samplePath = (samples as NSString).appendingPathComponent("\(name)_sample.txt")
        for path in [folder, (dir as NSString).appendingPathComponent("\(name).lua")] where FileManager.default.fileExists(atPath: path) {
            throw CommandFailure("\(path) already exists; pick another name or remove it")
        }
        try FileManager.default.createDirectory(atPath: samples, withIntermediateDirectories: true)
        try PluginTemplate.plugin(named: name).write(toFile: pluginPath, atomically: true, encoding: .utf8)
        try PluginTemplate.readme(named: name).write(toFile: readmePath, atomically: true, encoding: .utf8)
        try PluginTemplate.sampleArticle.write(toFile: samplePath, atomically: true, encoding: .utf8)
        let onSearchPath = (dir as NSString).standardizingPath == "Plugins"
        let pluginFlag = onSearchPath ? "" : " --plugins \(dir)"
        print("""
            wrote \(pluginPath)
            wrote \(readmePath)
            wrote \(samplePath)

            next:
              marginalia plugins test \(name)\(pluginFlag)
              marginalia annotate \(samples) --only \(name)\(pluginFlag)
              marginalia show \(name)_sample
            """)
    }
}
