import Foundation
import Marginalia
import MarginaliaLua
import TOMLKit

/// `marginalia.lock`: the exact plugins a project's results were made with — name, version,
/// SHA-256 of the plugin and of each file it read — and, for plugins installed with
/// `marginalia plugins install`, where they came from (source, git ref and commit), so that
/// `marginalia plugins sync` can bring them back. `marginalia annotate --locked` refuses to
/// run when a plugin it uses differs, naming the file that changed.
///
/// The file is TOML, one `[[plugin]]` table per plugin, easy to review in a diff:
///
/// ```toml
/// [[plugin]]
/// name = "ports"
/// version = "1.1.0"
/// sha256 = "9c1b…"
/// path = "Plugins/ports/ports.lua"
/// source = "https://example.org/ports.git"
/// kind = "git"
/// ref = "v1.1.0"
/// commit = "5e0f…"
///
/// [plugin.files]
/// "ports.lua" = "77aa…"
/// "lexicons/ports.txt" = "3f2a…"
/// ```
///
/// ```swift
/// let lock = PluginLock(plugins: set.descriptors)
/// try lock.render().write(toFile: "marginalia.lock", atomically: true, encoding: .utf8)
/// let problems = try PluginLock.load(path: "marginalia.lock").differences(from: set.descriptors)
/// ```
public struct PluginLock: Sendable, Equatable {
    public static let defaultName = "marginalia.lock"

    /// One pinned plugin.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var version: String
        public var sha256: String
        /// Where the plugin file is (relative to the project folder when inside it).
        public var path: String
        /// Where it was installed from; nil for a plugin written in place or bundled.
        public var source: PluginSource?
        /// For a git source: the commit installed.
        public var commit: String?
        /// Libraries it uses (`uses` in its manifest).
        public var uses: [String]
        /// SHA-256 of each file it read, by path relative to its folder (empty in old locks).
        public var files: [String: String]

        public init(name: String, version: String, sha256: String, path: String, source: PluginSource? = nil,
                    commit: String? = nil, uses: [String] = [], files: [String: String] = [:]) {
            self.name = name
            self.version = version
            self.sha256 = sha256
            self.path = path
            self.source = source
            self.commit = commit
            self.uses = uses
            self.files = files
        }

        /// The entry of a loaded plugin, without a source.
        public init(plugin: PluginDescriptor) {
            self.init(name: plugin.name, version: plugin.version, sha256: plugin.identity.sha256, path: plugin.path,
                      uses: plugin.uses, files: Dictionary(plugin.files.map { ($0.path, $0.sha256) }, uniquingKeysWith: { first, _ in first }))
        }
    }

    /// Sorted by name.
    public private(set) var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries.sorted { $0.name < $1.name } }

    public init(plugins: [PluginDescriptor]) { self.init(entries: plugins.map(Entry.init(plugin:))) }

    /// The entry of `name`.
    public subscript(name: String) -> Entry? { entries.first { $0.name == name } }

    /// Adds or replaces the entry of `entry.name`.
    public mutating func set(_ entry: Entry) {
        entries.removeAll { $0.name == entry.name }
        entries.append(entry)
        entries.sort { $0.name < $1.name }
    }

    /// Removes the entry of `name`; false when there was none.
    @discardableResult
    public mutating func remove(_ name: String) -> Bool {
        let before = entries.count
        entries.removeAll { $0.name == name }
        return entries.count != before
    }

    /// The lock file at `path`, or an empty lock when there is none yet.
    public static func loadIfPresent(path: String) throws(PluginLockError) -> PluginLock {
        FileManager.default.fileExists(atPath: path) ? try load(path: path) : PluginLock(entries: [])
    }

    /// The file's text.
    public func render() -> String {
        var text = """
            # marginalia.lock — the exact plugins of this project. Written by `marginalia plugins lock`
            # and `marginalia plugins install`; checked by `marginalia annotate --locked`; restored by
            # `marginalia plugins sync`. Commit it with marginalia.toml.
            lock_version = 2

            """
        func quoted(_ value: String) -> String {
            var out = ""
            JSONValue.writeString(value, to: &out)   // a JSON string is a valid TOML basic string
            return out
        }
        for entry in entries {
            text += "\n[[plugin]]\nname = \(quoted(entry.name))\nversion = \(quoted(entry.version))\n"
            text += "sha256 = \(quoted(entry.sha256))\npath = \(quoted(entry.path))\n"
            if let source = entry.source {
                text += "source = \(quoted(source.location))\nkind = \(quoted(source.kind.rawValue))\n"
                if let ref = source.ref { text += "ref = \(quoted(ref))\n" }
            }
            if let commit = entry.commit { text += "commit = \(quoted(commit))\n" }
            if !entry.uses.isEmpty { text += "uses = [\(entry.uses.map(quoted).joined(separator: ", "))]\n" }
            if !entry.files.isEmpty {
                text += "\n[plugin.files]\n"
                for (path, sha256) in entry.files.sorted(by: { $0.key < $1.key }) { text += "\(quoted(path)) = \(quoted(sha256))\n" }
            }
        }
        return text
    }

    /// Reads a lock file (this format, or the tab-separated one of earlier versions);
    /// errors name the file and line.
    public static func load(path: String) throws(PluginLockError) -> PluginLock {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw PluginLockError("\(path): cannot read the lock file (write one with `marginalia plugins lock`)")
        }
        if text.split(separator: "\n").contains(where: { $0.hasPrefix("[[plugin]]") || $0.hasPrefix("lock_version") }) {
            return try parse(text, path: path)
        }
        return try parseTabSeparated(text, path: path)
    }

    /// Parses the TOML form.
    static func parse(_ text: String, path: String) throws(PluginLockError) -> PluginLock {
        let json: JSONValue
        do {
            json = try JSONParser.parse(Array(TOMLTable(string: text).convert(to: .json).utf8))
        } catch let error as TOMLParseError {
            throw PluginLockError("\(path):\(error.source.begin.line): \(error.description)")
        } catch {
            throw PluginLockError("\(path): \(error)")
        }
        var entries: [Entry] = []
        for (offset, table) in (json.objectValue?["plugin"]?.arrayValue ?? []).enumerated() {
            let fields = table.objectValue ?? [:]
            func field(_ key: String) -> String? { fields[key]?.stringValue }
            let at = "\(path): [[plugin]] #\(offset + 1)"
            guard let name = field("name"), let version = field("version"), let sha256 = field("sha256"), sha256.count == 64,
                  let pluginPath = field("path") else {
                throw PluginLockError("\(at) needs name, version, sha256 (64 hex digits) and path")
            }
            var source: PluginSource?
            if let location = field("source") {
                guard let kind = field("kind").flatMap(PluginSource.Kind.init(rawValue:)) else {
                    throw PluginLockError("\(at) ('\(name)'): 'kind' must be one of \(PluginSource.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                source = PluginSource(kind: kind, location: location, ref: field("ref"))
            }
            var files: [String: String] = [:]
            for (file, hash) in fields["files"]?.objectValue ?? [:] { files[file] = hash.stringValue }
            entries.append(Entry(name: name, version: version, sha256: sha256, path: pluginPath, source: source,
                                 commit: field("commit"), uses: fields["uses"]?.arrayValue?.compactMap(\.stringValue) ?? [], files: files))
        }
        return PluginLock(entries: entries)
    }

    /// Parses the tab-separated lock of earlier versions (name, version, sha256, path).
    static func parseTabSeparated(_ text: String, path: String) throws(PluginLockError) -> PluginLock {
        var entries: [Entry] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4, fields[2].count == 64 else {
                throw PluginLockError("\(path):\(offset + 1): expected a [[plugin]] table (or an old 'name<TAB>version<TAB>sha256<TAB>path' line)")
            }
            entries.append(Entry(name: fields[0], version: fields[1], sha256: fields[2], path: fields[3]))
        }
        return PluginLock(entries: entries)
    }
}

/// A lock file that cannot be read.
public struct PluginLockError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
