import ArgumentParser
import Foundation
import Marginalia

@main
struct MarginaliaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marginalia",
        abstract: "Annotate news articles with small Lua taggers, and query what they found.",
        discussion: """
            A typical session:
              marginalia annotate seeds/         # bundled taggers → marginalia.sqlite
              marginalia show 000_fac921506216631c         # a document, annotated
              marginalia export --output out.jsonl         # one JSON object a line
              marginalia errors                            # what failed, how to reproduce it
              marginalia runs                              # past runs; --timings' CPU per stage

            Writing a tagger:
              marginalia plugins new ports       # a commented starter and a sample
              marginalia plugins test ports      # its examples are its tests
              marginalia eval '#doc:tokens()' --doc ID     # try Lua on a document
              marginalia repl --doc ID                     # …interactively

            Comparing and scoring taggers:
              marginalia query --label topic: --count      # labels per plugin
              marginalia kwic --label un.vote              # spans in context
              marginalia merge --policy vote               # one merged answer
              marginalia agreement                         # where taggers disagree
              marginalia evaluate --gold seeds/gold.tsv    # P/R/F1, FP and FN
              marginalia report --output report/           # a static HTML site
              marginalia serve                             # browse and search it live

            Plugins are Lua files returning a manifest table; see docs/lua-api.md.
            """,
        version: MarginaliaVersion.current,
        subcommands: [
            AnnotateCommand.self, ErrorsCommand.self, ShowCommand.self, QueryCommand.self, MergeCommand.self, AgreementCommand.self,
            EvaluateCommand.self, DiffCommand.self, ExportCommand.self, ImportCommand.self, ReportCommand.self, KWICCommand.self, RunsCommand.self, ServeCommand.self, CheckCommand.self,
            PluginsCommand.self, EvalCommand.self, ReplCommand.self,
        ]
    )

    /// ArgumentParser's own main, but help and usage pass through `HelpWrapping`, so that
    /// long usage lines fit 80 columns (or the terminal) and never break inside a flag, and
    /// a failure's message (which may quote a plugin's name or error) has its control
    /// characters escaped like everything else the tool prints.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = HelpWrapping.wrap(fullMessage(for: error), width: TerminalSize.columns())
            if !message.isEmpty {
                let out = code == .success ? FileHandle.standardOutput : FileHandle.standardError
                out.write(Data((TerminalText.safe(message) + "\n").utf8))
            }
            Foundation.exit(code.rawValue)
        }
    }
}
