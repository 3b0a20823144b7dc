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

    func testAChunkPushedAtOnceComesOutInOrderAndAChunkLargerThanTheQueueGoesInParts() {
        let queue = BoundedQueue<Int>(capacity: 4)
        let producer = Thread {
            queue.push(contentsOf: Array(0..<10))
            queue.push(10)
            queue.close()
        }
        producer.start()
        var taken: [Int] = []
        while let item = queue.pop() { taken.append(item) }
        XCTAssertEqual(taken, Array(0...10))
        XCTAssertFalse(queue.push(contentsOf: [11]), "closed")
    }

    func testTwoConsumersShareOneChunk() {
        let queue = BoundedQueue<Int>(capacity: 8)
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let takenBy = [LockedList(), LockedList()]
        var consumers: [Thread] = []
        for list in takenBy {
            let consumer = Thread {
                while let item = queue.pop() {
                    list.append(item)
                    started.signal()
                    release.wait()   // hold the item, as a worker on a long document does
                }
            }
            consumers.append(consumer)
            consumer.start()
        }
        queue.push(contentsOf: [1, 2])
        XCTAssertEqual(started.wait(timeout: .now() + 20), .success)
        XCTAssertEqual(started.wait(timeout: .now() + 20), .success, "the second consumer took the second item")
        XCTAssertEqual(takenBy.map(\.items.count), [1, 1])
        queue.close()
        release.signal()
        release.signal()
    }

    func testATimingSampleMeasuresTheFirstDocumentsThenEveryEighthAndScalesUp() {
        var sample = StageTimer.Sample()
        let measured = (0..<1_256).filter { _ in sample.next() }.count
        XCTAssertEqual(measured, StageTimer.Sample.exactDocuments + 1_000 / StageTimer.Sample.interval)
        XCTAssertEqual(sample.scaled(3.81, intervals: 0), 3.81 * 1_256 / Double(measured), accuracy: 1e-12)
        let reading = StageTimer.Sample.clockReadingSeconds
        XCTAssertGreaterThan(reading, 0)
        XCTAssertLessThan(reading, 0.001)
        XCTAssertEqual(sample.scaled(3.81, intervals: 100), (3.81 - 100 * reading) * 1_256 / Double(measured), accuracy: 1e-9)
        var small = StageTimer.Sample()
        for _ in 0..<10 { XCTAssertTrue(small.next(), "a short run is measured exactly") }
        XCTAssertEqual(small.scaled(2, intervals: 0), 2)
        XCTAssertEqual(small.scaled(0, intervals: 10), 0, "never below nothing")
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

private final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int] = []
    func append(_ value: Int) { lock.withLock { values.append(value) } }
    var items: [Int] { lock.withLock { values } }
}

private final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
