import Crypto

/// One of `count` deterministic partitions of a corpus, chosen by a hash of each
/// document's id: every machine agrees on the partition without talking to the others,
/// whatever order or files the documents come in. Shards are numbered from 0.
///
/// The hash is the first 8 bytes of the SHA-256 of the id's UTF-8 bytes, read big-endian,
/// modulo `count`, so that shard membership never depends on the Swift version, the
/// platform or the process (Swift's own `Hasher` is seeded per process).
///
/// ```swift
/// let shard = try CorpusShard(parsing: "2/8")      // the third of eight
/// shard.owns(documentID: "000_fac921506216631c")    // true or false, on every machine
/// CorpusShard.whole.owns(documentID: "anything")    // true
/// ```
public struct CorpusShard: Sendable, Hashable, CustomStringConvertible {
    /// 0-based index of this shard, below `count`.
    public let index: Int
    /// The number of shards the corpus is cut into.
    public let count: Int

    /// The whole corpus (shard 0 of 1).
    public static let whole = CorpusShard(uncheckedIndex: 0, count: 1)

    /// Shard `index` of `count`; throws when `count < 1` or `index` is not in `0..<count`.
    public init(index: Int, count: Int) throws(CorpusShard.Invalid) {
        guard count >= 1 else { throw Invalid("the shard count must be at least 1 (got \(count))") }
        guard (0..<count).contains(index) else {
            throw Invalid("shard \(index) of \(count) does not exist: shards are numbered 0 to \(count - 1)")
        }
        self.init(uncheckedIndex: index, count: count)
    }

    /// Parses `K/N` (as in `--shard 3/10`).
    public init(parsing text: String) throws(CorpusShard.Invalid) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw Invalid("'\(text)' is not K/N (for example 0/4: the first of four shards)")
        }
        try self.init(index: index, count: count)
    }

    private init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// True when this is the whole corpus.
    public var isWhole: Bool { count == 1 }

    /// `K/N`.
    public var description: String { "\(index)/\(count)" }

    /// The shard (of `count`) a document id falls in.
    ///
    /// ```swift
    /// CorpusShard.index(of: "doc-1", count: 4)   // the same number on every machine
    /// ```
    public static func index(of documentID: String, count: Int) -> Int {
        let digest = SHA256.hash(data: Array(documentID.utf8))
        var value: UInt64 = 0
        for byte in digest.prefix(8) { value = value << 8 | UInt64(byte) }
        return Int(value % UInt64(count))
    }

    /// True when the document with this id belongs to this shard.
    public func owns(documentID: String) -> Bool {
        isWhole || Self.index(of: documentID, count: count) == index
    }

    /// A shard that cannot exist, or text that is not `K/N`.
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }
}
