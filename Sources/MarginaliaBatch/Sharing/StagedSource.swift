import Foundation
import MarginaliaLua

/// A plugin source made available in a scratch folder: a git repository checked out, an
/// archive unpacked, or a local file or folder (used where it is). Removed by `discard()`.
///
/// ```swift
/// let staged = try StagedSource(source, commit: nil)
/// defer { staged.discard() }
/// print(staged.pluginFiles, staged.commit ?? "-")
/// ```
struct StagedSource {
    let source: PluginSource
    /// The folder the plugins were found in.
    let root: String
    /// The plugin files found, sorted by name.
    let pluginFiles: [String]
    /// For git: the commit checked out.
    let commit: String?
    /// For git: the tag, branch or commit it was asked for, or the repository's newest version
    /// tag when `newestVersion` was asked.
    let ref: String?
    private let scratch: String?

    /// Stages `source`, at `commit` when given (git only), else at its ref.
    init(_ source: PluginSource, commit wanted: String? = nil, movingTo movement: GitMovement = .stay) throws(PluginSourceError) {
        self.source = source
        var scratch: String?
        var root = source.location
        var commit: String?
        var ref = source.ref
        func makeScratch() throws(PluginSourceError) -> String {
            let folder = NSTemporaryDirectory() + "marginalia-install-" + UUID().uuidString
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw PluginSourceError(source: source.description, message: "cannot create a scratch folder: \(error.localizedDescription)")
            }
            scratch = folder
            return folder
        }
        do throws(PluginSourceError) {
            switch source.kind {
            case .git:
                var name = ((source.location as NSString).lastPathComponent as NSString).deletingPathExtension
                if name.isEmpty || name.contains(":") { name = "repository" }
                root = try makeScratch() + "/" + name
                let checkout = try GitCheckout(cloning: source.location, into: root)
                switch movement {
                case .stay: break
                case .newest:
                    switch checkout.kind(of: ref) {
                    case .tag: ref = try checkout.newestVersionTag() ?? ref
                    case .branch, .defaultBranch, .commit: break
                    }
                case .to(let newRef): ref = newRef
                }
                let target: String
                if let wanted { target = wanted } else { target = try checkout.commit(of: ref) }
                commit = try checkout.checkOut(commit: target)
            case .archive:
                root = try makeScratch() + "/unpacked"
                try ArchiveExtractor.extract(source.location, into: root)
                root = Self.unwrapped(root)
            case .folder:
                break
            case .file:
                root = (source.location as NSString).deletingLastPathComponent
            }
        } catch {
            if let scratch { try? FileManager.default.removeItem(atPath: scratch) }
            throw error
        }
        self.scratch = scratch
        self.root = root
        self.commit = commit
        self.ref = ref
        if source.kind == .file {
            pluginFiles = [source.location]
        } else if let single = PluginLocator.pluginFile(inFolder: root) {
            pluginFiles = [single]
        } else {
            pluginFiles = PluginLocator.plugins(inDirectory: root)
        }
        if pluginFiles.isEmpty {
            discard()
            throw PluginSourceError(source: source.description, message: "not a plugin: no NAME/NAME.lua folder or NAME.lua file in it")
        }
    }

    /// Where a git source should move to: its recorded ref, the newest version tag (for a
    /// tag) or branch commit, or another ref.
    enum GitMovement: Equatable { case stay, newest, to(String) }

    /// An archive holding one folder that is not itself a plugin folder (as GitHub's
    /// downloads do: `ports-1.0.0/…`) is read from inside that folder.
    private static func unwrapped(_ root: String) -> String {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { !$0.hasPrefix(".") }
        guard names.count == 1, names[0] != PluginLocator.libraryFolderName else { return root }
        let inner = (root as NSString).appendingPathComponent(names[0])
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: inner, isDirectory: &isDirectory), isDirectory.boolValue,
              PluginLocator.pluginFile(inFolder: inner) == nil else { return root }
        return inner
    }

    /// Removes the scratch folder, if one was made.
    func discard() {
        if let scratch { try? FileManager.default.removeItem(atPath: scratch) }
    }
}

/// Unpacks `.tar.gz`/`.tgz` with the system `tar` and `.zip` with `unzip`.
enum ArchiveExtractor {
    static func extract(_ archive: String, into folder: String) throws(PluginSourceError) {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw PluginSourceError(source: archive, message: "cannot create \(folder): \(error.localizedDescription)")
        }
        do {
            if archive.lowercased().hasSuffix(".zip") {
                _ = try SystemTool.run("unzip", ["-q", "-o", archive, "-d", folder])
            } else {
                // GNU tar leaves out absolute names and '..'; --no-same-owner keeps files ours.
                _ = try SystemTool.run("tar", ["-x", "-z", "-f", archive, "-C", folder, "--no-same-owner", "--no-same-permissions"])
            }
        } catch {
            throw PluginSourceError(source: archive, message: "cannot unpack the archive: \(error)")
        }
    }
}
