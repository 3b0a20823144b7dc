import Foundation
import Marginalia
import MarginaliaLua

/// The pipeline's middle stage: `jobs` threads, each with its own plugin host, that turn
/// work items into results for the writer.
extension AnnotationPipeline {
    /// The worker threads: each gets a plugin host of its own (the first worker may take the
    /// host `PluginSet` loaded to read the manifests, see `PluginSet+SpareHost.swift`; the
    /// others load theirs) and annotates the items it pops
    /// (one at a time, so that several workers share even a short input; the resume stage
    /// pushes them a chunk at a time, so a worker is woken once per chunk). Results go to the
    /// writer in chunks (``HandOffBuffer``), and at once whenever no more work is waiting,
    /// so a slow input is never held back.
    func startWorkers(work: BoundedQueue<WorkItem>, results: BoundedQueue<[WorkResult]>) {
        let finished = WorkerCounter(count: options.jobs)
        for _ in 0..<options.jobs {
            let worker = Thread { [self] in
                var batch = HandOffBuffer<WorkResult>()
                // The host (Lua states, plugins) is made for the first document to annotate,
                // so that a run whose documents are all done never loads plugins in workers.
                var host: PluginHost?
                // With timings: the documents measured (see `StageTimer.Sample`), and the CPU
                // seconds spent making their documents from records (charged to `document`).
                var sample = StageTimer.Sample()
                func handOver() {
                    if !batch.isEmpty { results.push(batch.take()) }
                }
                defer {
                    handOver()
                    chargeTimings(of: host, sample: sample)
                    if let host { unregister(host) }
                    if finished.decrement() == 0 { results.close() }
                }
                while let item = work.pop() {
                    let full: Bool
                    if case .annotate(let record, let fileIndex, let replacing) = item {
                        // After a stop request, documents not yet started are dropped whole.
                        if stopRequested.isSet { continue }
                        if host == nil {
                            do {
                                host = try plugins.makeHost()
                                host?.onLog = onLog
                                register(host!)
                            } catch {
                                _ = batch.add(.fatal(error))
                                while work.pop() != nil {}
                                return
                            }
                        }
                        // The document's hash, language guess and NFD scan, here rather than on the reader
                        // (unless the reader made them ahead: with one worker, see `startReader`).
                        let document: Document
                        let measures = timer != nil && sample.next()
                        host?.measuresPluginCPU = measures
                        if measures {
                            let before = CPUClock.threadSeconds()
                            document = Document(record)
                            sample.documentSeconds += CPUClock.threadSeconds() - before
                        } else {
                            document = Document(record)
                        }
                        // A document whose plugin the stop request interrupted is dropped whole.
                        guard let result = annotate(document, fileIndex: fileIndex, replacing: replacing, with: host!) else { continue }
                        full = batch.add(result, bytes: document.text.utf8.count)
                    } else if case .document = item {
                        continue   // undecided: only after a stop request
                    } else {
                        full = batch.add(passOn(item))
                    }
                    if full || work.isEmpty { handOver() }
                }
            }
            worker.stackSize = 16 << 20   // Lua recursion runs on this stack
            worker.start()
        }
    }

    /// Adds a finishing worker thread's CPU to the timings: its plugins' seconds to each
    /// plugin and the document seconds to `document`, both scaled up from the documents
    /// measured to all it annotated, and the rest to `worker`: that includes loading the host
    /// when the worker loaded it, not when it took the plugin set's probe host, which was
    /// loaded before the run.
    func chargeTimings(of host: PluginHost?, sample: StageTimer.Sample) {
        guard let timer else { return }
        // One clock interval per measured document for its record, one per plugin.
        var charged = sample.scaled(sample.documentSeconds, intervals: sample.measured)
        timer.add("document", cpuSeconds: charged)
        if let host {
            for (descriptor, seconds) in zip(host.descriptors, host.pluginCPUSeconds) {
                let pluginSeconds = sample.scaled(seconds, intervals: sample.measured)
                timer.add("plugin:" + descriptor.name, cpuSeconds: pluginSeconds)
                charged += pluginSeconds
            }
        }
        timer.add("worker", cpuSeconds: max(0, CPUClock.threadSeconds() - charged))
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
        var results = host.annotate(document)
        var outputs: [PluginOutput] = []
        outputs.reserveCapacity(results.count)
        var errors: [ProcessingError] = []
        // Each result is moved out of the list and into `outputs` or `errors`: iterating
        // copied every output, and the list then destroyed its own (retains and releases of
        // their strings and arrays). popLast moves the last one out (removeFirst copies the
        // first); the lists are then put back in plugin order through their buffers, whose
        // swaps move (an array's own `reverse()` swaps by copying).
        while let result = results.popLast() {
            switch consume result {   // no `where` clause: one would make the value a copy
            case .success(let output): outputs.append(output)
            case .failure(let error):
                if error.kind == .interrupted { return nil }
                errors.append(error)
            }
        }
        // (Only lists of two or more: an empty one would be given a buffer of its own.)
        if outputs.count > 1 { outputs.withUnsafeMutableBufferPointer { $0.reverse() } }
        if errors.count > 1 { errors.withUnsafeMutableBufferPointer { $0.reverse() } }
        return .annotated(document, outputs, errors, fileIndex: fileIndex, replacing: replacing,
                          encoded: store.encodedRows(of: document, outputs: outputs))
    }
}
