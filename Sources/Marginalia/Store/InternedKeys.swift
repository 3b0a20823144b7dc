import GRDB

/// The integer ids a batch writes instead of repeated text: plugin rows, label names and
/// parameter hashes, each interned in its table on first use and remembered for the rest
/// of the batch. A batch has few of each, searched by equality: their strings are mostly
/// the descriptors' own, so comparing them is cheaper than hashing a 64-digit hash for
/// every output.
///
/// ```swift
/// var interned = InternedKeys()
/// let plugin = try interned.pluginID(output.plugin, in: db)
/// let params = try interned.paramsID(output.paramsSHA256, in: db)
/// let label = try interned.labelID("defense.term", in: db)
/// ```
struct InternedKeys {
    /// A value interned by this batch, and its row id.
    private struct Entry<Key: Equatable> {
        let key: Key
        let id: Int64
    }

    private var plugins: [Entry<PluginIdentity>] = []
    private var params: [Entry<String>] = []
    private var labels: [String: Int64] = [:]

    /// The row id of a plugin version and script, inserting it on first use.
    mutating func pluginID(_ plugin: PluginIdentity, in db: Database) throws -> Int64 {
        if let id = Self.id(of: plugin, in: plugins) { return id }
        let id = try Self.intern([plugin.name, plugin.version, plugin.sha256], in: db,
                                 insert: "INSERT OR IGNORE INTO plugins (name, version, sha256) VALUES (?, ?, ?)",
                                 select: "SELECT id FROM plugins WHERE name = ? AND version = ? AND sha256 = ?",
                                 lost: "the plugins table lost the row of \(plugin.name) \(plugin.version)")
        plugins.append(Entry(key: plugin, id: id))
        return id
    }

    /// The row id of a plugin output's parameters hash in `output_params`.
    mutating func paramsID(_ sha256: String, in db: Database) throws -> Int64 {
        if let id = Self.id(of: sha256, in: params) { return id }
        let id = try Self.intern([sha256], in: db,
                                 insert: "INSERT OR IGNORE INTO output_params (sha256) VALUES (?)",
                                 select: "SELECT id FROM output_params WHERE sha256 = ?",
                                 lost: "the output_params table lost the row of \(sha256)")
        params.append(Entry(key: sha256, id: id))
        return id
    }

    /// The row id of a label name.
    mutating func labelID(_ label: String, in db: Database) throws -> Int64 {
        if let id = labels[label] { return id }
        let id = try Self.intern([label], in: db,
                                 insert: "INSERT OR IGNORE INTO labels (name) VALUES (?)",
                                 select: "SELECT id FROM labels WHERE name = ?",
                                 lost: "the labels table lost the row of '\(label)'")
        labels[label] = id
        return id
    }

    /// The id of the entry whose `key` is `value`, each entry compared where it is (a copy
    /// out of the array would retain and release its strings).
    private static func id<Key>(of value: Key, in entries: [Entry<Key>]) -> Int64? {
        entries.withUnsafeBufferPointer { entries in
            for index in entries.indices where entries[index].key == value { return entries[index].id }
            return nil
        }
    }

    private static func intern(_ values: [(any DatabaseValueConvertible)?], in db: Database, insert: String, select: String, lost: String) throws -> Int64 {
        try DirectStatement(db.cachedStatement(sql: insert), values).run(in: db)
        guard let id = try DirectStatement(db.cachedStatement(sql: select), values).firstRow(in: db, { try $0.integer(0) }) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: lost)
        }
        return id
    }
}
