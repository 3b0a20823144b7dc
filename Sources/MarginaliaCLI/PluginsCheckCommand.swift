import ArgumentParser
import Foundation
import MarginaliaBatch
import MarginaliaLua

struct PluginsCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check plugin files before sharing them: manifest, labels, requires, examples.",
        discussion: """
            Errors (exit status 1): a syntax error or invalid manifest (with file:line), a
            'requires' naming no plugin on the search path, an example naming an undeclared
            label, a label emitted without being declared (found by running the examples), a
            failing example.
            Warnings: no examples, a label without a namespace ('topic:x' or 'plugin.x').

            Examples:
              marginalia plugins check Plugins/my_tagger.lua
              marginalia plugins check Plugins/
            """
    )

    @Argument(help: ArgumentHelp("Plugin files or folders.", valueName: "path"))
    var paths: [String]

    @OptionGroup var pluginOptions: PluginOptions

    func run() throws {
        let files = PluginLocator(explicit: paths, environment: [:]).locate().plugins.filter { found in
            paths.contains { found.path.hasPrefix(($0 as NSString).standardizingPath) || found.path == $0 }
        }
        guard !files.isEmpty else { throw CommandFailure("no .lua files in \(paths.joined(separator: ", "))") }
        var errors = 0, warnings = 0
        for file in files {
            let report = try check(file)
            errors += report.errors.count
            warnings += report.warnings.count
            print("\(file.path): \(report.errors.isEmpty ? "ok" : "\(report.errors.count) error(s)")\(report.warnings.isEmpty ? "" : ", \(report.warnings.count) warning(s)")")
            for error in report.errors { print("  error: \(error)") }
            for warning in report.warnings { print("  warning: \(warning)") }
        }
        print("\(files.count) plugin(s) checked: \(errors) error(s), \(warnings) warning(s)")
        if errors > 0 { throw ExitCode(1) }
    }

    private func check(_ file: PluginLocator.Found) throws -> (errors: [String], warnings: [String]) {
        var errors: [String] = [], warnings: [String] = []
        let host = try PluginHost(limits: pluginOptions.limits)
        host.onLog = { _, _ in }
        let plugin: PluginDescriptor
        do { plugin = try host.load(path: file.path) } catch { return (["\(error)"], []) }
        if plugin.name != file.name {
            warnings.append("the file is \(file.name).lua but the plugin is named '\(plugin.name)'; the search path finds plugins by file name")
        }
        for label in plugin.labels where !label.contains(":") && !label.contains(".") {
            warnings.append("label '\(label)' has no namespace; prefer 'topic:\(label)' for document labels or '\(plugin.name).\(label)' for spans")
        }
        if plugin.examples.isEmpty { warnings.append("no examples: add some to 'examples', they are the plugin's tests") }
        let onPath = try pluginOptions.located(before: [file.path])
        for required in plugin.requires where !onPath.contains(where: { $0.name == required }) {
            errors.append("requires '\(required)', which is not on the search path (\(onPath.map(\.name).joined(separator: ", ")))")
        }
        guard errors.isEmpty else { return (errors, warnings) }
        do {
            let set = try pluginOptions.pluginSet(names: [plugin.name], extraPaths: [file.path])
            for result in try PluginExampleRunner(set: set).run(plugins: [plugin.name]) {
                for failure in result.failures { errors.append("example \(result.number): \(failure)") }
            }
        } catch {
            errors.append("\(error)")
        }
        return (errors, warnings)
    }
}
