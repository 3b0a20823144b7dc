import Foundation
import Marginalia

/// One file a plugin's loading looked at, as opened (the plugin file, a file read with
/// `marginalia.load_terms`, `include` or `use`, a library folder `use` searched first and
/// found empty), with the SHA-256 of its bytes, or nil when it was not there. Loading a
/// plugin reads nothing else from disk, so while every file of a descriptor's
/// ``PluginDescriptor/loadReads`` is as it was, loading it again with the same parameters
/// gives the same identity: a resumed run can know it without running the script.
///
/// ```swift
/// let defense = try host.load(path: "Plugins/defense/defense.lua")
/// defense.loadReads.allSatisfy { $0.isCurrent() }   // true until a file changes
/// ```
public struct PluginLoadRead: Sendable, Hashable {
    /// The path as the loader opened it (relative to the working folder when the plugin's was).
    public var path: String
    /// SHA-256 of the bytes read; nil: there was no file to read.
    public var sha256: String?

    public init(path: String, sha256: String?) {
        self.path = path
        self.sha256 = sha256
    }

    /// True when the file still has these bytes (or is still not there).
    public func isCurrent() -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return sha256 == nil }
        return sha256 == ContentHash.sha256Hex([UInt8](data))
    }

    /// The reads of one load, each path once (the first time it was opened), in order.
    static func list(_ reads: [(path: String, bytes: [UInt8]?)]) -> [PluginLoadRead] {
        var seen = Set<String>()
        return reads.compactMap { read in
            guard seen.insert(read.path).inserted else { return nil }
            return PluginLoadRead(path: read.path, sha256: read.bytes.map { ContentHash.sha256Hex($0) })
        }
    }
}
