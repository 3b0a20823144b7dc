import Foundation
import Marginalia
@testable import MarginaliaBatch
import MarginaliaTestSupport
import XCTest

/// How the pipeline's threads hand documents on: in chunks from files, one record at a time
/// from an input that may keep the reader waiting.
final class HandOffTests: XCTestCase {
    func testABufferIsFullAtItsBytesOrItsItemsAndTakeEmptiesIt() {
        var buffer = HandOffBuffer<Int>(maxBytes: 100, maxItems: 3)
        XCTAssertTrue(buffer.isEmpty)
        XCTAssertFalse(buffer.add(1, bytes: 40))
        XCTAssertTrue(buffer.add(2, bytes: 60), "100 bytes fill it")
        XCTAssertEqual(buffer.take(), [1, 2])
        XCTAssertTrue(buffer.isEmpty)
        XCTAssertFalse(buffer.add(3))
        XCTAssertFalse(buffer.add(4, bytes: 99), "the bytes were counted again from zero")
        XCTAssertTrue(buffer.add(5), "three items fill it")
        XCTAssertEqual(buffer.take(), [3, 4, 5])
    }

    func testOnlyRegularFilesAreReadInChunks() throws {
        let directory = TemporaryDirectory()
        let file = directory.write("a.jsonl", SyntheticCorpus.jsonl(count: 2))
        XCTAssertFalse(AnnotationPipeline.mayWaitForInput([file]))
        XCTAssertTrue(AnnotationPipeline.mayWaitForInput(["-"]))
        XCTAssertTrue(AnnotationPipeline.mayWaitForInput([file, "-"]))
        let fifo = directory.file("p.jsonl")
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertTrue(AnnotationPipeline.mayWaitForInput([fifo]))
    }

    /// A record from a pipe is annotated while the writer of the pipe still holds it open:
    /// the reader does not wait for a chunk to fill.
    func testARecordFromAPipeIsAnnotatedBeforeTheNextOneArrives() throws {
        let directory = TemporaryDirectory()
        let fifo = directory.file("live.jsonl")
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let lines = SyntheticCorpus.jsonl(count: 2).split(separator: "\n").map { String($0) + "\n" }
        let firstDone = DispatchSemaphore(value: 0)
        let sawFirstEarly = LockedFlag()
        let feeder = Thread {
            guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
            handle.write(Data(lines[0].utf8))
            if firstDone.wait(timeout: .now() + 30) == .success { sawFirstEarly.set() }
            handle.write(Data(lines[1].utf8))
            try? handle.close()
        }
        feeder.start()
        let store = try SQLiteAnnotationStore(path: directory.file("s.sqlite"))
        let pipeline = AnnotationPipeline(plugins: try PluginSet(paths: [Repository.path("Plugins/defense/defense.lua")]),
                                          store: store, options: .init(jobs: 1))
        var signalled = false
        pipeline.onProgress = { progress in
            if progress.documentsDone >= 1, !signalled { signalled = true; firstDone.signal() }
        }
        let summary = try pipeline.run(inputs: [fifo])
        XCTAssertEqual(summary.documentsAnnotated, 2)
        XCTAssertTrue(sawFirstEarly.isSet, "the first record waited for the second")
    }
}

private final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
