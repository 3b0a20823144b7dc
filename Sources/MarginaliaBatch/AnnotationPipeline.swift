import Foundation
import Marginalia
import MarginaliaLua

/// The batch engine: a streaming corpus reader, `jobs` worker threads (each with its own
/// Lua states), and one writer committing batched transactions.
///
/// Memory stays flat: the queues between stages are bounded. A document whose text and
/// plugins (hash and params) are already in the store is skipped unless `force` is set.
/// Every transaction holds whole documents, so an interrupted or killed run leaves a
/// consistent store and a rerun completes it.
///
/// ```swift
/// let plugins = try PluginSet(paths: ["Plugins/defense.lua"])
/// let store = try SQLiteAnnotationStore(path: "marginalia.sqlite")
/// let summary = try AnnotationPipeline(plugins: plugins, store: store).run(inputs: ["seeds"])
/// print(summary.documentsAnnotated, summary.errors.count)
/// ```
public final class AnnotationPipeline: @unchecked Sendable {
    /// How a run behaves.
    public struct Options: Sendable {
        /// Worker threads (default: the number of cores).
        public var jobs: Int
        /// Redo documents already annotated by these plugin versions.
        public var force: Bool
        /// Documents per store transaction.
        public var batchSize: Int

        public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, force: Bool = false, batchSize: Int = 256) {
            self.jobs = max(1, jobs)
            self.force = force
            self.batchSize = max(1, batchSize)
        }
    }

    public let plugins: PluginSet
    public let store: any AnnotationStore
    public let options: Options
    /// Called from the writer thread after each commit.
    public var onProgress: (BatchProgress) -> Void = { _ in }
    /// Messages plugins log (`ctx.log`, `print`): plugin, message.
    public var onLog: @Sendable (String, String) -> Void = { plugin, message in
        FileHandle.standardError.write(Data("[\(plugin)] \(message)\n".utf8))
    }
    private let stopRequested = AtomicFlag()

    public init(plugins: PluginSet, store: any AnnotationStore, options: Options = Options()) {
        self.plugins = plugins
        self.store = store
        self.options = options
    }

    /// Asks a running batch to stop: no new documents are read, work in flight is
    /// committed whole, and the run is recorded as interrupted. Safe from any thread.
    public func requestStop() { stopRequested.set() }

    /// Annotates every document under `inputs` and returns what happened.
    public func run(inputs: [String]) throws -> BatchSummary {
        let runInfo = RunInfo(
            plugins: plugins.descriptors.map(\.identity),
            params: Dictionary(uniqueKeysWithValues: plugins.descriptors.map { ($0.name, JSONValue.object($0.params)) }),
            inputs: inputs)
        let runID = try store.beginRun(runInfo)
        let work = BoundedQueue<WorkItem>(capacity: options.jobs * 32)
        let results = BoundedQueue<WorkResult>(capacity: options.jobs * 32)
        var summary = BatchSummary(runID: runID)
        summary.totalInputBytes = Self.inputSize(inputs)

        let reader = Thread { [stopRequested] in
            for item in CorpusReader(paths: inputs) {
                if stopRequested.isSet { break }
                switch item {
                case .success(let document): work.push(.document(document))
                case .failure(let error): work.push(.unreadable(error))
                }
            }
            work.close()
        }
        reader.stackSize = 4 << 20
        reader.start()

        let finished = WorkerCounter(count: options.jobs)
        for _ in 0..<options.jobs {
            let worker = Thread { [self] in
                defer { if finished.decrement() == 0 { results.close() } }
                let host: PluginHost
                do {
                    host = try plugins.makeHost()
                } catch {
                    results.push(.fatal(error))
                    while work.pop() != nil {}
                    return
                }
                host.onLog = onLog
                while let item = work.pop() { results.push(process(item, with: host)) }
            }
            worker.stackSize = 16 << 20   // Lua recursion runs on this stack
            worker.start()
        }

        var batch = StoreBatch()
        var documentsInBatch = 0
        var lastCommit = Date()
        var fatal: Error?
        let started = Date()
        func commit() throws {
            try store.write(batch, runID: runID)
            batch = StoreBatch()
            documentsInBatch = 0
            lastCommit = Date()
            summary.elapsed = Date().timeIntervalSince(started)
            onProgress(BatchProgress(summary: summary))
        }
        while let result = results.pop() {
            switch result {
            case .fatal(let error):
                fatal = fatal ?? error
                stopRequested.set()
            case .skipped(let bytes):
                summary.documentsSkipped += 1
                summary.bytesRead += bytes
            case .failed(let error):
                summary.errors.append(error)
                batch.errors.append(error)
            case .annotated(let document, let outputs, let errors):
                summary.documentsAnnotated += 1
                summary.bytesRead += document.text.utf8.count
                batch.documents.append(document)
                batch.outputs.append(contentsOf: outputs)
                batch.errors.append(contentsOf: errors)
                summary.errors.append(contentsOf: errors)
                for output in outputs {
                    for annotation in output.annotations {
                        summary.labelCounts[annotation.label, default: 0] += 1
                        summary.annotations += 1
                    }
                }
                if !errors.isEmpty { summary.documentsWithErrors += 1 }
                documentsInBatch += 1
            }
            if documentsInBatch >= options.batchSize || Date().timeIntervalSince(lastCommit) > 1 { try commit() }
        }
        try commit()
        summary.elapsed = Date().timeIntervalSince(started)
        summary.interrupted = stopRequested.isSet && fatal == nil
        let status = fatal != nil ? "failed" : summary.interrupted ? "interrupted" : "completed"
        try store.finishRun(
            id: runID,
            counts: RunCounts(documents: summary.documentsAnnotated, annotations: summary.annotations, errors: summary.errors.count),
            status: status)
        if let fatal { throw fatal }
        return summary
    }

    private func process(_ item: WorkItem, with host: PluginHost) -> WorkResult {
        switch item {
        case .unreadable(let error):
            return .failed(ProcessingError(kind: .document, message: error.description, documentID: error.documentID, source: error.source))
        case .document(let document):
            if !options.force, isComplete(document) { return .skipped(bytes: document.text.utf8.count) }
            var outputs: [PluginOutput] = []
            var errors: [ProcessingError] = []
            for result in host.annotate(document) {
                switch result {
                case .success(let output): outputs.append(output)
                case .failure(let error): errors.append(error)
                }
            }
            return .annotated(document, outputs, errors)
        }
    }

    /// True when every plugin's output for this exact text and params is already stored.
    private func isComplete(_ document: Document) -> Bool {
        guard let stored = try? store.outputKeys(documentID: document.id) else { return false }
        return plugins.descriptors.allSatisfy {
            stored.contains(OutputKey(textSHA256: document.textSHA256, plugin: $0.identity, paramsSHA256: $0.paramsSHA256))
        }
    }

    private static func inputSize(_ inputs: [String]) -> Int {
        CorpusReader.expand(inputs).files.reduce(0) { total, path in
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            return total + (size ?? 0)
        }
    }
}

enum WorkItem {
    case document(Document)
    case unreadable(DocumentError)
}

enum WorkResult {
    case annotated(Document, [PluginOutput], [ProcessingError])
    case skipped(bytes: Int)
    case failed(ProcessingError)
    case fatal(Error)
}

/// A flag set once, read from any thread.
final class AtomicFlag: @unchecked Sendable {
    private var value = false
    private let lock = NSLock()
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

/// Counts workers down; the last one closes the results queue.
final class WorkerCounter: @unchecked Sendable {
    private var count: Int
    private let lock = NSLock()
    init(count: Int) { self.count = count }
    func decrement() -> Int { lock.withLock { count -= 1; return count } }
}
