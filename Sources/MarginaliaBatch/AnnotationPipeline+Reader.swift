import Foundation
import Marginalia
import MarginaliaLua

/// The pipeline's first stage: one thread that streams the corpus into the work queue.
extension AnnotationPipeline {
    /// The reader thread: streams the corpus into `work` in chunks (``HandOffBuffer``),
    /// skipping the files that `completedFile` (the resume stage's) says a run with these
    /// plugins completed. A chunk is handed on when full and at every file boundary; from
    /// standard input or a pipe, whose next record may be long in coming, every record is
    /// handed on at once.
    ///
    /// With one worker (`--jobs 1`), that worker runs every plugin and is the batch's slowest
    /// thread, while the reader has time to spare: the reader then also makes each record's
    /// document ahead (``DocumentRecord/prepareDocument()``: the hash, language guess and
    /// NFD scan), charged to `document` in the timings. With more workers they share that
    /// work, and the reader only reads.
    func startReader(inputs: [String], skippingCompletedFiles completedFile: (@Sendable (String) -> CompletedInput?)?,
                             work: BoundedQueue<[WorkItem]>, tally: ReaderTally) {
        let fields = options.recordFields
        let handsEachRecord = Self.mayWaitForInput(inputs)
        let preparesDocuments = options.jobs == 1
        let reader = Thread { [stopRequested, timer, options] in
            // With timings: the documents measured, and the CPU seconds making them.
            var sample = StageTimer.Sample()
            var skipped: CompletedInput?
            let stream = CorpusStream(paths: inputs, hashFiles: true, fields: fields, shard: options.shard, skipFile: completedFile.map { completed in
                { path in
                    skipped = completed(path)
                    return skipped != nil
                }
            })
            var chunk = HandOffBuffer<WorkItem>()
            while !stopRequested.isSet, let event = stream.nextRecord() {
                let full: Bool
                switch event {
                case .document(var record, let fileIndex):
                    tally.count(rawBytesRead: stream.rawBytesRead)
                    if preparesDocuments {
                        if timer != nil && sample.next() {
                            let before = CPUClock.threadSeconds()
                            record.prepareDocument()
                            sample.documentSeconds += CPUClock.threadSeconds() - before
                        } else {
                            record.prepareDocument()
                        }
                    }
                    full = chunk.add(.document(record, fileIndex: fileIndex), bytes: record.text.utf8.count) || handsEachRecord
                case .failure(let error, let fileIndex):
                    tally.count(rawBytesRead: stream.rawBytesRead)
                    full = chunk.add(.unreadable(error, fileIndex: fileIndex)) || handsEachRecord
                case .fileFinished(let file):
                    full = chunk.add(.fileFinished(file)) || true
                case .fileSkipped(let file):
                    guard let completed = skipped else { continue }
                    full = chunk.add(.fileSkipped(file, completed)) || true
                }
                if full, !work.push(chunk.take()) { break }
            }
            if !chunk.isEmpty, !stopRequested.isSet { work.push(chunk.take()) }
            if !stopRequested.isSet { tally.finish() }
            work.close()
            if let timer {
                let documentSeconds = sample.scaled(sample.documentSeconds, intervals: sample.measured)
                timer.add("document", cpuSeconds: documentSeconds)
                timer.add("read", cpuSeconds: max(0, CPUClock.threadSeconds() - documentSeconds))
            }
        }
        reader.stackSize = 4 << 20
        reader.start()
    }

    /// True when some input is standard input or not a regular file (a named pipe, a
    /// device): reading its next record may wait for a writer, so records are not held back
    /// to fill a chunk.
    static func mayWaitForInput(_ inputs: [String]) -> Bool {
        CorpusReader.expand(inputs).files.contains { path in
            var info = stat()
            return path == "-" || stat(path, &info) != 0 || (info.st_mode & S_IFMT) != S_IFREG
        }
    }
}
