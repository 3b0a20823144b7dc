/// An input file whose every document was committed by one plugin set, with only
/// deterministic failures (unreadable records). A later run with the same plugin set over
/// a file with the same content skips it without parsing a line.
///
/// Keyed by content, not path: a copy of the file elsewhere, or on another machine that
/// shares the store, is recognised too. Any document text replaced later forgets them all.
///
/// ```swift
/// let done = CompletedInput(contentSHA256: fileHash, pluginSetSHA256: set.sha256,
///                           path: "news.jsonl", documents: 6_398, errors: 1)
/// try store.write(StoreBatch(completedInputs: [done]), runID: run)
/// ```
public struct CompletedInput: Sendable, Hashable {
    /// SHA-256 of the file's bytes as stored on disk (compressed, for `.gz`).
    public var contentSHA256: String
    /// ``PluginSetKey`` of the plugins (identities and parameters) that annotated it.
    public var pluginSetSHA256: String
    /// The path it was read from (informative).
    public var path: String
    /// Documents it held.
    public var documents: Int
    /// Records that could not be read (malformed lines), recorded in the errors table.
    public var errors: Int
    /// The run that completed it (set when read back).
    public var runID: Int64?

    public init(contentSHA256: String, pluginSetSHA256: String, path: String, documents: Int, errors: Int, runID: Int64? = nil) {
        self.contentSHA256 = contentSHA256
        self.pluginSetSHA256 = pluginSetSHA256
        self.path = path
        self.documents = documents
        self.errors = errors
        self.runID = runID
    }
}

/// The identity of a set of plugin outputs: every plugin's name, version, script hash
/// and parameter hash, in order, hashed together.
///
/// ```swift
/// let key = PluginSetKey.sha256(of: [(who, paramsHash)])
/// ```
public enum PluginSetKey {
    /// SHA-256 over the sorted plugin identities and their parameter hashes.
    public static func sha256(of plugins: [(identity: PluginIdentity, paramsSHA256: String)]) -> String {
        let parts = plugins
            .map { [$0.identity.name, $0.identity.version, $0.identity.sha256, $0.paramsSHA256] }
            .sorted { $0.joined(separator: "\u{0}") < $1.joined(separator: "\u{0}") }
            .flatMap { $0 }
            .map { Array($0.utf8) }
        return ContentHash.sha256Hex(parts: parts)
    }
}
