import Marginalia

/// A descriptor as a JSON value and back, for a store to keep what loading a plugin set
/// gave (see `RecordedPluginSet` in MarginaliaBatch): every field, numbers in parameters
/// kept exactly (`1.0` stays a float, `1` an integer).
///
/// ```swift
/// let recorded = descriptor.recorded
/// try PluginDescriptor(recorded: recorded) == descriptor   // true
/// ```
extension PluginDescriptor {
    /// A recorded descriptor that cannot be read back (written by another version, or damaged).
    public struct RecordError: Error, CustomStringConvertible {
        public var description: String

        public init(description: String) { self.description = description }
    }

    /// Every field as JSON.
    public var recorded: JSONValue {
        .object([
            "name": .string(identity.name), "version": .string(identity.version), "sha256": .string(identity.sha256),
            "description": .string(description),
            "labels": .array(labels.map(JSONValue.string)), "requires": .array(requires.map(JSONValue.string)),
            "params": .object(params.mapValues(Self.typed)),
            "examples": .array(examples.map(Self.recorded)),
            "path": .string(path),
            "data_files": .array(dataFiles.map(JSONValue.string)),
            "uses": .array(uses.map(JSONValue.string)),
            "library_folders": .object(libraryFolders.mapValues(JSONValue.string)),
            "files": .array(files.map { .array([.string($0.path), .string($0.sha256)]) }),
            "load_reads": .array(loadReads.map { .array([.string($0.path), $0.sha256.map(JSONValue.string) ?? .null]) }),
        ])
    }

    /// The descriptor ``recorded`` wrote.
    public init(recorded value: JSONValue) throws(RecordError) {
        let fields = try Self.object(value)
        func string(_ key: String) throws(RecordError) -> String {
            guard let text = fields[key]?.stringValue else { throw RecordError(description: "recorded plugin: no '\(key)'") }
            return text
        }
        func strings(_ key: String) throws(RecordError) -> [String] {
            guard let items = fields[key]?.arrayValue else { throw RecordError(description: "recorded plugin: no '\(key)'") }
            return try Self.strings(items)
        }
        let params = try Self.object(fields["params"] ?? .null)
        var untyped: [String: JSONValue] = [:]
        for (key, value) in params { untyped[key] = try Self.untyped(value) }
        var examples: [PluginExample] = []
        for example in fields["examples"]?.arrayValue ?? [] { examples.append(try Self.example(example)) }
        var folders: [String: String] = [:]
        for (name, folder) in try Self.object(fields["library_folders"] ?? .null) {
            guard let folder = folder.stringValue else { throw RecordError(description: "recorded plugin: bad library folder") }
            folders[name] = folder
        }
        var files: [PluginFile] = []
        for file in fields["files"]?.arrayValue ?? [] {
            let pair = try Self.strings(file.arrayValue ?? [])
            guard pair.count == 2 else { throw RecordError(description: "recorded plugin: bad file") }
            files.append(PluginFile(path: pair[0], sha256: pair[1]))
        }
        var reads: [PluginLoadRead] = []
        for read in fields["load_reads"]?.arrayValue ?? [] {
            guard let pair = read.arrayValue, pair.count == 2, let path = pair[0].stringValue else {
                throw RecordError(description: "recorded plugin: bad load read")
            }
            reads.append(PluginLoadRead(path: path, sha256: pair[1].stringValue))
        }
        self.init(
            identity: PluginIdentity(name: try string("name"), version: try string("version"), sha256: try string("sha256")),
            description: try string("description"), labels: try strings("labels"), requires: try strings("requires"),
            params: untyped, examples: examples, path: try string("path"), dataFiles: try strings("data_files"),
            uses: try strings("uses"), libraryFolders: folders, files: files, loadReads: reads)
    }

    /// A parameter value with its floats marked (JSON text does not tell `1.0` from `1`);
    /// ``untyped(_:)`` reads it back.
    ///
    /// ```swift
    /// try PluginDescriptor.untyped(JSONParser.parse(Array(PluginDescriptor.typed(.number(1)).serialized().utf8)))   // .number(1.0)
    /// ```
    public static func typed(_ value: JSONValue) -> JSONValue {
        switch value {
        case .number(let number): return .object(["\u{0}float": .string(String(number))])
        case .array(let items): return .array(items.map(typed))
        case .object(let members): return .object(members.mapValues(typed))
        default: return value
        }
    }

    /// The value ``typed(_:)`` marked.
    public static func untyped(_ value: JSONValue) throws(RecordError) -> JSONValue {
        switch value {
        case .object(let members):
            if members.count == 1, let text = members["\u{0}float"]?.stringValue {
                guard let number = Double(text) else { throw RecordError(description: "recorded plugin: bad number '\(text)'") }
                return .number(number)
            }
            var plain: [String: JSONValue] = [:]
            for (key, member) in members { plain[key] = try untyped(member) }
            return .object(plain)
        case .array(let items):
            var plain: [JSONValue] = []
            for item in items { plain.append(try untyped(item)) }
            return .array(plain)
        default: return value
        }
    }

    private static func recorded(_ example: PluginExample) -> JSONValue {
        .object([
            "text": .string(example.text), "language": example.language.map(JSONValue.string) ?? .null,
            "meta": .object(example.meta.mapValues(JSONValue.string)),
            "expect": .array(example.expect.map(JSONValue.string)), "reject": .array(example.reject.map(JSONValue.string)),
            "spans": .array(example.spans.map { .array([.string($0.label), .string($0.text)]) }),
        ])
    }

    private static func example(_ value: JSONValue) throws(RecordError) -> PluginExample {
        let fields = try object(value)
        guard let text = fields["text"]?.stringValue else { throw RecordError(description: "recorded plugin: example without text") }
        var meta: [String: String] = [:]
        for (key, member) in try object(fields["meta"] ?? .null) { meta[key] = member.stringValue ?? "" }
        var spans: [PluginExample.ExpectedSpan] = []
        for span in fields["spans"]?.arrayValue ?? [] {
            let pair = try strings(span.arrayValue ?? [])
            guard pair.count == 2 else { throw RecordError(description: "recorded plugin: bad example span") }
            spans.append(PluginExample.ExpectedSpan(label: pair[0], text: pair[1]))
        }
        return PluginExample(text: text, language: fields["language"]?.stringValue, meta: meta,
                             expect: try strings(fields["expect"]?.arrayValue ?? []),
                             reject: try strings(fields["reject"]?.arrayValue ?? []), spans: spans)
    }

    private static func object(_ value: JSONValue) throws(RecordError) -> [String: JSONValue] {
        guard let members = value.objectValue else { throw RecordError(description: "recorded plugin: expected an object") }
        return members
    }

    private static func strings(_ items: [JSONValue]) throws(RecordError) -> [String] {
        var texts: [String] = []
        for item in items {
            guard let text = item.stringValue else { throw RecordError(description: "recorded plugin: expected a string") }
            texts.append(text)
        }
        return texts
    }
}
