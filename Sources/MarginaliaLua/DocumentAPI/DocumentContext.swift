import Marginalia

/// The Swift side of the document being annotated: its bytes, offset index, cached
/// tokens and sentences, and what each plugin has produced so far.
///
/// What it keeps for the plugins (annotations and features, tokens, sentences, lexicon
/// matches) is charged to the state's memory budget as it is made, and given back when a
/// failed plugin's annotations are dropped and when the document is done (``close()``).
final class DocumentContext {
    let document: Document
    /// The text's offset index; it reads the text's own UTF-8 (``withUTF8(_:)``), no copy.
    let offsets: CodePointIndex
    /// The state whose budget pays for what this context keeps.
    private unowned let memory: LuaState
    /// Bytes charged for this document so far, the running plugin's annotations included.
    private(set) var chargedBytes = 0
    private var pendingBytes = 0

    private var tokenCache: [TextSpan]?
    private var sentenceCache: [TextSpan]?
    var tokens: [TextSpan] {
        if let tokenCache { return tokenCache }
        let made = withUTF8 { Tokenizer.tokens(inUTF8: $0) }
        tokenCache = made
        charge(made.count * HostFootprint.textSpan)
        return made
    }
    var sentences: [TextSpan] {
        if let sentenceCache { return sentenceCache }
        let made = withUTF8 { SentenceSplitter.sentences(inUTF8: $0) }
        sentenceCache = made
        charge(made.count * HostFootprint.textSpan)
        return made
    }
    /// Matches of the host's lexicon group in this document, once a plugin asked for one.
    var groupMatches: [[LexiconMatch]]? {
        didSet { charge((groupMatches ?? []).reduce(0) { $0 + $1.count } * HostFootprint.lexiconMatch) }
    }

    /// Finished outputs of earlier plugins on this document, in run order: a few, kept in a
    /// list (cheaper to fill and search than a dictionary by name, made for every document).
    private var outputs: [(plugin: String, annotations: [Annotation])] = []

    /// What the plugin `name` emitted on this document, if it ran and finished.
    func output(of name: String) -> [Annotation]? {
        outputs.last { $0.plugin == name }?.annotations
    }
    /// What the running plugin may read: the output of each plugin it requires, in the order
    /// of its `requires` (empty for one that has not finished) — what `doc:annotations`,
    /// `doc:count` and `doc:each` walk.
    var requiredOutputs: [[Annotation]] { access.sources.map { output(of: $0) ?? [] } }
    /// The plugin running now (a reference: its descriptor is not copied for every run).
    private var running: LoadedPlugin?
    /// The running plugin's descriptor (a copy: for error messages).
    var plugin: PluginDescriptor? { running?.descriptor }
    /// The running plugin's identity, kept apart: the host functions that emit need only
    /// this, and taking the whole descriptor out of `plugin` copied all of its fields.
    private(set) var runningIdentity: PluginIdentity?
    /// The labels the running plugin may read (it writes those its descriptor declares).
    var access: LabelAccess { running?.access ?? LabelAccess(readable: [:]) }
    /// True for an `eval` snippet, which may emit any label.
    private(set) var acceptsAnyLabel = false
    private var pending: [Annotation] = []

    init(document: Document, memory: LuaState) {
        self.document = document
        self.memory = memory
        self.offsets = CodePointIndex(document.text)
    }

    /// The text's length in UTF-8 bytes.
    var byteCount: Int { offsets.byteCount }

    /// Calls `body` with the text's UTF-8 bytes (the document's own storage, not a copy).
    func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result { offsets.withUTF8(body) }

    private func charge(_ bytes: Int) {
        memory.chargeHost(bytes)
        chargedBytes += bytes
    }

    /// The document is done: everything charged for it is given back.
    func close() {
        memory.releaseHost(chargedBytes)
        chargedBytes = 0
        pendingBytes = 0
    }

    func begin(plugin: LoadedPlugin, acceptsAnyLabel: Bool = false) {
        running = plugin
        runningIdentity = plugin.descriptor.identity
        self.acceptsAnyLabel = acceptsAnyLabel
        memory.releaseHost(pendingBytes)   // a plugin neither finished nor discarded keeps nothing
        chargedBytes -= pendingBytes
        pendingBytes = 0
        pending = []
    }

    /// Keeps `annotation` for the running plugin; `bytes`, its footprint, is already charged.
    func emit(_ annotation: consuming Annotation, bytes: Int) {
        pending.append(annotation)
        pendingBytes += bytes
        chargedBytes += bytes
    }

    /// Makes room for `count` more annotations of the running plugin (`lex:annotate` knows
    /// how many it may mark), growing at least twofold so that repeated calls stay linear.
    func reserveEmits(_ count: Int) {
        let needed = pending.count + count
        if needed > pending.capacity { pending.reserveCapacity(max(needed, 2 * pending.capacity)) }
    }

    /// Keeps `annotations` for the running plugin, in order; `bytes`, their footprint, is
    /// already charged (`doc:annotate_all`).
    func emit(contentsOf annotations: [Annotation], bytes: Int) {
        if pending.isEmpty { pending = annotations } else { pending.append(contentsOf: annotations) }
        pendingBytes += bytes
        chargedBytes += bytes
    }

    /// The running plugin's declared label equal to the Lua string at `index`, if it is one.
    func declaredLabel(matching lua: LuaState, at index: Int32) -> String? {
        // Only the labels are read (not a copy of the whole descriptor); lengths first,
        // then the bytes of each label's own storage.
        guard let bytes = lua.bytes(at: index), !bytes.isEmpty, let labels = running?.descriptor.labels else { return nil }
        return labels.first { label in
            label.utf8.count == bytes.count
                && (label.utf8.withContiguousStorageIfAvailable { DocumentContext.sameBytes($0, bytes) } ?? label.utf8.elementsEqual(bytes))
        }
    }

    private static func sameBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 0..<a.count where a[index] != b[index] { return false }
        return true
    }

    /// Ends the running plugin, keeping its annotations for later plugins to read (they stay
    /// charged until the document is done: the worker holds them until then).
    func finishCurrent() -> [Annotation] {
        let finished = pending
        if let name = runningIdentity?.name {
            // The first output makes room for four (a run has a few plugins): the list grew
            // 1 → 2 → 4, three allocations for every document.
            if outputs.capacity == 0 { outputs.reserveCapacity(4) }
            outputs.append((name, finished))
        }
        pending = []
        pendingBytes = 0
        running = nil
        runningIdentity = nil
        return finished
    }

    /// Ends the running plugin after a failure: nothing it emitted is kept (nor charged).
    func discardCurrent() {
        pending = []
        memory.releaseHost(pendingBytes)
        chargedBytes -= pendingBytes
        pendingBytes = 0
        running = nil
        runningIdentity = nil
    }
}
