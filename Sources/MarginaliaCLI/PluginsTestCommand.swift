import ArgumentParser
import Foundation
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

            Exit status: 0 when every example passes, 1 otherwise.

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
        if failed > 0 { throw ExitCode(1) }
    }

    static func preview(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return "\"" + (line.count > 60 ? line.prefix(57) + "…" : line) + "\""
    }
}
