import ArgumentParser
import Foundation

struct PluginsNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a commented starter plugin that passes its own tests, and a sample article.",
        discussion: """
            Writes DIR/NAME.lua (default DIR: ./Plugins, which is on the search path) and
            examples/NAME_sample.txt, a sample article (its id: NAME_sample). Refuses to overwrite.

            Then:
              marginalia plugins test NAME
              marginalia annotate examples/NAME_sample.txt --only NAME
              marginalia show NAME_sample
            """
    )

    @Argument(help: "The plugin's name: lower-case letters, digits and '_', starting with a letter.")
    var name: String

    @Option(help: ArgumentHelp("Folder for the plugin file.", valueName: "dir"))
    var dir: String = "Plugins"

    @Option(help: ArgumentHelp("Folder for the sample article.", valueName: "dir"))
    var examples: String = "examples"

    func validate() throws {
        guard name.first.map({ $0.isASCII && $0.isLowercase }) == true,
              name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            throw ValidationError("plugin name '\(name)' must be lower-case letters, digits and '_', starting with a letter (e.g. ports or ship_names)")
        }
    }

    func run() throws {
        let pluginPath = (dir as NSString).appendingPathComponent("\(name).lua")
        let samplePath = (examples as NSString).appendingPathComponent("\(name)_sample.txt")
        for path in [pluginPath, samplePath] where FileManager.default.fileExists(atPath: path) {
            throw CommandFailure("\(path) already exists; pick another name or remove it")
        }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: examples, withIntermediateDirectories: true)
        try PluginTemplate.plugin(named: name).write(toFile: pluginPath, atomically: true, encoding: .utf8)
        try PluginTemplate.sampleArticle.write(toFile: samplePath, atomically: true, encoding: .utf8)
        let onSearchPath = (dir as NSString).standardizingPath == "Plugins"
        let pluginFlag = onSearchPath ? "" : " --plugins \(dir)"
        print("""
            wrote \(pluginPath)
            wrote \(samplePath)

            next:
              marginalia plugins test \(name)\(pluginFlag)
              marginalia annotate \(samplePath) --only \(name)\(pluginFlag)
              marginalia show \(name)_sample
            """)
    }
}
