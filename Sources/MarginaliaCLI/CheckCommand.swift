import ArgumentParser
import Foundation
import Marginalia

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that a store is intact, and say what is wrong when it is not.",
        discussion: """
            Runs the backend's own checks first: for SQLite, PRAGMA integrity_check; for \
            PostgreSQL, the database's encoding (UTF8), indexes left invalid by an \
            interrupted build, constraints not validated and foreign-key triggers switched \
            off. Then it reads every document and annotation once and checks what the other \
            commands rely on: each text is valid UTF-8 and matches its stored length, \
            code-point count and hash; each span lies within its text on UTF-8 boundaries, \
            with code-point offsets equal to its bytes decoded; each annotation has its \
            document, its plugin and an output row of that plugin version.

            Exit status 0 when the store is intact, 1 when something is wrong (each problem \
            on a line naming the document and the annotation's row id).

            Examples:
              marginalia check
              marginalia check --store runs/2024.sqlite
              marginalia check --store postgresql://me@db.lab:5432/news
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("Describe at most this many problems (the rest are counted).", valueName: "n"))
    var limit = 100

    func run() throws {
        guard let store = try storeOptions.openExisting() as? any CheckableStore else {
            throw CommandFailure("\(storeOptions.displayName): this store cannot be checked")
        }
        let report = store.check(limit: max(1, limit))
        let checked = "\(report.documents) documents and \(report.annotations) annotations"
        if report.isHealthy {
            print("\(storeOptions.displayName): ok (\(checked) checked)")
            return
        }
        for problem in report.problems { print(TerminalText.safe(problem)) }
        if report.moreProblems > 0 { print("… and \(report.moreProblems) more problems") }
        let total = report.problems.count + report.moreProblems
        Console.error("\(storeOptions.displayName): \(total) problem\(total == 1 ? "" : "s") (\(checked) read). "
            + "Export what can be read, or move the store aside and annotate again.")
        throw ExitCode(1)
    }
}
