import Foundation
import MarginaliaLua

extension PluginInstaller {
    /// What `sync` found or did for one plugin of the lock.
    public struct Synced: Sendable {
        public enum Outcome: Sendable, Equatable {
            /// On disk and as locked.
            case unchanged
            /// Fetched from its source at the locked commit, SHA-256 checked.
            case restored
            /// Not restored; the message says why and what to do.
            case failed(String)
        }
        public var entry: PluginLock.Entry
        public var outcome: Outcome
    }

    /// Brings every plugin of the lock to its locked state. A plugin without a recorded source
    /// (written in place, or bundled) is looked for at its locked path, else by name on the
    /// search path, and must have its locked SHA-256. A plugin installed from a source that is missing is
    /// fetched from its recorded source at the recorded commit and installed only when its
    /// SHA-256 is the locked one. A plugin present but different is refused, naming its
    /// changed files, unless `force` is set (then it is replaced from its source).
    public func sync() throws(InstallError) -> [Synced] {
        let lock: PluginLock
        do { lock = try PluginLock.load(path: absolute(lockPath)) } catch { throw InstallError("\(error)") }
        var outcomes: [Synced] = []
        for entry in lock.entries {
            outcomes.append(Synced(entry: entry, outcome: sync(entry)))
        }
        return outcomes
    }

    private func sync(_ entry: PluginLock.Entry) -> Synced.Outcome {
        var path = absolute(entry.path)
        if !FileManager.default.fileExists(atPath: path), entry.source == nil,
           let found = PluginLocator(explicit: searchPath + [absolute(destination)], environment: environment,
                                     currentDirectory: currentDirectory).locate().plugins.first(where: { $0.name == entry.name }) {
            path = absolute(found.path)   // e.g. a bundled plugin, locked on a machine where it lived elsewhere
        }
        var difference: String?
        if FileManager.default.fileExists(atPath: path) {
            do {
                let host = try PluginHost(limits: limits)
                host.onLog = { _, _ in }
                host.libraryPath = PluginLocator(explicit: searchPath + [absolute(destination)], environment: environment,
                                                 currentDirectory: currentDirectory).libraryPath
                let plugin = try host.load(path: path)
                if plugin.identity.sha256 == entry.sha256 { return .unchanged }
                let lines = PluginLock.fileDifferences(locked: entry.files, now: plugin.files)
                difference = "\(display(path)) differs from the lock (sha256 \(PluginLock.short(entry.sha256)) locked, \(PluginLock.short(plugin.identity.sha256)) now)"
                    + (lines.isEmpty ? "" : ":\n  " + lines.joined(separator: "\n  "))
            } catch {
                difference = "\(display(path)) does not load: \(error)"
            }
        }
        guard let source = entry.source else {
            return .failed((difference ?? "\(entry.path) is missing")
                           + "; the lock records no source for '\(entry.name)' (it was not installed with `marginalia plugins install`): restore it from your version control")
        }
        if let difference, !force {
            return .failed(difference + "\n`marginalia plugins sync --force` replaces it with the locked version from \(source); `marginalia plugins lock --only \(entry.name)` accepts it as it is")
        }
        // Installed plugins live in FOLDER/NAME/NAME.lua: restore into FOLDER.
        var restorer = self
        restorer.destination = ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
        do {
            let staged = try StagedSource(PluginSource(kind: source.kind, location: source.location, ref: source.ref), commit: entry.commit)
            defer { staged.discard() }
            _ = try restorer.install(staged, names: [entry.name], expecting: [entry.name: entry], replacing: true, recordInLock: false)
        } catch let error as InstallError {
            return .failed(error.description)
        } catch {
            return .failed("\(error)")
        }
        return .restored
    }
}
