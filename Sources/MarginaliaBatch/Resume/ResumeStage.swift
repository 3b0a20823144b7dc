import Foundation
import Marginalia
import MarginaliaLua

/// The one stage of a batch that reads the store to resume: between the reader and the
/// workers, it decides for each input file whether a run with the same plugins completed
/// it (the reader then skips it unparsed), and for each document whether to skip,
/// annotate or replace it. Workers never read the store; the writer stores what they made.
///
/// ```swift
/// let resume = ResumeStage(store: store, plugins: set.descriptors, setKey: key, force: false)
/// switch resume.decide(document) {
/// case .skip: break                  // every plugin's output for this text is stored
/// case .annotate, .replace: break    // run the plugins (replace: the stored text differs)
/// }
/// ```
final class ResumeStage: @unchecked Sendable {
    /// What to do with one document.
    enum Decision: Equatable {
        /// Every plugin's output for this exact text and params is stored.
        case skip
        /// Run the plugins: the document is new, or some output is missing or outdated.
        case annotate
        /// Run the plugins: the store holds output of this id for another text, which the
        /// new text replaces (the store then drops its old annotations).
        case replace
    }

    private let store: any AnnotationStore
    private let plugins: [PluginDescriptor]
    private let setKey: String
    /// False when the store holds no output of these plugins: nothing can be skipped.
    private let mayResume: Bool
    /// False when the store holds no document: nothing can be skipped or replaced.
    private let hasDocuments: Bool
    /// True when some file was completed by this plugin set: worth hashing each file.
    private let knowsFiles: Bool

    /// The input digests hashed ahead (``InputDigests``), stopped when no file can be complete.
    private let digests: InputDigests

    init(store: any AnnotationStore, plugins: [PluginDescriptor], setKey: String, force: Bool, digests: InputDigests = .shared) {
        self.store = store
        self.plugins = plugins
        self.setKey = setKey
        self.digests = digests
        mayResume = !force && ((try? store.hasOutputs(of: plugins.map(\.identity))) ?? true)
        hasDocuments = ((try? store.documentCount()) ?? 1) > 0
        knowsFiles = !force && ((try? store.hasCompletedInputs(pluginSetSHA256: setKey)) ?? false)
        if !knowsFiles { digests.stop() }
    }

    /// For the reader, before it parses a file: the completion record of the file's content
    /// under this plugin set, or nil when the file must be read. Nil for a function when no
    /// file can be complete (the reader then hashes nothing). The file's hash is the one
    /// ``InputDigests`` made ahead when it has it.
    var completedFile: (@Sendable (String) -> CompletedInput?)? {
        guard knowsFiles else { return nil }
        return { [store, setKey, digests] path in
            guard let hash = digests.digest(ofFile: path) ?? (try? StreamingSHA256.ofFile(atPath: path)) else { return nil }
            return try? store.completedInput(contentSHA256: hash, pluginSetSHA256: setKey)
        }
    }

    /// Skip, annotate or replace `document`.
    func decide(_ document: Document) -> Decision {
        decide(id: document.id) { document.textSHA256 }
    }

    /// Skip, annotate or replace the document of `record`, hashing its text (kept in the
    /// record) only when the store holds outputs of its id.
    func decide(_ record: inout DocumentRecord) -> Decision {
        decide(id: record.id) { record.hashText() }
    }

    private func decide(id: String, textSHA256: () -> String) -> Decision {
        guard hasDocuments, let stored = try? store.outputKeys(documentID: id), !stored.isEmpty else { return .annotate }
        let hash = textSHA256()
        if mayResume, plugins.allSatisfy({
            stored.contains(OutputKey(textSHA256: hash, plugin: $0.identity, paramsSHA256: $0.paramsSHA256))
        }) {
            return .skip
        }
        return stored.contains { $0.textSHA256 != hash } ? .replace : .annotate
    }

    /// Runs the stage on its own thread: pops the chunks the reader read, pushes the items
    /// of each one decided for the workers (same items, same order, a chunk at a time), and
    /// closes `work` after the reader's last chunk. After a stop request documents are
    /// passed on undecided (the workers drop them).
    func start(from read: BoundedQueue<[WorkItem]>, to work: BoundedQueue<WorkItem>, stop: AtomicFlag, whenDone: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            while var chunk = read.pop() {
                for index in chunk.indices { decide(&chunk[index], stop: stop) }
                guard work.push(contentsOf: chunk) else { break }
            }
            work.close()
            whenDone()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Turns a document the reader read into what the workers do with it: annotate, skip,
    /// or report the store's refusal. Other items (and, after a stop, documents) stay.
    private func decide(_ item: inout WorkItem, stop: AtomicFlag) {
        guard case .document(var record, let fileIndex) = item, !stop.isSet else { return }
        if let why = store.refusal(id: record.id, text: record.text, metadata: record.metadata) {
            let source = record.metadata.input ?? record.metadata.source ?? record.id
            item = .unreadable(DocumentError(source: source, documentID: record.id, reason: .refusedByStore(why)), fileIndex: fileIndex)
            return
        }
        switch decide(&record) {
        case .skip: item = .skipped(record, fileIndex: fileIndex)
        case .annotate: item = .annotate(record, fileIndex: fileIndex, replacing: false)
        case .replace: item = .annotate(record, fileIndex: fileIndex, replacing: true)
        }
    }
}
