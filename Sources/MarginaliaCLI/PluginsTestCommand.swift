import ArgumentParser
import Foundation
import Marginalia
import MarginaliaBatch

struct PluginsTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run plugins' examples and report like a test runner.",
        discussion: """
            Each entry of a plugin's `examples` is a test: its `text` (with optional `lang` and
            `meta`) is annotated, then every label in `expect` must appear, none in `reject`
            may, and each `spans` entry { label = …, text = … } must be found on that
            text.
            Plugins run with what they require, as in a real batch.

            Exit status: 0 when every example passes, 1 otherwise — also when no example ran \
            at all (no plugin matched, or none has examples), so that a CI job running it never \
            goes green without testing anything.

            Examples:
              marginalia plugins test                      # every plugin on the search path
              marginalia plugins test defense un_votes
              marginalia plugins test Plugins/my_tagger.lua
            """
    )

    @Argument(help: ArgumentHelp("Plugin names or .lua files (default: every plugin on the search path).", valueName: "name|path"))
    var targets: [String] = []

    @OptionGroup var pluginOptions: PluginOptions

    @Flag(name: [.short, .long], help: "List passing examples too.")
    var verbose = false

    func run() throws {
        let (set, names) = try pluginOptions.pluginSet(targets: targets)
        let results: [ExampleResult]
        do {
            results = try PluginExampleRunner(set: set).run(plugins: names.isEmpty ? nil : names)
        } catch {
            throw CommandFailure("\(error)")
        }
        var passed = 0, failed = 0
        let tested = set.descriptors.filter { names.isEmpty || names.contains($0.name) }
        for plugin in tested {
            let mine = results.filter { $0.plugin == plugin.name }
            let failures = mine.filter { !$0.passed }
            passed += mine.count - failures.count
            failed += failures.count
            let note = mine.isEmpty ? "no examples — add some to its `examples`" : "\(mine.count - failures.count)/\(mine.count) passed"
            print("\(plugin.name) \(plugin.version) (\(plugin.path)): \(note)")
            for result in mine where verbose || !result.passed {
                print("  \(result.passed ? "✓" : "✗") example \(result.number) \(Self.preview(result.example.text))")
                for failure in result.failures { print("      \(failure)") }
            }
        }
        print("\(passed) passed, \(failed) failed")
        if passed + failed == 0 {
            Console.error("no example ran: " + Self.whyNothingRan(names: names, set: set, tested: tested.map(\.name)))
            throw ExitCode(1)
        }
        if failed > 0 { throw ExitCode(1) }
    }

    /// Why a run tested nothing: names that match no loaded plugin (a manifest whose name
    /// differs from its file's), or plugins without examples.
    static func whyNothingRan(names: [String], set: PluginSet, tested: [String]) -> String {
        var reasons: [String] = []
        for name in names where !set.descriptors.contains(where: { $0.name == name }) {
            let sameFile = set.descriptors.first { (($0.path as NSString).lastPathComponent as NSString).deletingPathExtension == name }
            if let sameFile {
                reasons.append("'\(name)' names no loaded plugin: the manifest of \(sameFile.path) says name = \"\(TerminalText.safeLine(sameFile.name))\" "
                    + "(a plugin's name must be its file's name)")
            } else {
                reasons.append("'\(name)' names no loaded plugin")
            }
        }
        if reasons.isEmpty {
            let plugins = tested.isEmpty ? "the plugins given" : tested.map(TerminalText.safeLine).joined(separator: ", ")
            reasons.append("\(plugins) \(tested.count == 1 ? "has" : "have") no `examples` in \(tested.count == 1 ? "its" : "their") manifest")
        }
        return reasons.joined(separator: "; ")
    }

    static func preview(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return "\"" + (line.count > 60 ? line.prefix(57) + "…" : line) + "\""
    }
}
