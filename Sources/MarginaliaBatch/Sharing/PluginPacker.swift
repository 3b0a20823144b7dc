import Foundation
import Marginalia
import MarginaliaLua

/// A plugin and the libraries it uses as one reproducible `.tar.gz`, for a paper's
/// supplementary material or a Zenodo record: `NAME/…` (the plugin folder; a single-file
/// plugin becomes a folder with the files it reads) and `lib/LIB/…`, entries sorted, every
/// timestamp 0, owner 0, no user names (`TarWriter`), gzip without a time or file name
/// (`GzipCompressor`). The same plugin gives the same bytes on every machine, and
/// `marginalia plugins install` of the archive gives the same plugin SHA-256.
///
/// ```swift
/// let pack = try PluginPacker.pack(descriptor)
/// try Data(pack.bytes).write(to: URL(fileURLWithPath: "ports-1.0.0.tar.gz"))
/// ```
public enum PluginPacker {
    /// The archive and what is in it.
    public struct Pack: Sendable {
        public var bytes: [UInt8]
        /// The paths inside the archive, sorted.
        public var entries: [String]
        public var sha256: String { ContentHash.sha256Hex(bytes) }
    }

    /// Packs the loaded plugin `plugin` (its folder, or its file and the files it reads)
    /// and the folders of the libraries it uses.
    public static func pack(_ plugin: PluginDescriptor) throws(InstallError) -> Pack {
        let folder = (plugin.path as NSString).deletingLastPathComponent
        var tar = TarWriter()
        var entries: [String] = []
        func add(_ relative: String, from base: String, as prefix: String) throws(InstallError) {
            let path = ((base.isEmpty ? "." : base) as NSString).appendingPathComponent(relative)
            guard let data = FileManager.default.contents(atPath: path) else { throw InstallError("\(path): cannot read it to pack") }
            tar.add(path: prefix + relative, contents: [UInt8](data))
            entries.append(prefix + relative)
        }
        do {
            if PluginLocator.pluginFile(inFolder: folder) == plugin.path {
                for file in try FileTree.files(in: folder) { try add(file, from: folder, as: plugin.name + "/") }
            } else {
                let libraryPrefixes = plugin.uses.map { "\(PluginLocator.libraryFolderName)/\($0)/" }
                try add((plugin.path as NSString).lastPathComponent, from: folder, as: plugin.name + "/")
                for file in plugin.dataFiles where !libraryPrefixes.contains(where: { file.hasPrefix($0) }) {
                    try add(file, from: folder, as: plugin.name + "/")
                }
            }
            for library in plugin.uses.sorted() {
                guard let libraryFolder = plugin.libraryFolders[library] else { continue }
                for file in try FileTree.files(in: libraryFolder) {
                    try add(file, from: libraryFolder, as: "\(PluginLocator.libraryFolderName)/\(library)/")
                }
            }
        } catch let error as FileTreeError {
            throw InstallError("\(error)")
        } catch let error as InstallError {
            throw error
        } catch {
            throw InstallError("\(error)")
        }
        do {
            return Pack(bytes: try GzipCompressor.compress(tar.finish()), entries: Array(Set(entries)).sorted())
        } catch {
            throw InstallError("cannot compress the archive: \(error)")
        }
    }
}
