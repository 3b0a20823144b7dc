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
    func startReader(inputs: [String], skippingCompletedFiles completedFile: (@Sendable (String) -> CompletedInput?)?,
                             work: BoundedQueue<[WorkItem]>, tally: ReaderTally) {
        let fields = options.recordFields
        let handsEachRecord = Self.mayWaitForInput(inputs)
        let reader = Thread { [stopRequested, timer, options] in
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
                case .document(let document, let fileIndex):
                    tally.count(rawBytesRead: stream.rawBytesRead)
                    full = chunk.add(.document(document, fileIndex: fileIndex), bytes: document.text.utf8.count) || handsEachRecord
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
            timer?.add("read", cpuSeconds: CPUClock.threadSeconds())
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
