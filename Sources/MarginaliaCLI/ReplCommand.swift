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
            Line editing comes from GNU readline when it is installed: Tab completes Lua
            names (doc:, ctx., marginalia., string., globals), the history is kept in
            ~/.marginalia_history, and Ctrl-C clears the line (Ctrl-D leaves).
            `marginalia`, `ctx` and other tables of functions print their members.
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
        let reader = InteractiveLineReader(completions: isatty(STDIN_FILENO) != 0 ? Self.completions(host: host, document: document) : [])
        defer { reader.saveHistory() }
        if reader.isInteractive {
            print("marginalia \(MarginaliaVersion.current) Lua sandbox — document '\(document.id)'. :help for help, Ctrl-D to leave.")
        }
        var pending = ""
        var failures = 0
        while let line = reader.read(prompt: pending.isEmpty ? "marginalia> " : "        ... ") {
            if reader.takeInterrupt { pending = "" }   // Ctrl-C dropped the unfinished input
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

    /// The host functions, one a line: `doc:annotate(start, stop, label [, options])` and
    /// what it does (`docs/lua-api.md` has the whole reference).
    static func apiHelp() -> String {
        let entries = LuaAPIListing.functions
        let width = entries.map(\.call.count).max() ?? 0
        return "The API (docs/lua-api.md has it all; doc.text, doc.id, doc.lang, doc.title, doc.meta, ctx.params are fields):\n"
            + entries.map { "  " + $0.call.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.summary }.joined(separator: "\n")
    }

    /// What Tab completes: the host functions, the document's fields, and every name the
    /// sandbox offers (globals, `string.`, `table.`, `math.`…), read from a session.
    static func completions(host: PluginHost, document: Document) -> [String] {
        var names = Set(LuaAPIListing.functions.map { $0.name + "(" })
        names.formUnion(["doc.text", "doc.id", "doc.lang", "doc.title", "doc.meta", "ctx.params", "ctx.plugin", ":doc ", ":file ", ":text ", ":show", ":help", ":quit"])
        if case .success(let outcome) = host.evaluate(Self.namesScript, on: document, keepingGlobals: false), let listed = outcome.values.first {
            names.formUnion(listed.split(separator: " ").map(String.init))
        }
        return names.sorted()
    }

    /// Lists the globals of the sandbox and the members of its libraries, functions with "(".
    static let namesScript = """
        local seen, out = {}, {}
        local function members(prefix, t, depth)
          if type(t) ~= "table" or depth > 2 then return end
          for k, v in pairs(t) do
            local name = type(k) == "string" and prefix .. k .. (type(v) == "function" and "(" or "")
            if name and not seen[name] then seen[name] = true; out[#out + 1] = name end
          end
          local mt = getmetatable(t)
          if type(mt) == "table" and type(mt.__index) == "table" then members(prefix, mt.__index, depth + 1) end
        end
        members("", _ENV, 0)
        members("", _G, 0)
        for _, lib in ipairs({ "marginalia", "string", "table", "math", "utf8", "os", "coroutine" }) do
          members(lib .. ".", _ENV[lib], 0)
        end
        return table.concat(out, " ")
        """

    private func command(_ line: String, document: inout Document) throws {
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        let argument = parts.count > 1 ? parts[1] : ""
        switch parts[0] {
        case ":doc": document = try DocumentSourceOptions.stored(argument, store: storeOptions)
        case ":file": document = try DocumentSourceOptions.firstDocument(in: argument)
        case ":text": document = Document(id: "text", text: argument)
        case ":show": break
        case ":help": print(Self.configuration.discussion + "\n" + Self.apiHelp()); return
        default: throw ValidationError("unknown command \(parts[0]); try :help")
        }
        print("document '\(document.id)' [\(document.metadata.language ?? "und")], \(document.text.unicodeScalars.count) characters")
    }
}
