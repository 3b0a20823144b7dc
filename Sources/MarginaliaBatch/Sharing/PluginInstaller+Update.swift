import Foundation
import MarginaliaLua

extension PluginInstaller {
    /// What `update` did for one git-sourced plugin.
    public struct Updated: Sendable {
        public var before: PluginLock.Entry
        /// The new entry; nil when the plugin was already at the newest commit of its ref.
        public var after: PluginLock.Entry?
        /// True when the plugin stays because it was installed at a commit (not a tag or branch).
        public var pinned = false
    }

    /// Moves git-sourced plugins of the lock (`names`, or all) to the newest commit of their
    /// ref: a branch's (or the default branch's) newest commit, or for a version tag the
    /// highest version tag of the repository; `ref` moves them to that tag, branch or
    /// commit instead. A plugin pinned to a commit stays unless `ref` is given.
    public func update(_ names: [String] = [], to ref: String? = nil) throws(InstallError) -> [Updated] {
        let lock: PluginLock
        do { lock = try PluginLock.load(path: absolute(lockPath)) } catch { throw InstallError("\(error)") }
        for name in names where lock[name] == nil {
            throw InstallError("no plugin '\(name)' in \(lockPath) (it has: \(lock.entries.map(\.name).joined(separator: ", ")))")
        }
        let chosen = names.isEmpty ? lock.entries.filter { $0.source?.kind == .git } : names.compactMap { lock[$0] }
        if chosen.isEmpty { throw InstallError("no plugin in \(lockPath) was installed from a git repository; nothing to update") }
        var updates: [Updated] = []
        for entry in chosen {
            guard let source = entry.source, source.kind == .git else {
                throw InstallError("\(entry.name) was \(entry.source.map { "installed from the \($0.kind.rawValue) \($0.location)" } ?? "not installed from a source"); only git sources can be updated — install it again instead")
            }
            var updater = self
            updater.destination = ((absolute(entry.path) as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
            do {
                let staged = try StagedSource(source, movingTo: ref.map { .to($0) } ?? .newest)
                defer { staged.discard() }
                if staged.commit == entry.commit {
                    let pinned = ref == nil && source.ref != nil && source.ref.map { entry.commit?.hasPrefix($0) == true } == true
                    updates.append(Updated(before: entry, after: nil, pinned: pinned))
                    continue
                }
                let installed = try updater.install(staged, names: [entry.name], replacing: true)
                updates.append(Updated(before: entry, after: installed.first?.entry))
            } catch let error as InstallError {
                throw error
            } catch {
                throw InstallError("\(error)")
            }
        }
        return updates
    }

    /// What `remove` deleted.
    public struct Removed: Sendable {
        public var name: String
        /// Files and folders deleted (the plugin's, and libraries no other plugin uses).
        public var deleted: [String]
        /// Whether the lock had an entry for it (now gone).
        public var wasLocked: Bool
    }

    /// Deletes plugin `name` from `destination` (its folder, or its file) and from the lock,
    /// with the libraries it used that no other plugin in `destination` or the lock uses.
    public func remove(_ name: String) throws(InstallError) -> Removed {
        var lock: PluginLock
        do { lock = try PluginLock.loadIfPresent(path: absolute(lockPath)) } catch { throw InstallError("\(error)") }
        let manager = FileManager.default
        let folder = absolute(destination) + "/" + name, file = folder + ".lua"
        var candidates = [folder, file].filter { manager.fileExists(atPath: $0) }
        if candidates.isEmpty, let entry = lock[name] {
            let locked = absolute(entry.path), holder = (locked as NSString).deletingLastPathComponent
            let inProject = locked.hasPrefix(absolute(".") + "/")
            if inProject && manager.fileExists(atPath: locked) {
                candidates = [PluginLocator.pluginFile(inFolder: holder) == locked ? holder : locked]
            }
        }
        let entry = lock[name]
        guard !candidates.isEmpty || entry != nil else {
            throw InstallError("no plugin '\(name)' in \(display(destination)) or \(lockPath)")
        }
        var uses = entry?.uses ?? []
        if let file = candidates.first.flatMap({ PluginLocator.pluginFile(inFolder: $0) ?? ($0.hasSuffix(".lua") ? $0 : nil) }) {
            uses += (try? loadQuietly(file))?.uses ?? []
        }
        var deleted: [String] = []
        do {
            for path in candidates {
                try FileTree.remove(path)
                deleted.append(display(path))
            }
        } catch {
            throw InstallError("\(error)")
        }
        lock.remove(name)
        for library in Set(uses).sorted() where !isUsed(library, lock: lock) {
            let path = absolute(destination) + "/\(PluginLocator.libraryFolderName)/\(library)"
            guard manager.fileExists(atPath: path) else { continue }
            do { try FileTree.remove(path) } catch { throw InstallError("\(error)") }
            deleted.append(display(path))
        }
        if entry != nil {
            do { try lock.render().write(toFile: absolute(lockPath), atomically: true, encoding: .utf8) } catch {
                throw InstallError("\(lockPath): cannot write the lock: \(error.localizedDescription)")
            }
        }
        return Removed(name: name, deleted: deleted, wasLocked: entry != nil)
    }

    /// True when a locked plugin or a plugin in `destination` uses `library`.
    private func isUsed(_ library: String, lock: PluginLock) -> Bool {
        if lock.entries.contains(where: { $0.uses.contains(library) }) { return true }
        return PluginLocator.plugins(inDirectory: absolute(destination)).contains { file in
            (try? loadQuietly(file))?.uses.contains(library) == true
        }
    }

    private func loadQuietly(_ file: String) throws -> PluginDescriptor {
        let host = try PluginHost(limits: limits)
        host.onLog = { _, _ in }
        host.libraryPath = [absolute(destination)]
        return try host.load(path: file)
    }
}
