import Foundation
import MarginaliaBatch
import MarginaliaPresentation

extension PluginOptions {
    /// The plugins of a `--locked` run: those of the lock (with `--only`: the named ones and
    /// what they require), each checked against the lock. Errors name every plugin and file
    /// that differs and say what to run.
    func lockedPluginSet(lockPath: String) throws -> PluginSet {
        let lock: PluginLock
        do { lock = try PluginLock.load(path: lockPath) } catch { throw CommandFailure("\(error)") }
        let names: [String]
        if let only {
            names = only.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        } else {
            names = lock.entries.map(\.name)
            guard !names.isEmpty else { throw CommandFailure("\(lockPath) names no plugins; write it with `marginalia plugins lock`") }
            let found = Set(try located().map(\.name))
            let missing = lock.entries.filter { !found.contains($0.name) }
            if !missing.isEmpty {
                let lines = missing.map { entry in
                    "plugin '\(entry.name)' \(entry.version) is locked (it was at \(entry.path)) but is not on the search path"
                        + (entry.source == nil ? "; put it back, or drop it from the lock with `marginalia plugins remove \(entry.name)`"
                                               : "; `marginalia plugins sync` restores it from \(entry.source!)")
                }
                throw CommandFailure("the plugins differ from \(lockPath):\n  " + lines.joined(separator: "\n  "))
            }
        }
        let set = try pluginSet(names: names)
        let check = lock.check(set.descriptors)
        if !check.problems.isEmpty { throw CommandFailure(check.report(lockPath: lockPath)) }
        return set
    }
}
