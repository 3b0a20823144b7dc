/// A failure recorded in the store: an unreadable document, a plugin error, a limit hit.
///
/// ```swift
/// let failure = ProcessingError(kind: .plugin, message: "defense.lua:12: boom",
///                               documentID: "000", plugin: "defense", line: 12)
/// ```
public struct ProcessingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What failed.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case document, plugin, instructionLimit = "instruction-limit", memoryLimit = "memory-limit",
             timeLimit = "time-limit"
        /// The run was stopped (SIGTERM, Ctrl-C) while the plugin ran. Never stored: the batch
        /// drops the document whole, and a resumed run annotates it again.
        case interrupted
    }

    public var kind: Kind
    public var message: String
    public var documentID: String?
    /// The file (and line for JSONL) the document came from.
    public var source: String?
    public var plugin: String?
    /// The line in the plugin file, when known.
    public var line: Int?

    public init(kind: Kind, message: String, documentID: String? = nil, source: String? = nil, plugin: String? = nil, line: Int? = nil) {
        self.kind = kind
        self.message = message
        self.documentID = documentID
        self.source = source
        self.plugin = plugin
        self.line = line
    }

    public var description: String {
        var where_ = [String]()
        if let plugin { where_.append("plugin \(plugin)") }
        if let documentID { where_.append("document \(documentID)") }
        let prefix = where_.isEmpty ? "" : where_.joined(separator: ", ") + ": "
        return prefix + message
    }
}
