import ArgumentParser
import Foundation
import Marginalia
import MarginaliaBatch
import MarginaliaLua

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Run a Lua snippet, or plugins, on one document in the plugin sandbox.",
        discussion: """
            The snippet sees `doc` and `ctx` as a plugin's annotate function does, may emit any
            label, and can read the labels of the plugins given with --plugin (which run first).
            An expression prints its value; a statement can `return` several. Same limits as
            plugins. Without a snippet, the --plugin plugins run and their annotations print:
            that is how `marginalia errors` reproduces one failure alone.

            Examples:
              marginalia eval 'return #doc:tokens()' --doc 000_fac921506216631c
              marginalia eval 'doc.text:find("UNESCO")' --file seeds/000_fac921506216631c.txt
              marginalia eval --plugin un_votes --doc 000_fac921506216631c
              marginalia eval '#doc:annotations("topic:defense")' --plugin defense --text "Tanks, missiles and troops."
              marginalia eval 'marginalia.lexicon{"viet nam"}:find_all(doc)' --text "Việt Nam"
            """
    )

    @Argument(help: ArgumentHelp("Lua code (an expression or statements).", valueName: "code"))
    var code: String?

    @Option(name: .customLong("plugin"),
            help: ArgumentHelp("Run this plugin (name or .lua file) first, with what it requires (repeatable).", valueName: "name|path"))
    var pluginTargets: [String] = []

    @OptionGroup var source: DocumentSourceOptions
    @OptionGroup var pluginOptions: PluginOptions
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if code == nil && pluginTargets.isEmpty {
            throw ValidationError("give a snippet, e.g. marginalia eval 'return #doc:tokens()' --text \"Two words.\", or --plugin NAME")
        }
    }

    func run() throws {
        let document = try source.document(store: storeOptions)
        let host = try SnippetHost.make(targets: pluginTargets, options: pluginOptions)
        let result = host.evaluate(code ?? "", on: document)
        if !SnippetPrinter.print(result, document: document) { throw ExitCode(1) }
    }
}

/// A plugin host for `eval` and `repl`: the requested plugins (and what they require) loaded.
enum SnippetHost {
    static func make(targets: [String], options: PluginOptions) throws -> PluginHost {
        if targets.isEmpty { return try PluginHost(limits: options.limits) }
        let set = try options.pluginSet(targets: targets).set
        do { return try set.makeHost() } catch { throw CommandFailure("\(error)") }
    }
}
