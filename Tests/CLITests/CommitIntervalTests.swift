import Foundation
import Marginalia
import MarginaliaTestSupport
import XCTest

/// `annotate --commit-interval`: refused unless positive, and a long interval still stores
/// every document (the transactions then follow `--batch-size` alone).
final class CommitIntervalTests: XCTestCase {
    private let directory = TemporaryDirectory()

    func testANonPositiveIntervalIsAUsageErrorNamingTheOption() throws {
        let corpus = ColourCorpus(in: directory)
        for value in ["0", "-1"] {
            let run = try marginalia(["annotate", corpus.input, "--plugins", corpus.plugins, "--store", "s.sqlite",
                                      "--commit-interval=\(value)"], in: directory.path)
            XCTAssertEqual(run.status, 64, run.stderr)
            XCTAssertTrue(run.stderr.contains("--commit-interval must be more than 0 seconds"), run.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("s.sqlite")), "no run, no store")
        }
    }

    func testALongIntervalCommitsByBatchSizeAndKeepsEveryDocument() throws {
        let corpus = ColourCorpus(in: directory)
        let run = try marginalia(["annotate", corpus.input, "--plugins", corpus.plugins, "--only", "colours,shapes",
                                  "--store", "s.sqlite", "--quiet", "--jobs", "1", "--batch-size", "1",
                                  "--commit-interval", "3600"], in: directory.path)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("run 1: 4 documents annotated, 0 already done, 9 annotations, 0 errors in "), run.stdout)
        let store = try SQLiteAnnotationStore(path: directory.file("s.sqlite"))
        XCTAssertEqual(try store.documentCount(), 4)
    }
}
