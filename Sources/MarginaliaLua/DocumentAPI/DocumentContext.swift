import Marginalia

/// The Swift side of the document being annotated: its bytes, offset index, cached
/// tokens and sentences, and what each plugin has produced so far.
final class DocumentContext {
    let document: Document
    let utf8: [UInt8]
    let offsets: CodePointIndex
    private(set) lazy var tokens: [TextSpan] = utf8.withUnsafeBufferPointer { Tokenizer.tokens(inUTF8: $0) }
    /// Matches of the host's lexicon group in this document, once a plugin asked for one.
    var groupMatches: [[LexiconMatch]]?
    private(set) lazy var sentences: [TextSpan] = utf8.withUnsafeBufferPointer { SentenceSplitter.sentences(inUTF8: $0) }

    /// Finished outputs of earlier plugins on this document, by plugin name.
    private(set) var outputs: [String: [Annotation]] = [:]
    /// The plugin running now and what it has emitted.
    private(set) var plugin: PluginDescriptor?
    /// The labels the running plugin may read (it writes those `plugin.labels` declares).
    private(set) var access = LabelAccess(readable: [:])
    /// True for an `eval` snippet, which may emit any label.
    private(set) var acceptsAnyLabel = false
    private var pending: [Annotation] = []

    init(document: Document) {
        self.document = document
        self.offsets = CodePointIndex(document.text)
        self.utf8 = offsets.utf8
    }

    func begin(plugin: PluginDescriptor, access: LabelAccess, acceptsAnyLabel: Bool = false) {
        self.plugin = plugin
        self.access = access
        self.acceptsAnyLabel = acceptsAnyLabel
        pending = []
    }

    func emit(_ annotation: Annotation) { pending.append(annotation) }

    /// The running plugin's declared label equal to the Lua string at `index`, if it is one.
    func declaredLabel(matching lua: LuaState, at index: Int32) -> String? {
        // Only the labels are read (not a copy of the whole descriptor); lengths first,
        // then the bytes of each label's own storage.
        guard let bytes = lua.bytes(at: index), !bytes.isEmpty, let labels = plugin?.labels else { return nil }
        return labels.first { label in
            label.utf8.count == bytes.count
                && (label.utf8.withContiguousStorageIfAvailable { DocumentContext.sameBytes($0, bytes) } ?? label.utf8.elementsEqual(bytes))
        }
    }

    private static func sameBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 0..<a.count where a[index] != b[index] { return false }
        return true
    }

    /// Ends the running plugin, keeping its annotations for later plugins to read.
    func finishCurrent() -> [Annotation] {
        let finished = pending
        if let plugin { outputs[plugin.name] = finished }
        pending = []
        plugin = nil
        return finished
    }

    /// Ends the running plugin after a failure: nothing it emitted is kept.
    func discardCurrent() {
        pending = []
        plugin = nil
    }
}
