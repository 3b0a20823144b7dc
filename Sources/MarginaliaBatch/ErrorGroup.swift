import Marginalia

/// Failures that are the same failure: one plugin, one line, one message, on many
/// documents. The run summary prints one line per group instead of one per document.
///
/// ```swift
/// for group in ErrorGroup.grouping(summary.errors) { print(group) }
/// // 84 × plugin defense line 42 (e.g. document tmt-1204, news.jsonl:1204): Plugins/defense.lua:42: attempt to index a nil value
/// ```
public struct ErrorGroup: Sendable, Hashable, CustomStringConvertible {
    public var kind: ProcessingError.Kind
    public var plugin: String?
    public var line: Int?
    public var message: String
    public var count: Int
    /// The first failure of the group, in run order.
    public var example: ProcessingError

    /// Groups in order of size (largest first), ties in order of first appearance.
    public static func grouping(_ errors: [ProcessingError]) -> [ErrorGroup] {
        struct Key: Hashable { var kind: ProcessingError.Kind; var plugin: String?; var line: Int?; var message: String }
        var order: [Key] = []
        var groups: [Key: ErrorGroup] = [:]
        for error in errors {
            let key = Key(kind: error.kind, plugin: error.plugin, line: error.line, message: generic(error.message, of: error))
            if groups[key] == nil {
                order.append(key)
                groups[key] = ErrorGroup(kind: error.kind, plugin: error.plugin, line: error.line, message: error.message, count: 0, example: error)
            }
            groups[key]!.count += 1
        }
        let firstSeen = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        return order.sorted { groups[$0]!.count != groups[$1]!.count ? groups[$0]!.count > groups[$1]!.count : firstSeen[$0]! < firstSeen[$1]! }
            .map { groups[$0]! }
    }

    /// The message with its document named generically (`document '…'`), so that one
    /// failure on many documents is one group.
    static func generic(_ message: String, of error: ProcessingError) -> String {
        guard let id = error.documentID else { return message }
        return message.replacingOccurrences(of: "document '\(id)'", with: "document '…'")
    }

    /// `3 × plugin p line 4 (e.g. document d, file:1): message`, the message without the
    /// `plugin 'p' on document 'd': ` it starts with; a group of one is the failure as it
    /// always printed.
    public var description: String {
        guard count > 1 else { return example.description }
        var place = kind == .plugin ? "" : kind.rawValue
        if let plugin { place += (place.isEmpty ? "" : " · ") + "plugin \(plugin)" + (line.map { " line \($0)" } ?? "") }
        var instance = [String]()
        if let document = example.documentID { instance.append("document \(document)") }
        if let source = example.source { instance.append(source) }
        var text = example.message
        if let plugin, let id = example.documentID, text.hasPrefix("plugin '\(plugin)' on document '\(id)': ") {
            text.removeFirst("plugin '\(plugin)' on document '\(id)': ".count)
        }
        return "\(count) × \(place)" + (instance.isEmpty ? "" : " (e.g. \(instance.joined(separator: ", ")))") + ": \(text)"
    }
}
