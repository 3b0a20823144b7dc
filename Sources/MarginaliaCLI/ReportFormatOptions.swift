import ArgumentParser
import Marginalia
import MarginaliaPresentation

/// `--json` / `--csv`, shared by the commands that print tables.
struct ReportFormatOptions: ParsableArguments {
    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(help: "Print CSV instead of a table (several tables are separated by a blank line).")
    var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
    }

    /// Prints the tables as text or CSV, or `json` when --json.
    func print(_ tables: [ReportTable], json value: @autoclosure () -> JSONValue) {
        if json {
            printData(value().serialized())
        } else if csv {
            printData(tables.map { $0.csv() }.joined(separator: "\n"), terminator: "")
        } else {
            Swift.print(TerminalText.safe(tables.map { $0.text() }.joined(separator: "\n")), terminator: "")
        }
    }
}
