import ArgumentParser
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
              marginalia report --output report/           # a static HTML page

            Plugins are Lua files returning a manifest table; see docs/lua-api.md.
            """,
        version: MarginaliaVersion.current,
        subcommands: [
            AnnotateCommand.self, ErrorsCommand.self, ShowCommand.self, QueryCommand.self, MergeCommand.self, AgreementCommand.self,
            EvaluateCommand.self, DiffCommand.self, ExportCommand.self, ImportCommand.self, ReportCommand.self, KWICCommand.self,
            PluginsCommand.self, EvalCommand.self, ReplCommand.self,
        ]
    )
}
