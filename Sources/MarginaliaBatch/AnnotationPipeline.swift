import Foundation
import Marginalia
import MarginaliaLua

/// The batch engine: a streaming corpus reader, the resume stage (the one that reads the
/// store to decide what is already done), `jobs` worker threads (each with its own Lua
/// states), and one writer committing batched transactions.
///
/// Memory stays flat: the queues between stages are bounded and files are streamed. A
/// document whose text and plugins (script hashes and params) are already in the store
/// is skipped unless `force` is set, and a whole input file that a run with the same
/// plugins completed is skipped without being parsed (see ``ResumeStage``). Every transaction holds whole
/// documents, so an interrupted or killed run leaves a consistent store and a rerun
/// completes it.
///
/// One file per stage: the reader in `AnnotationPipeline+Reader.swift`, the workers in
/// `AnnotationPipeline+Workers.swift`, the resume stage in `Resume/`, and the writer loop
/// in ``run(inputs:)`` below.
///
/// ```swift
/// let plugins = try PluginSet(paths: ["Plugins/defense/defense.lua"])
/// let store = try SQLiteAnnotationStore(path: "marginalia.sqlite")
/// let summary = try AnnotationPipeline(plugins: plugins, store: store).run(inputs: ["seeds"])
/// print(summary.documentsAnnotated, summary.errors.count)
/// ```
public final class AnnotationPipeline: @unchecked Sendable {
    /// How a run behaves.
    public struct Options: Sendable {
        /// Worker threads (default: the number of cores).
        public var jobs: Int
        /// Redo documents (and files) already annotated by these plugin versions.
        public var force: Bool
        /// Documents per store transaction (at most).
        public var batchSize: Int
        /// Seconds between commits (at most), so a slow corpus still commits regularly.
        public var commitInterval: TimeInterval
        /// Stop the run (as a Ctrl-C does) once this many failures were recorded; nil: never.
        public var maxErrors: Int?
        /// The id and text fields (JSONL) or columns (CSV) of the inputs.
        public var recordFields: RecordFields
        /// Measure the CPU seconds of every stage and plugin (``BatchSummary/timings``),
        /// and store them with the run.
        public var measuresTimings: Bool
        /// The partition of the corpus this run annotates (default: all of it).
        public var shard: CorpusShard
        /// The logical run this one is a part of (`--run-name`), recorded with the run so that
        /// the shards of one job can be listed together.
        public var runName: String?

        public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, force: Bool = false,
                    batchSize: Int = 512, commitInterval: TimeInterval = 1, maxErrors: Int? = nil,
                    recordFields: RecordFields = .standard, measuresTimings: Bool = false,
                    shard: CorpusShard = .whole, runName: String? = nil) {
            self.jobs = max(1, jobs)
            self.force = force
            self.batchSize = max(1, batchSize)
            self.commitInterval = commitInterval
            self.maxErrors = maxErrors
            self.recordFields = recordFields
            self.measuresTimings = measuresTimings
            self.shard = shard
            self.runName = runName
        }
    }

    public let plugins: PluginSet
    public let store: any AnnotationStore
    public let options: Options
    /// Called from the writer thread after every document (throttle in the callee).
    public var onProgress: (BatchProgress) -> Void = { _ in }
    /// Messages plugins log (`ctx.log`, `print`): plugin, message.
    public var onLog: @Sendable (String, String) -> Void = { plugin, message in
        FileHandle.standardError.write(Data("[\(TerminalText.safeLine(plugin))] \(TerminalText.safeLine(message))\n".utf8))
    }
    let stopRequested = AtomicFlag()
    private let workLock = NSLock()
    /// The reader's queue while a run goes on (closed to stop reading).
    private var activeWork: BoundedQueue<[WorkItem]>?
    /// Set for the length of a run that measures its timings.
    private(set) var timer: StageTimer?
    private var activeResults: BoundedQueue<[WorkResult]>?
    /// The workers' plugin hosts, told to stop their running plugin on a stop request.
    private var activeHosts: [ObjectIdentifier: PluginStopHandle] = [:]
    /// How long the writer waits, after a stop request, for the documents in flight. Plugins
    /// stop within milliseconds of the request; this bounds a host call that does not check.
    public static let stopGrace: TimeInterval = 5

    public init(plugins: PluginSet, store: any AnnotationStore, options: Options = Options()) {
        self.plugins = plugins
        self.store = store
        self.options = options
    }

    /// Asks a running batch to stop: no new documents are read or started, the plugins
    /// running are stopped (their documents are dropped whole, for a resumed run to redo),
    /// what is finished is committed, and the run is recorded as interrupted. A worker stuck
    /// in a host call is waited for at most `stopGrace` seconds. Safe from any thread (a
    /// signal handler's queue included).
    public func requestStop() {
        stopRequested.set()
        let (work, hosts) = workLock.withLock { (activeWork, Array(activeHosts.values)) }
        work?.close()
        for host in hosts { host.requestStop() }
        DispatchQueue.global().asyncAfter(deadline: .now() + Self.stopGrace) { [self] in
            workLock.withLock { activeResults }?.close()
        }
    }

    /// Makes `host` one the stop request reaches (at once, if it came already).
    func register(_ host: PluginHost) {
        workLock.withLock { activeHosts[ObjectIdentifier(host)] = host.stopHandle }
        if stopRequested.isSet { host.stopHandle.requestStop() }
    }

    func unregister(_ host: PluginHost) {
        _ = workLock.withLock { activeHosts.removeValue(forKey: ObjectIdentifier(host)) }
    }

    /// True once a stop was requested.
    public var isStopping: Bool { stopRequested.isSet }

    /// The key of this plugin set's outputs (identities and parameters).
    public var pluginSetSHA256: String { Self.pluginSetSHA256(of: plugins.descriptors) }

    /// The key of these plugins' outputs (identities and parameters).
    static func pluginSetSHA256(of descriptors: [PluginDescriptor]) -> String {
        PluginSetKey.sha256(of: descriptors.map { ($0.identity, $0.paramsSHA256) })
    }

    /// The key under which this run records completed input files: the plugin set's, with
    /// the record fields when they are not the standard ones, and for a shard the shard too
    /// (a file one shard completed is not done for the others).
    public var completionKey: String { Self.completionKey(pluginSetSHA256: pluginSetSHA256, options: options) }

    /// ``completionKey`` of a plugin set's key under `options`.
    static func completionKey(pluginSetSHA256: String, options: Options) -> String {
        var key = pluginSetSHA256
        // Other id/text fields make other documents of the same file: a file completed
        // under the standard fields is not complete under these.
        if options.recordFields != .standard {
            key = ContentHash.sha256Hex(Array((key + " " + options.recordFields.description).utf8))
        }
        if !options.shard.isWhole {
            key = ContentHash.sha256Hex(parts: [Array(key.utf8), Array("shard \(options.shard)".utf8)])
        }
        return key
    }

    /// Annotates every document under `inputs` and returns what happened.
    public func run(inputs: [String]) throws -> BatchSummary {
        let setKey = completionKey
        var settings: [String: JSONValue] = [
            "max_instructions": .integer(Int64(plugins.limits.instructions)),
            "max_memory_mb": .integer(Int64(plugins.limits.memoryBytes >> 20)),
            "max_seconds": .number(plugins.limits.seconds),
            "jobs": .integer(Int64(options.jobs)),
            "force": .bool(options.force),
            "host": .string(ProcessInfo.processInfo.hostName),
        ]
        if options.recordFields != .standard { settings["record_fields"] = .string(options.recordFields.description) }
        if !options.shard.isWhole { settings["shard"] = .string(options.shard.description) }
        if let name = options.runName { settings["run_name"] = .string(name) }
        let runInfo = RunInfo(
            plugins: plugins.descriptors.map(\.identity),
            params: Dictionary(uniqueKeysWithValues: plugins.descriptors.map { ($0.name, JSONValue.object($0.params)) }),
            inputs: inputs,
            pluginPaths: Dictionary(uniqueKeysWithValues: plugins.descriptors.map { ($0.name, $0.path) }),
            settings: settings)
        let runID = try store.beginRun(runInfo)
        try store.beginBulkWrite()
        // The threads hand each other chunks of documents (``HandOffBuffer``): the reader a
        // few chunks ahead of the resume stage; the workers take items one at a time, with
        // room for a whole chunk behind the ones they are on.
        let read = BoundedQueue<[WorkItem]>(capacity: options.jobs * 2 + 2)
        let work = BoundedQueue<WorkItem>(capacity: options.jobs * 16 + HandOffBuffer<WorkItem>.defaultMaxItems)
        // The writer spends most of its time in bursts, committing a transaction: the results
        // queue holds about two transactions' worth, so that the workers go on meanwhile.
        let results = BoundedQueue<[WorkResult]>(capacity: options.jobs * 2 + 2 * options.batchSize / Self.typicalChunkDocuments)
        workLock.withLock { (activeWork, activeResults) = (read, results) }
        defer { workLock.withLock { (activeWork, activeResults) = (nil, nil) } }
        if stopRequested.isSet { read.close() }
        let tally = ReaderTally()
        var summary = BatchSummary(runID: runID)
        summary.totalInputBytes = Self.inputSize(inputs)
        summary.unknownFilesSkipped = CorpusReader.inputs(inputs).skipped

        timer = options.measuresTimings ? StageTimer() : nil
        defer { timer = nil }
        var stageCounts: [String: (documents: Int?, annotations: Int?)] = [:]
        // With timings: each plugin's documents and annotations, by plugin name.
        var pluginCounts: [String: (documents: Int, annotations: Int)] = [:]
        func countPlugin(_ counts: inout (documents: Int, annotations: Int), _ annotations: Int) {
            counts.documents += 1
            counts.annotations += annotations
        }
        let writerCPUAtStart = CPUClock.threadSeconds()
        let storeCPUAtStart = store.backgroundCPUSeconds
        let resume = ResumeStage(store: store, plugins: plugins.descriptors, setKey: setKey, force: options.force)
        startReader(inputs: inputs, skippingCompletedFiles: resume.completedFile, work: read, tally: tally)
        resume.start(from: read, to: work, stop: stopRequested) { [timer] in
            // Deciding what to resume counts as reading the corpus in the timings.
            timer?.add("read", cpuSeconds: CPUClock.threadSeconds())
        }
        startWorkers(work: work, results: results)

        var writer = BatchWriter(store: store, runID: runID, options: options, setKey: setKey)
        var fatal: Error?
        let started = Date()
        var documentsDone = 0
        func progress(final: Bool = false) -> BatchProgress {
            let read = tally.snapshot
            return BatchProgress(
                documentsDone: documentsDone, documentsRead: read.records, totalKnown: read.complete,
                textBytesDone: summary.bytesRead, inputBytesRead: read.rawBytes, inputBytesTotal: summary.totalInputBytes,
                errors: summary.errors.count, elapsed: Date().timeIntervalSince(started), isFinal: final)
        }
        // One result from a worker: counted in the summary and handed to the writer.
        func record(_ result: WorkResult) throws {
            switch result {
            case .fatal(let error):
                fatal = fatal ?? error
                requestStop()
            case .skipped(let document, let fileIndex):
                summary.documentsSkipped += 1
                summary.bytesRead += document.text.utf8.count
                documentsDone += 1
                writer.progress = summary.counts
                try writer.add(fileIndex: fileIndex, pluginFailed: false)
            case .failed(let error, let fileIndex):
                summary.errors.append(error)
                documentsDone += 1
                writer.progress = summary.counts
                try writer.add(error: error, fileIndex: fileIndex)
            case .empty(let error, let fileIndex):
                summary.emptyDocuments.append(error.documentID ?? error.source)
                documentsDone += 1
                try writer.add(fileIndex: fileIndex, pluginFailed: false)
            case .annotated(let document, let outputs, let errors, let fileIndex, let replacing, let encoded):
                summary.documentsAnnotated += 1
                if replacing { summary.documentsReplaced += 1 }
                summary.bytesRead += document.text.utf8.count
                summary.errors.append(contentsOf: errors)
                for output in outputs {
                    summary.countLabels(of: output.annotations)
                    summary.annotations += output.annotations.count
                    if timer != nil { countPlugin(&pluginCounts[output.plugin.name, default: (0, 0)], output.annotations.count) }
                }
                if !errors.isEmpty { summary.documentsWithErrors += 1 }
                documentsDone += 1
                writer.progress = summary.counts
                try writer.add(document: document, outputs: outputs, errors: errors, encoded: encoded, fileIndex: fileIndex)
            case .fileFinished(let file):
                try writer.fileFinished(file)
            case .fileSkipped(_, let completed):
                summary.filesSkipped += 1
                summary.documentsSkipped += completed.documents
                summary.knownErrorsInSkippedFiles += completed.errors
                documentsDone += completed.documents + completed.errors
                tally.count(completed.documents + completed.errors)
            }
        }
        while let handed = results.pop() {
            for result in handed {
                do {
                    try record(result)
                } catch {
                    // The store failed (disk full, …): stop, let the threads drain, report it.
                    fatal = fatal ?? error
                    requestStop()
                    writer.abandon()
                }
                if let limit = options.maxErrors, summary.errors.count >= limit, !summary.stoppedAtErrorLimit {
                    summary.stoppedAtErrorLimit = true
                    requestStop()
                }
                onProgress(progress())
            }
        }
        do { try writer.commit() } catch { fatal = fatal ?? error }
        do { try store.finishBulkWrite() } catch { fatal = fatal ?? error }
        summary.elapsed = Date().timeIntervalSince(started)
        if let timer {
            timer.add("write", cpuSeconds: CPUClock.threadSeconds() - writerCPUAtStart)
            // The store's own thread: SQLite copying its log back into the file.
            let checkpointSeconds = store.backgroundCPUSeconds - storeCPUAtStart
            if checkpointSeconds > 0 {
                timer.add("checkpoint", cpuSeconds: checkpointSeconds)
                stageCounts["checkpoint"] = (summary.documentsAnnotated, nil)
            }
            for (name, counted) in pluginCounts { stageCounts["plugin:" + name] = (counted.documents, counted.annotations) }
            stageCounts["read"] = (summary.documentsAnnotated + summary.documentsSkipped, nil)
            stageCounts["document"] = (summary.documentsAnnotated, nil)
            stageCounts["worker"] = (summary.documentsAnnotated + summary.documentsSkipped, nil)
            stageCounts["write"] = (summary.documentsAnnotated, summary.annotations)
            let timings = timer.timings(pluginOrder: plugins.descriptors.map(\.name), counts: stageCounts, wallSeconds: summary.elapsed)
            summary.timings = timings
            try? store.recordTimings(timings, runID: runID)
        }
        summary.interrupted = stopRequested.isSet && fatal == nil && !summary.stoppedAtErrorLimit
        let status = fatal != nil ? "failed" : stopRequested.isSet ? "interrupted" : "completed"
        try store.finishRun(
            id: runID,
            counts: RunCounts(documents: summary.documentsAnnotated, annotations: summary.annotations, errors: summary.errors.count),
            status: status)
        onProgress(progress(final: true))
        if let fatal { throw fatal }
        return summary
    }

    /// Documents in a typical chunk (64 KiB of news articles of 2.9 KB), for sizing the results queue.
    static let typicalChunkDocuments = 22

    private static func inputSize(_ inputs: [String]) -> Int {
        CorpusReader.expand(inputs).files.reduce(0) { total, path in
            path == "-" ? total : total + CorpusStream.fileSize(path)
        }
    }
}
