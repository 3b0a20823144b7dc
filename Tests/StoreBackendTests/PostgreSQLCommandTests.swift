import Foundation
import Marginalia
import MarginaliaPostgreSQL
import MarginaliaTestSupport
import XCTest

/// The `marginalia` commands on a PostgreSQL store, as a researcher runs them: the same
/// output as on SQLite, passwords from PGPASSWORD, a password file or the URL and never
/// printed, `sslmode` honoured.
final class PostgreSQLCommandTests: XCTestCase {
    private let directory = TemporaryDirectory()

    /// Runs marginalia and asserts its exit status; some callers need only that.
    @discardableResult
    private func run(_ arguments: [String], environment: [String: String] = [:], status: Int32 = 0) throws -> CommandResult {
        let result = try ChildProcess.run(arguments, environment: environment)
        XCTAssertEqual(result.status, status, "marginalia \(arguments.joined(separator: " ")): \(result.stderr)")
        return result
    }

    func testEveryCommandReadsAndWritesThePostgreSQLStoreAsItDoesSQLite() throws {
        let url = try Backends.makeDatabase()
        let password = Backends.server!.password
        let secret = ["PGPASSWORD": password]
        let sqlite = directory.file("s.sqlite")
        let seeds = Repository.path("seeds")
        let annotated = try run(["annotate", seeds, "--store", url, "--jobs", "2"], environment: secret)
        XCTAssertTrue(annotated.stderr.contains("into \(url) ("), annotated.stderr)
        try run(["annotate", seeds, "--store", sqlite, "--jobs", "2", "--quiet"])
        let id = "000_fac921506216631c"
        // diff's other store: a copy of the SQLite one, named the same in both runs.
        let other = directory.file("other.sqlite")
        try run(["import", sqlite, "--store", other])
        for command in [["export"], ["export", "--format", "w3c"], ["export", "--format", "csv"], ["export", "--with-documents"],
                        ["query", "--label", "topic:", "--count"], ["query", "--plugin", "places", "--min-score", "0.5"],
                        ["show", id], ["errors"], ["agreement"], ["evaluate", "--gold", Repository.path("seeds/gold.tsv")],
                        ["diff", "--plugin", "defense", "--to-store", other], ["kwic", "--label", "defense.term", "--csv"], ["check"],
                        ["merge", "--policy", "vote"], ["export"]] {
            let fromSQLite = try ChildProcess.run(command + ["--store", sqlite])
            // MARGINALIA_STORE chooses the store when --store is not given.
            let fromPostgreSQL = try ChildProcess.run(command, environment: secret.merging(["MARGINALIA_STORE": url]) { $1 })
            XCTAssertEqual(fromPostgreSQL.status, fromSQLite.status, "\(command): \(fromPostgreSQL.stderr)")
            XCTAssertEqual(fromPostgreSQL.stdout.replacingOccurrences(of: url, with: "STORE"),
                           fromSQLite.stdout.replacingOccurrences(of: sqlite, with: "STORE"), "\(command)")
        }
        let runs = try run(["runs", "--store", url], environment: secret)
        XCTAssertTrue(runs.stdout.contains("completed"), runs.stdout)
        // The static report is the same site from both backends (ServeBrowserPostgreSQLTests and
        // ReportBrowserPostgreSQLTests look at the pages).
        try run(["report", "--store", url, "--output", directory.file("report-pg")], environment: secret)
        try run(["report", "--store", sqlite, "--output", directory.file("report-sqlite")])
        for page in ["index.html", "documents/batch-0001.html", "labels/topic__defense-1.html"] {
            XCTAssertEqual(try String(contentsOfFile: directory.file("report-pg/" + page), encoding: .utf8)
                               .replacingOccurrences(of: url, with: "STORE"),
                           try String(contentsOfFile: directory.file("report-sqlite/" + page), encoding: .utf8)
                               .replacingOccurrences(of: sqlite, with: "STORE"), page)
        }
        // Import from PostgreSQL into SQLite and back.
        let copy = directory.file("copy.sqlite")
        try run(["import", url, "--store", copy], environment: secret)
        XCTAssertEqual(try run(["export", "--store", copy]).stdout, try run(["export", "--store", sqlite]).stdout)
    }

    func testPasswordsComeFromTheEnvironmentAFileOrTheURLAndAreNeverPrinted() throws {
        let url = try Backends.makeDatabase()
        let password = Backends.server!.password
        let seeds = Repository.path("seeds")

        // In the URL: it works, and what is printed says *** instead.
        let inURL = try run(["annotate", seeds, "--store", "\(url)?password=\(password)", "--only", "defense"])
        XCTAssertFalse((inURL.stdout + inURL.stderr).contains(password), inURL.stderr)
        XCTAssertTrue(inURL.stderr.contains("password=***"), inURL.stderr)

        // From a password file (what ~/.pgpass is; PGPASSFILE points libpq at another).
        let address = URLComponents(string: url)!
        let passfile = directory.write("pgpass", "\(address.host!):\(address.port!):*:marginalia:\(password)\n")
        chmod(passfile, 0o600)
        let fromFile = try run(["export", "--store", url], environment: ["PGPASSFILE": passfile, "PGPASSWORD": ""])
        XCTAssertFalse(fromFile.stdout.isEmpty)
        XCTAssertEqual(fromFile.stdout, try run(["export", "--store", url], environment: ["PGPASSWORD": password]).stdout)

        // A wrong password is refused with the server's reason, and not echoed.
        let wrong = "not-the-password-4711"
        let refused = try run(["export", "--store", url], environment: ["PGPASSWORD": wrong, "PGPASSFILE": "/nonexistent"], status: 1)
        XCTAssertTrue(refused.stderr.contains("password authentication failed"), refused.stderr)
        XCTAssertFalse(refused.stderr.contains(wrong), refused.stderr)
        let inQuery = try run(["export", "--store", "\(url)?password=\(wrong)"], environment: ["PGPASSFILE": "/nonexistent"], status: 1)
        XCTAssertFalse(inQuery.stderr.contains(wrong), inQuery.stderr)
    }

    func testATeamMemberWhoMayOnlyReadExportsChecksAndSearches() throws {
        let store = try TestStore.make(.postgresql, in: directory)
        try run(["annotate", Repository.path("seeds"), "--store", store.location, "--quiet"], environment: store.environment)
        let role = "reader_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        try store.sql("CREATE ROLE \(role) LOGIN PASSWORD 'reader-secret'; GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(role)")
        let reader = store.location.replacingOccurrences(of: "//marginalia@", with: "//\(role)@")
        let asReader = ["PGPASSWORD": "reader-secret"]
        // It opens the store without migrating it, reads what the owner reads, and checks it.
        XCTAssertEqual(try run(["export", "--store", reader], environment: asReader).stdout,
                       try run(["export", "--store", store.location], environment: store.environment).stdout)
        XCTAssertTrue(try run(["check", "--store", reader], environment: asReader).stdout.contains(": ok (5 documents and "))
        // It may not create the search index, and searches without it.
        let search = DocumentSearch(text: "\"prime minister\" OR tanks")
        let found = try PostgreSQLAnnotationStore(url: reader + "?password=reader-secret").makeSearchIndex().search(search)
        XCTAssertEqual(try store.sql("SELECT count(*) FROM pg_class WHERE relname = 'documents_search'"), "0\n")
        let byOwner = try store.open().makeSearchIndex().search(search)
        XCTAssertEqual(try store.sql("SELECT count(*) FROM pg_class WHERE relname = 'documents_search'"), "1\n")
        XCTAssertEqual(found, byOwner)
        XCTAssertGreaterThan(found.total, 0)
        // Writing is refused with the server's reason.
        let annotate = try run(["annotate", Repository.path("seeds"), "--store", reader, "--force", "--quiet"], environment: asReader, status: 1)
        XCTAssertTrue(annotate.stderr.contains("permission denied"), annotate.stderr)
    }

    func testSSLModeIsHonoured() throws {
        let url = try Backends.makeDatabase()
        // The test server has no certificate: sslmode=require must fail, sslmode=disable work.
        let required = try run(["export", "--store", "\(url)?sslmode=require"], environment: ["PGPASSWORD": Backends.server!.password], status: 1)
        XCTAssertTrue(required.stderr.lowercased().contains("ssl"), required.stderr)
        try run(["export", "--store", "\(url)?sslmode=disable"], environment: ["PGPASSWORD": Backends.server!.password])
    }
}
