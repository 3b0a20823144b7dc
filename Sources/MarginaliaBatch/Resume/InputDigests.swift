import Foundation
import Marginalia

/// The SHA-256 of a run's input files, computed ahead on a thread of its own while the
/// plugins load, for the resume stage, which looks a whole file up by it (``ResumeStage``).
/// Without it a resumed run starts hashing only once its plugins are loaded; on two cores
/// the two now overlap. `marginalia annotate` starts it when the store may hold completed
/// files; the resume stage stops it at once when no file of these plugins is complete.
///
/// A digest is handed out only while the file's device, inode, size and modification time
/// are those it was hashed with; otherwise, and for a file not listed, the caller hashes.
///
/// ```swift
/// InputDigests.shared.prefetch(files: ["news.jsonl.gz"])
/// // … load the plugins …
/// let hash = InputDigests.shared.digest(ofFile: "news.jsonl.gz") ?? (try StreamingSHA256.ofFile(atPath: "news.jsonl.gz"))
/// ```
public final class InputDigests: @unchecked Sendable {
    /// The one `marginalia annotate` fills and the resume stage reads.
    public static let shared = InputDigests()

    /// What a file was hashed as.
    private struct Digest {
        let sha256: String
        let identity: FileIdentity
    }

    private let condition = NSCondition()
    /// Files not hashed yet, in the order they are hashed.
    private var pending: [String] = []
    private var digests: [String: Digest] = [:]
    private var stopped = false

    public init() {}

    /// Starts hashing `files` (in order, one after the other) on a thread of its own.
    public func prefetch(files: [String]) {
        condition.withLock {
            stopped = false
            pending.append(contentsOf: files)
        }
        let thread = Thread { [self] in
            while let file = condition.withLock({ stopped || pending.isEmpty ? nil : pending.first }) {
                let digest = Self.hash(file, while: { [self] in !condition.withLock { stopped } })
                condition.withLock {
                    if let digest { digests[file] = digest }
                    pending.removeAll { $0 == file }
                    condition.broadcast()
                }
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Ends the hashing (after at most one more 1 MiB read): nothing will ask for it.
    public func stop() {
        condition.withLock {
            stopped = true
            pending = []
            condition.broadcast()
        }
    }

    /// The SHA-256 of `path` as prefetched, waiting while it is still to be hashed; nil when
    /// it was not prefetched (or the hashing was stopped or failed), or when the file changed
    /// since.
    public func digest(ofFile path: String) -> String? {
        let digest: Digest? = condition.withLock {
            while !stopped, digests[path] == nil, pending.contains(path) { condition.wait() }
            return digests[path]
        }
        guard let digest, FileIdentity(path: path) == digest.identity else { return nil }
        return digest.sha256
    }

    /// The file's digest, read in 1 MiB chunks while `goOn()` holds; nil when it is stopped,
    /// the file cannot be read or it changed while it was read.
    private static func hash(_ path: String, while goOn: () -> Bool) -> Digest? {
        guard let before = FileIdentity(path: path), let source = try? FileByteSource(path: path, hashing: true) else { return nil }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        while goOn() {
            guard let count = try? source.read(into: chunk) else { return nil }
            if count == 0 {
                guard let sha256 = source.contentSHA256, FileIdentity(path: path) == before else { return nil }
                return Digest(sha256: sha256, identity: before)
            }
        }
        return nil
    }
}

/// What tells one version of a file from another without reading it: device, inode, size
/// and modification time (to the nanosecond).
struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64
    let size: Int64
    let modifiedSeconds: Int
    let modifiedNanoseconds: Int

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        #if os(Linux)
        modifiedSeconds = Int(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
        #else
        modifiedSeconds = Int(info.st_mtimespec.tv_sec)
        modifiedNanoseconds = Int(info.st_mtimespec.tv_nsec)
        #endif
    }
}
