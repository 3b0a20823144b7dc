import Foundation
import MarginaliaTestSupport
import XCTest

/// A batch whose store is on a full file system stops with "no space left on device"
/// naming the store, leaves it consistent, and completes once space is freed, with the
/// export of an uninterrupted run. The file system is a real 8 MB tmpfs (the tests run as
/// root here and in CI); where mounting is not permitted the test says so and is skipped.
final class DiskFullTests: XCTestCase {
    private var mountPoint: String?

    override func tearDown() {
        if let mountPoint {
            _ = try? ChildProcess.run(program: "/bin/umount", [mountPoint])
            try? FileManager.default.removeItem(atPath: mountPoint)
        }
    }

    private func mountSmallFileSystem(_ directory: TemporaryDirectory) throws -> String {
        let point = directory.file("full")
        try FileManager.default.createDirectory(atPath: point, withIntermediateDirectories: true)
        let mount = try ChildProcess.run(program: "/bin/mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", point])
        guard mount.status == 0 else {
            throw XCTSkip("cannot mount a tmpfs here (\(mount.stderr.trimmingCharacters(in: .whitespacesAndNewlines))): run the tests as root")
        }
        mountPoint = point
        return point
    }

    func testAFullDiskStopsTheBatchNamedAndConsistentAndAFreedDiskCompletesIt() throws {
        let directory = TemporaryDirectory()
        // About 0.6 MB of text and 6,000 spans: a store of about 3 MB.
        var lines: [String] = []
        for index in 0..<250 {
            let text = (0..<12).map { SyntheticCorpus.text(index * 12 + $0) }.joined(separator: " ")
            lines.append(#"{"id":"n\#(index)","text":"\#(text)"}"#)
        }
        let input = directory.write("corpus/news.jsonl", lines.joined(separator: "\n") + "\n")
        directory.write("plugins/terms.lua", """
            local words = marginalia.lexicon{ "tanks", "harvest", "security council", "récolte", "bridge", "drought" }
            return {
              name = "terms", version = "1.0", description = "a few terms", labels = { "term" },
              annotate = function (doc)
                for _, m in ipairs(words:find_all(doc)) do doc:annotate(m.start, m.stop, "term", { features = { term = m.term } }) end
              end,
            }
            """)
        func arguments(_ store: String) -> [String] {
            ["annotate", input, "--plugins", directory.file("plugins"), "--only", "terms", "--store", store, "--batch-size", "50", "--quiet"]
        }
        let reference = directory.file("reference.sqlite")
        let uninterrupted = try ChildProcess.run(arguments(reference))
        XCTAssertEqual(uninterrupted.status, 0, uninterrupted.stderr)
        // The store and its write-ahead log when there is one (the main file fills at checkpoints).
        let referenceSize = [reference, reference + "-wal"].reduce(0) {
            $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0)
        }
        XCTAssertGreaterThan(referenceSize, 2_000_000)
        XCTAssertLessThan(referenceSize, 4_000_000)

        let full = try mountSmallFileSystem(directory)
        // Leave about 2 MB free: the store fills it part of the way through the corpus.
        let filler = (full as NSString).appendingPathComponent("filler")
        XCTAssertTrue(FileManager.default.createFile(atPath: filler, contents: Data(count: 6 << 20)), "the filler is written: \(filler)")
        let store = (full as NSString).appendingPathComponent("news.sqlite")
        let failed = try ChildProcess.run(arguments(store))
        XCTAssertEqual(failed.status, 1, "stops with an error, not a signal: \(failed.stderr)")
        XCTAssertTrue(failed.stderr.contains("\(store): no space left on device"), failed.stderr)
        let partial = try ChildProcess.run(["check", "--store", store])
        XCTAssertEqual(partial.status, 0, "the store is consistent after the failure: \(partial.stdout) \(partial.stderr)")
        XCTAssertFalse(partial.stdout.contains("(250 documents"), "the run stopped part of the way: \(partial.stdout)")

        try FileManager.default.removeItem(atPath: filler)
        let resumed = try ChildProcess.run(arguments(store))
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        let export = try ChildProcess.run(["export", "--store", store])
        let expected = try ChildProcess.run(["export", "--store", reference])
        XCTAssertEqual(export.status, 0, export.stderr)
        XCTAssertEqual(export.stdout, expected.stdout, "the export equals that of one uninterrupted run")
    }
}
