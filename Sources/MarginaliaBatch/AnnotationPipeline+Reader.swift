import Foundation
import Marginalia
import MarginaliaLua

/// The pipeline's first stage: one thread that streams the corpus into the work queue.
extension AnnotationPipeline {
    /// The reader thread: streams the corpus into `work`, skipping the files that
    /// `completedFile` (the resume stage's) says a run with these plugins completed.
    func startReader(inputs: [String], skippingCompletedFiles completedFile: (@Sendable (String) -> CompletedInput?)?,
                             work: BoundedQueue<WorkItem>, tally: ReaderTally) {
        let fields = options.recordFields
        let reader = Thread { [stopRequested, timer, options] in
            var skipped: CompletedInput?
            let stream = CorpusStream(paths: inputs, hashFiles: true, fields: fields, shard: options.shard, skipFile: completedFile.map { completed in
                { path in
                    skipped = completed(path)
                    return skipped != nil
                }
            })
            while !stopRequested.isSet, let event = stream.nextRecord() {
                let item: WorkItem
                switch event {
                case .document(let document, let fileIndex):
                    tally.count(rawBytesRead: stream.rawBytesRead)
                    item = .document(document, fileIndex: fileIndex)
                case .failure(let error, let fileIndex):
                    tally.count(rawBytesRead: stream.rawBytesRead)
                    item = .unreadable(error, fileIndex: fileIndex)
                case .fileFinished(let file):
                    item = .fileFinished(file)
                case .fileSkipped(let file):
                    guard let completed = skipped else { continue }
                    item = .fileSkipped(file, completed)
                }
                guard work.push(item) else { break }
            }
            if !stopRequested.isSet { tally.finish() }
            work.close()
            timer?.add("read", cpuSeconds: CPUClock.threadSeconds())
        }
        reader.stackSize = 4 << 20
        reader.start()
    }
}
