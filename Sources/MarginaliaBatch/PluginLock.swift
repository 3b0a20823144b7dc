import Foundation
import Marginalia
import MarginaliaLua

/// `marginalia.lock`: the exact plugins (name, version, SHA-256 of source and data files)
/// a project's results were made with. `marginalia annotate --locked` refuses to run when
/// the plugins in use differ, so that shared scripts give identical, traceable results.
///
/// The file is plain text, one plugin per line, easy to review in a diff:
///
/// ```text
/// # marginalia.lock — written by `marginalia plugins lock`; checked by `annotate --locked`.
/// defense	1.0.0	3f1c…e9	Plugins/defense.lua
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
        /// Where it was found when locked (for information; not checked).
        public var path: String
    }

    /// Sorted by name.
    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries.sorted { $0.name < $1.name } }

    public init(plugins: [PluginDescriptor]) {
        self.init(entries: plugins.map { Entry(name: $0.name, version: $0.version, sha256: $0.identity.sha256, path: $0.path) })
    }

    /// The file's text.
    public func render() -> String {
        var text = "# marginalia.lock — written by `marginalia plugins lock`; checked by `marginalia annotate --locked`.\n"
        text += "# name\tversion\tsha256\tpath\n"
        for entry in entries { text += "\(entry.name)\t\(entry.version)\t\(entry.sha256)\t\(entry.path)\n" }
        return text
    }

    /// Reads a lock file; errors name the file and line.
    public static func load(path: String) throws(PluginLockError) -> PluginLock {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw PluginLockError("\(path): cannot read the lock file (write one with `marginalia plugins lock`)")
        }
        var entries: [Entry] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4, fields[2].count == 64 else {
                throw PluginLockError("\(path):\(offset + 1): expected 'name<TAB>version<TAB>sha256<TAB>path'")
            }
            entries.append(Entry(name: fields[0], version: fields[1], sha256: fields[2], path: fields[3]))
        }
        return PluginLock(entries: entries)
    }

    /// How the plugins in use differ from the lock, one sentence each; empty when they match.
    public func differences(from plugins: [PluginDescriptor]) -> [String] {
        var problems: [String] = []
        let locked = Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for plugin in plugins.sorted(by: { $0.name < $1.name }) {
            guard let entry = locked[plugin.name] else {
                problems.append("plugin '\(plugin.name)' (\(plugin.path)) is not in the lock; run `marginalia plugins lock` to add it")
                continue
            }
            if entry.version != plugin.version {
                problems.append("plugin '\(plugin.name)': version \(entry.version) is locked, \(plugin.path) is version \(plugin.version)")
            } else if entry.sha256 != plugin.identity.sha256 {
                problems.append("plugin '\(plugin.name)': \(plugin.path) changed since it was locked (sha256 \(entry.sha256.prefix(12))… locked, \(plugin.identity.sha256.prefix(12))… now) — same version \(plugin.version), different code or data")
            }
        }
        let inUse = Set(plugins.map(\.name))
        for entry in entries where !inUse.contains(entry.name) {
            problems.append("plugin '\(entry.name)' \(entry.version) is locked but not in use (it was at \(entry.path))")
        }
        return problems
    }
}

/// A lock file that cannot be read.
public struct PluginLockError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
