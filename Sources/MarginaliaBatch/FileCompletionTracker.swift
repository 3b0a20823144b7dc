import Marginalia

/// Follows every record file through the pipeline and says when one is complete: the
/// reader reached its end, every one of its records was committed or skipped, and no
/// plugin failed on it (failures to read a record are deterministic and allowed).
///
/// ```swift
/// var tracker = FileCompletionTracker(pluginSetSHA256: key)
/// tracker.recordProcessed(fileIndex: 0, pluginFailed: false)
/// if let done = tracker.fileFinished(file) { batch.completedInputs.append(done) }
/// ```
struct FileCompletionTracker {
    let pluginSetSHA256: String
    private var processed: [Int: Int] = [:]
    private var tainted: Set<Int> = []
    private var finished: [Int: CorpusFile] = [:]

    init(pluginSetSHA256: String) { self.pluginSetSHA256 = pluginSetSHA256 }

    /// One record of file `fileIndex` went through; returns the file if that completed it.
    mutating func recordProcessed(fileIndex: Int?, pluginFailed: Bool) -> CompletedInput? {
        guard let fileIndex else { return nil }
        processed[fileIndex, default: 0] += 1
        if pluginFailed { tainted.insert(fileIndex) }
        return completion(of: fileIndex)
    }

    /// The reader finished a file; returns it if all its records already went through.
    mutating func fileFinished(_ file: CorpusFile) -> CompletedInput? {
        guard file.isRecordFile, file.contentSHA256 != nil else { return nil }
        finished[file.index] = file
        return completion(of: file.index)
    }

    private mutating func completion(of index: Int) -> CompletedInput? {
        guard let file = finished[index], let hash = file.contentSHA256,
              processed[index, default: 0] == file.documents + file.failures + file.empty else { return nil }
        finished[index] = nil
        processed[index] = nil
        defer { tainted.remove(index) }
        guard !tainted.contains(index) else { return nil }
        return CompletedInput(contentSHA256: hash, pluginSetSHA256: pluginSetSHA256, path: file.path,
                              documents: file.documents, errors: file.failures)
    }
}
