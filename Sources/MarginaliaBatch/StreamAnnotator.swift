import Foundation
import Marginalia
import MarginaliaLua

/// The pipe mode's engine: documents stream in (JSONL on standard input, or files), are
/// annotated by `jobs` worker threads, and come out in input order, each as soon as it and
/// every document before it are done. No store: what stream engines (Spark's `rdd.pipe`,
/// GNU parallel's `--pipe`) need, where the engine keeps the results.
///
/// Memory stays flat: at most a few documents per worker wait to be put back in order.
///
/// ```swift
/// let annotator = StreamAnnotator(plugins: try PluginSet(paths: ["Plugins/defense.lua"]), jobs: 2)
/// let counts = try annotator.run(inputs: ["-"]) { finished in
///     for annotation in ExportOrder.sorted(finished.outputs.flatMap(\.annotations)) { print(annotation.label) }
/// }
/// print(counts.documents, counts.errors)
/// ```
public final class StreamAnnotator: @unchecked Sendable {
    /// One input record, done: a document with what the plugins found and where they
    /// failed, or (with `document` nil) a record that could not be read.
    public struct Finished: Sendable {
        public var document: Document?
        public var outputs: [PluginOutput]
        public var errors: [ProcessingError]
    }

    /// What a run went through.
    public struct Counts: Sendable, Hashable {
        public var documents = 0
        public var annotations = 0
        public var errors = 0
    }

    public let plugins: PluginSet
    public let jobs: Int
    public let shard: CorpusShard
    /// The id and text fields (JSONL) or columns (CSV) of the inputs.
    public let fields: RecordFields
    /// Messages plugins log (`ctx.log`, `print`): plugin, message.
    public var onLog: @Sendable (String, String) -> Void = { plugin, message in
        FileHandle.standardError.write(Data("[\(plugin)] \(message)\n".utf8))
    }

    public init(plugins: PluginSet, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, fields: RecordFields = .standard,
                shard: CorpusShard = .whole) {
        self.plugins = plugins
        self.jobs = max(1, jobs)
        self.fields = fields
        self.shard = shard
    }

    private enum Input { case document(Document), unreadable(DocumentError) }
    private enum Output { case finished(Finished), fatal(Error) }

    /// Annotates every record of `inputs` and hands each to `emit` in input order, on the
    /// calling thread. Throws when the plugins cannot be loaded or `emit` throws.
    public func run(inputs: [String], emit: (Finished) throws -> Void) throws -> Counts {
        let work = BoundedQueue<(Int, Input)>(capacity: jobs * 4)
        let results = BoundedQueue<(Int, Output)>(capacity: jobs * 4)
        startReader(inputs: inputs, work: work)
        startWorkers(work: work, results: results)
        var counts = Counts()
        var waiting: [Int: Output] = [:]
        var next = 0
        var failure: Error?
        while let (sequence, output) = results.pop() {
            waiting[sequence] = output
            while failure == nil, let ready = waiting.removeValue(forKey: next) {
                next += 1
                switch ready {
                case .fatal(let error):
                    failure = error
                case .finished(let finished):
                    if finished.document != nil { counts.documents += 1 }
                    counts.annotations += finished.outputs.reduce(0) { $0 + $1.annotations.count }
                    counts.errors += finished.errors.count
                    do { try emit(finished) } catch { failure = error }
                }
            }
            if failure != nil {
                work.close()
                while work.pop() != nil {}
            }
        }
        if let failure { throw failure }
        return counts
    }

    private func startReader(inputs: [String], work: BoundedQueue<(Int, Input)>) {
        let reader = Thread { [shard, fields] in
            let stream = CorpusStream(paths: inputs, fields: fields, shard: shard)
            var sequence = 0
            while let event = stream.next() {
                let input: Input
                switch event {
                case .document(let document, _): input = .document(document)
                case .failure(let error, _): input = .unreadable(error)
                case .fileFinished, .fileSkipped: continue
                }
                guard work.push((sequence, input)) else { break }
                sequence += 1
            }
            work.close()
        }
        reader.stackSize = 4 << 20
        reader.start()
    }

    private func startWorkers(work: BoundedQueue<(Int, Input)>, results: BoundedQueue<(Int, Output)>) {
        let finished = WorkerCounter(count: jobs)
        for _ in 0..<jobs {
            let worker = Thread { [self] in
                defer { if finished.decrement() == 0 { results.close() } }
                var host: PluginHost?
                while let (sequence, input) = work.pop() {
                    switch input {
                    case .unreadable(let error):
                        let failure = ProcessingError(kind: .document, message: error.description, documentID: error.documentID, source: error.source)
                        results.push((sequence, .finished(Finished(document: nil, outputs: [], errors: [failure]))))
                    case .document(let document):
                        if host == nil {
                            do {
                                host = try plugins.makeHost()
                                host?.onLog = onLog
                            } catch {
                                results.push((sequence, .fatal(error)))
                                return
                            }
                        }
                        var outputs: [PluginOutput] = []
                        var errors: [ProcessingError] = []
                        for result in host!.annotate(document) {
                            switch result {
                            case .success(let output): outputs.append(output)
                            case .failure(let error): errors.append(error)
                            }
                        }
                        results.push((sequence, .finished(Finished(document: document, outputs: outputs, errors: errors))))
                    }
                }
            }
            worker.stackSize = 16 << 20   // Lua recursion runs on this stack
            worker.start()
        }
    }
}
