import Foundation
import Marginalia
@testable import MarginaliaBatch
import MarginaliaTestSupport
import XCTest

/// Input files hashed ahead for the resume stage: the same digest as hashing on demand,
/// never one of an older version of the file, and nothing waited for once stopped.
final class InputDigestsTests: XCTestCase {
    let folder = TemporaryDirectory()

    func testAPrefetchedDigestIsTheFilesSHA256() throws {
        let first = folder.write("a.jsonl", String(repeating: "{\"id\": \"1\", \"text\": \"tanks\"}\n", count: 50_000))
        let second = folder.write("b.jsonl", "{\"id\": \"2\", \"text\": \"wheat\"}\n")
        let digests = InputDigests()
        digests.prefetch(files: [first, second])
        XCTAssertEqual(digests.digest(ofFile: first), try StreamingSHA256.ofFile(atPath: first))
        XCTAssertEqual(digests.digest(ofFile: second), try StreamingSHA256.ofFile(atPath: second))
        XCTAssertNil(digests.digest(ofFile: folder.write("c.jsonl", "{}\n")), "a file not prefetched is the caller's to hash")
    }

    func testAFileChangedAfterItWasHashedGetsNoDigest() throws {
        let file = folder.write("a.jsonl", "{\"id\": \"1\", \"text\": \"tanks\"}\n")
        let digests = InputDigests()
        digests.prefetch(files: [file])
        XCTAssertNotNil(digests.digest(ofFile: file))
        try "{\"id\": \"1\", \"text\": \"wheat\"}\n".write(toFile: file, atomically: true, encoding: .utf8)
        XCTAssertNil(digests.digest(ofFile: file))
    }

    func testOnceStoppedNothingIsWaitedFor() throws {
        let big = folder.write("big.jsonl", String(repeating: "{\"id\": \"1\", \"text\": \"tanks and wheat\"}\n", count: 400_000))
        let digests = InputDigests()
        digests.stop()
        XCTAssertNil(digests.digest(ofFile: big))
        digests.prefetch(files: [big, big + ".missing"])
        digests.stop()
        let hash = digests.digest(ofFile: big), expected = try StreamingSHA256.ofFile(atPath: big)
        XCTAssertTrue(hash == nil || hash == expected, "stopped: no digest, or the right one if it was done")
        XCTAssertNil(digests.digest(ofFile: big + ".missing"))
    }

    func testTheResumeStageStopsThePrefetchWhenNoFileOfItsPluginsIsComplete() throws {
        let file = folder.write("big.jsonl", String(repeating: "{\"id\": \"1\", \"text\": \"tanks and wheat\"}\n", count: 400_000))
        let store = try SQLiteAnnotationStore(path: folder.path + "/store.sqlite")
        let digests = InputDigests()
        digests.prefetch(files: [file, file])
        let resume = ResumeStage(store: store, plugins: [], setKey: "no such set", force: false, digests: digests)
        XCTAssertNil(resume.completedFile)
        let hash = digests.digest(ofFile: file), expected = try StreamingSHA256.ofFile(atPath: file)   // returns: a stopped prefetch is not waited for
        XCTAssertTrue(hash == nil || hash == expected)
    }
}
