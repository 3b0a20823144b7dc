import MarginaliaLua

/// How the plugins of a run differ from a lock: the problems and which plugins could be
/// locked again or restored (MarginaliaPresentation's `report(lockPath:)` words the advice).
///
/// ```swift
/// let check = lock.check(set.descriptors)
/// if !check.changed.isEmpty { print("changed since locked:", check.changed) }
/// ```
public struct LockCheck: Sendable, Equatable {
    /// One paragraph per differing plugin; its changed files on indented lines.
    public var problems: [String] = []
    /// Plugins in use whose files differ from the lock.
    public var changed: [String] = []
    /// Plugins in use that the lock does not name.
    public var unlocked: [String] = []
    /// Of `changed`, those the lock can restore from a source.
    public var restorable: [String] = []

    /// A check's result; ``PluginLock/check(_:)`` makes one from the plugins of a run.
    ///
    /// ```swift
    /// let check = LockCheck(problems: ["plugin 'defense' is not in the lock"], unlocked: ["defense"])
    /// ```
    public init(problems: [String] = [], changed: [String] = [], unlocked: [String] = [], restorable: [String] = []) {
        self.problems = problems
        self.changed = changed
        self.unlocked = unlocked
        self.restorable = restorable
    }
}

extension PluginLock {
    /// Compares the plugins a run uses with the lock. Locked plugins the run does not use
    /// are fine: a lock made for more plugins checks any subset of them.
    public func check(_ plugins: [PluginDescriptor]) -> LockCheck {
        var result = LockCheck()
        for plugin in plugins.sorted(by: { $0.name < $1.name }) {
            guard let entry = self[plugin.name] else {
                result.problems.append("plugin '\(plugin.name)' (\(plugin.path)) is not in the lock")
                result.unlocked.append(plugin.name)
                continue
            }
            guard entry.sha256 != plugin.identity.sha256 || entry.version != plugin.version else { continue }
            var message = "plugin '\(plugin.name)' (\(plugin.path)): "
            if entry.version != plugin.version {
                message += "version \(entry.version) is locked, this is version \(plugin.version)"
            } else {
                message += "changed since it was locked (same version \(plugin.version), sha256 \(Self.short(entry.sha256)) locked, \(Self.short(plugin.identity.sha256)) now)"
            }
            let files = Self.fileDifferences(locked: entry.files, now: plugin.files)
            if !files.isEmpty { message += "\n" + files.map { "  " + $0 }.joined(separator: "\n") }
            result.problems.append(message)
            result.changed.append(plugin.name)
            if entry.source != nil { result.restorable.append(plugin.name) }
        }
        return result
    }

    /// The files that differ, one line each: `lexicons/x.txt: locked 3f2a…, now 9c1b…`.
    /// Empty when the lock has no file hashes (a lock of an earlier version).
    ///
    /// ```swift
    /// PluginLock.fileDifferences(locked: ["a.txt": old], now: [PluginFile(path: "a.txt", sha256: new)])
    /// // ["a.txt: locked 3f2a9d01bc44…, now 9c1b…"]
    /// ```
    public static func fileDifferences(locked: [String: String], now: [PluginFile]) -> [String] {
        guard !locked.isEmpty else { return [] }
        let current = Dictionary(now.map { ($0.path, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        var lines: [String] = []
        for path in Set(locked.keys).union(current.keys).sorted() {
            switch (locked[path], current[path]) {
            case let (before?, after?) where before != after: lines.append("\(path): locked \(short(before)), now \(short(after))")
            case let (before?, nil): lines.append("\(path): locked \(short(before)), no longer read by the plugin")
            case let (nil, after?): lines.append("\(path): not in the lock, now \(short(after))")
            default: break
            }
        }
        return lines
    }

    static func short(_ sha256: String) -> String { sha256.prefix(12) + "…" }
}
