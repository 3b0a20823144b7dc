import ArgumentParser
import Marginalia

@main
struct MarginaliaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marginalia",
        abstract: "Annotate news articles with small Lua taggers, and query what they found.",
        discussion: """
            A typical session:
              marginalia annotate seeds/              # run the bundled taggers into ./marginalia.sqlite
              marginalia show 000_fac921506216631c    # one document with its annotations
              marginalia query --label topic: --count # how many of each label, per plugin
              marginalia merge --policy vote          # one merged answer, raw output kept
              marginalia agreement                    # where the taggers disagree
              marginalia evaluate --gold seeds/gold.tsv   # scores against hand labels
              marginalia report --output report/      # a static HTML page to browse
              marginalia export --output out.jsonl    # everything, one JSON object per line

            Plugins are Lua files returning a manifest table; see docs/lua-api.md.
            """,
        version: MarginaliaVersion.current,
        subcommands: [
            AnnotateCommand.self, ShowCommand.self, QueryCommand.self, MergeCommand.self, AgreementCommand.self,
            EvaluateCommand.self, DiffCommand.self, ExportCommand.self, ImportCommand.self, ReportCommand.self,
            PluginsCommand.self, EvalCommand.self, ReplCommand.self,
        ]
    )
}
