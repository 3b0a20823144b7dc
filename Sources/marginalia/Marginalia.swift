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
              marginalia export --output out.jsonl    # everything, one JSON object per line
              marginalia errors                       # what failed in the last run, and how to reproduce it

            Plugins are Lua files returning a manifest table; see docs/lua-api.md.
            """,
        version: MarginaliaVersion.current,
        subcommands: [
            AnnotateCommand.self, ErrorsCommand.self, ExportCommand.self, ShowCommand.self,
            PluginsCommand.self, EvalCommand.self, ReplCommand.self,
        ]
    )
}
