import ArgumentParser
import Foundation
import Marginalia
import MarginaliaLua

struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Try Lua interactively against a document, in the plugin sandbox.",
        discussion: """
            Each input runs like `marginalia eval`: `doc` and `ctx` are set, an expression
            prints its value, and the annotations it makes are listed. Input that is not
            finished (an open `function`, `if`, `{`…) continues on the next line. Globals you
            define stay for the session (`function twice(x) return 2 * x end`); `local`s last
            one input, as in Lua's own REPL.
            Line editing and history come from GNU readline when it is installed.
            Works with piped input too: echo 'return #doc.text' | marginalia repl --doc ID

            Commands:
              :doc ID       switch to a document of the store
              :file PATH    switch to the first document of a file
              :text TEXT    switch to literal text
              :show         print the current document's id, language and length
              :help         this help        :quit   leave (or Ctrl-D)
            """
    )

    @Option(name: .customLong("plugin"),
            help: ArgumentHelp("Run this plugin (name or .lua file) before each input (repeatable).", valueName: "name|path"))
    var pluginTargets: [String] = []

    @OptionGroup var source: DocumentSourceOptions
    @OptionGroup var pluginOptions: PluginOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        var document = try source.document(store: storeOptions)
        let host = try SnippetHost.make(targets: pluginTargets, options: pluginOptions)
        host.onLog = { plugin, message in print("[\(plugin)] \(message)") }
        let reader = InteractiveLineReader()
        if reader.isInteractive {
            print("marginalia \(MarginaliaVersion.current) Lua sandbox — document '\(document.id)'. :help for help, Ctrl-D to leave.")
        }
        var pending = ""
        var failures = 0
        while let line = reader.read(prompt: pending.isEmpty ? "marginalia> " : "        ... ") {
            if pending.isEmpty, line.hasPrefix(":") {
                if line == ":quit" || line == ":q" { break }
                do { try command(line, document: &document) } catch { Console.error("error: \(error)") }
                continue
            }
            pending += (pending.isEmpty ? "" : "\n") + line
            if pending.trimmingCharacters(in: .whitespaces).isEmpty { pending = ""; continue }
            let result = host.evaluate(pending, on: document, keepingGlobals: true)
            if case .failure(let error) = result, error.message.contains("<eof>") { continue }
            pending = ""
            if !SnippetPrinter.print(result, document: document, showPlugins: false) { failures += 1 }
        }
        if !pending.isEmpty {
            Console.error("error: unfinished input at end: \(pending)")
            failures += 1
        }
        if !reader.isInteractive && failures > 0 { throw ExitCode(1) }
    }

    private func command(_ line: String, document: inout Document) throws {
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        let argument = parts.count > 1 ? parts[1] : ""
        switch parts[0] {
        case ":doc": document = try DocumentSourceOptions.stored(argument, store: storeOptions)
        case ":file": document = try DocumentSourceOptions.firstDocument(in: argument)
        case ":text": document = Document(id: "text", text: argument)
        case ":show": break
        case ":help": print(Self.configuration.discussion); return
        default: throw ValidationError("unknown command \(parts[0]); try :help")
        }
        print("document '\(document.id)' [\(document.metadata.language ?? "und")], \(document.text.unicodeScalars.count) characters")
    }
}
