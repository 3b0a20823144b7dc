import Foundation
import Marginalia
import MarginaliaLua

/// The pipeline's middle stage: `jobs` threads, each with its own plugin host, that turn
/// work items into results for the writer.
extension AnnotationPipeline {
    /// The worker threads: each loads its own plugin host and annotates the chunks it pops.
    /// The results of a chunk go to the writer together, in the chunk's order, one hand-off
    /// per chunk (a chunk from standard input holds one record, so a slow input is never
    /// held back).
    func startWorkers(work: BoundedQueue<[WorkItem]>, results: BoundedQueue<[WorkResult]>) {
        let finished = WorkerCounter(count: options.jobs)
        for _ in 0..<options.jobs {
            let worker = Thread { [self] in
                var batch: [WorkResult] = []
                // The host (Lua states, plugins) is made for the first document to annotate,
                // so that a run whose documents are all done never loads plugins in workers.
                var host: PluginHost?
                // CPU seconds spent making documents from records (charged to `document`).
                var documentSeconds = 0.0
                defer {
                    if !batch.isEmpty { results.push(batch) }
                    chargeTimings(of: host, besides: documentSeconds)
                    if let host { unregister(host) }
                    if finished.decrement() == 0 { results.close() }
                }
                while let chunk = work.pop() {
                    batch.reserveCapacity(chunk.count)
                    for item in chunk {
                        guard case .annotate(let record, let fileIndex, let replacing) = item else {
                            if case .document = item { continue }   // undecided: only after a stop request
                            batch.append(passOn(item))
                            continue
                        }
                        // After a stop request, documents not yet started are dropped whole.
                        if stopRequested.isSet { continue }
                        if host == nil {
                            do {
                                host = try plugins.makeHost()
                                host?.onLog = onLog
                                host?.measuresPluginCPU = timer != nil
                                register(host!)
                            } catch {
                                batch.append(.fatal(error))
                                while work.pop() != nil {}
                                return
                            }
                        }
                        // The document's hash, language guess and NFD scan, here rather than on the reader.
                        let document: Document
                        if timer != nil {
                            let before = CPUClock.threadSeconds()
                            document = Document(record)
                            documentSeconds += CPUClock.threadSeconds() - before
                        } else {
                            document = Document(record)
                        }
                        // A document whose plugin the stop request interrupted is dropped whole.
                        if let result = annotate(document, fileIndex: fileIndex, replacing: replacing, with: host!) { batch.append(result) }
                    }
                    if !batch.isEmpty {
                        results.push(batch)
                        batch = []
                    }
                }
            }
            worker.stackSize = 16 << 20   // Lua recursion runs on this stack
            worker.start()
        }
    }

    /// Adds a finishing worker thread's CPU to the timings: its plugins' seconds to each
    /// plugin, the rest (loading the host included) but `documentSeconds` (already charged
    /// to `document`) to `worker`.
    func chargeTimings(of host: PluginHost?, besides documentSeconds: Double) {
        guard let timer else { return }
        var pluginSeconds = 0.0
        if let host {
            for (descriptor, seconds) in zip(host.descriptors, host.pluginCPUSeconds) {
                timer.add("plugin:" + descriptor.name, cpuSeconds: seconds)
                pluginSeconds += seconds
            }
        }
        timer.add("document", cpuSeconds: documentSeconds)
        timer.add("worker", cpuSeconds: CPUClock.threadSeconds() - pluginSeconds - documentSeconds)
    }

    /// What a worker hands on unchanged (or nearly): read failures and file events.
    func passOn(_ item: WorkItem) -> WorkResult {
        switch item {
        case .unreadable(let error, let fileIndex) where error.reason == .empty:
            return .empty(error, fileIndex: fileIndex)
        case .unreadable(let error, let fileIndex):
            let failure = ProcessingError(kind: .document, message: error.description, documentID: error.documentID, source: error.source)
            return .failed(failure, fileIndex: fileIndex)
        case .fileFinished(let file):
            return .fileFinished(file)
        case .fileSkipped(let file, let completed):
            return .fileSkipped(file, completed)
        case .skipped(let document, let fileIndex):
            return .skipped(document, fileIndex: fileIndex)
        case .document, .annotate:
            preconditionFailure("documents are annotated or dropped, never passed on")
        }
    }

    /// The outputs and errors of every plugin on `document`, or nil when a plugin was
    /// interrupted by a stop request.
    func annotate(_ document: Document, fileIndex: Int, replacing: Bool, with host: PluginHost) -> WorkResult? {
        var outputs: [PluginOutput] = []
        var errors: [ProcessingError] = []
        for result in host.annotate(document) {
            switch result {
            case .success(let output): outputs.append(output)
            case .failure(let error) where error.kind == .interrupted: return nil
            case .failure(let error): errors.append(error)
            }
        }
        return .annotated(document, outputs, errors, fileIndex: fileIndex, replacing: replacing,
                          encoded: store.encodedRows(of: document, outputs: outputs))
    }
}
