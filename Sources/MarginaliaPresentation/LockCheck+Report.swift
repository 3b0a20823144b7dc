import MarginaliaBatch

/// A failed lock check as `marginalia annotate --locked` prints it: the problems, then the
/// commands that accept the plugins as they are or bring back the locked files.
///
/// ```swift
/// let check = lock.check(set.descriptors)
/// if !check.problems.isEmpty { print(check.report(lockPath: "marginalia.lock")) }
/// ```
extension LockCheck {
    /// The error text: the problems, then what to run.
    public func report(lockPath: String) -> String {
        var lines = ["the plugins differ from \(lockPath):"] + problems.map { "  " + $0.replacingOccurrences(of: "\n", with: "\n  ") }
        let lockFlag = lockPath == PluginLock.defaultName ? "" : " --lock \(lockPath)"
        let toLock = (changed + unlocked).sorted()
        if !toLock.isEmpty {
            lines.append("To accept the plugins as they are now: marginalia plugins lock --only \(toLock.joined(separator: ","))\(lockFlag)")
        }
        if !restorable.isEmpty {
            lines.append("To go back to the locked files: marginalia plugins sync --force\(lockFlag)")
        } else if !changed.isEmpty {
            lines.append("To go back to the locked files, restore them from your version control (the lock records no source for \(changed.joined(separator: ", "))).")
        }
        return lines.joined(separator: "\n")
    }
}
