import Foundation
import MarginaliaTestSupport
import XCTest

#if os(Linux)

/// The PostgreSQL client library is loaded on first use: a run on a SQLite store never maps
/// it, and a libpq that cannot be loaded is an error naming the file, exit status 1. (Linux:
/// the glibc loader's `LD_DEBUG` and the libraries' Linux names.)
final class LibraryLoadingTests: XCTestCase {
    private let directory = TemporaryDirectory()

    /// A PostgreSQL store nobody listens for (port 1 of the loopback: the connection is refused).
    private let unreachableStore = "postgresql://marginalia@127.0.0.1:1/nothing"

    func testASQLiteRunDoesNotLoadLibPQ() throws {
        directory.write("in/a.txt", "The army bought tanks before the harvest.")
        // LD_DEBUG=libs: the dynamic loader names every library it looks for, on standard error.
        let result = try marginalia(["annotate", "in", "--plugins", Repository.path("Plugins"), "--store", "s.sqlite", "--quiet"],
                                    in: directory.path, environment: ["LD_DEBUG": "libs"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("find library=") || result.stderr.contains("calling init:"),
                      "LD_DEBUG=libs printed nothing: \(result.stderr.prefix(500))")
        let libpqLines = result.stderr.split(separator: "\n").filter { $0.contains("libpq") }
        XCTAssertEqual(libpqLines, [], "a SQLite run loaded libpq")
    }

    func testALibPQThatCannotBeLoadedIsAnErrorNamingTheFile() throws {
        let missing = directory.file("no-such-libpq.so.5")
        let result = try marginalia(["export", "--store", unreachableStore], in: directory.path,
                                    environment: ["MARGINALIA_LIBPQ": missing])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("cannot load the PostgreSQL client library \(missing)"), result.stderr)
        XCTAssertTrue(result.stderr.contains("MARGINALIA_LIBPQ"), result.stderr)
    }

    func testALibraryThatIsNotLibPQIsNamedWithTheMissingFunction() throws {
        // zlib is loaded by every marginalia process: a real library, but not libpq.
        let result = try marginalia(["export", "--store", unreachableStore], in: directory.path,
                                    environment: ["MARGINALIA_LIBPQ": "libz.so.1"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("libz.so.1 is not the PostgreSQL client library libpq: it has no function PQconnectdb"),
                      result.stderr)
    }

    func testTheSystemLibPQIsLoadedAtTheFirstConnection() throws {
        // libpq loads and answers: the refused connection is its own message.
        let result = try marginalia(["export", "--store", unreachableStore], in: directory.path,
                                    environment: ["LD_DEBUG": "libs"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("cannot connect:"), result.stderr)
        XCTAssertTrue(result.stderr.split(separator: "\n").contains { $0.contains("libpq.so.5") }, "libpq was not loaded")
    }
}
#endif
