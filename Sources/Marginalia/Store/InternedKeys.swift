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
    private var plugins: [(plugin: PluginIdentity, id: Int64)] = []
    private var params: [(sha256: String, id: Int64)] = []
    private var labels: [String: Int64] = [:]

    /// The row id of a plugin version and script, inserting it on first use.
    mutating func pluginID(_ plugin: PluginIdentity, in db: Database) throws -> Int64 {
        if let entry = plugins.first(where: { $0.plugin == plugin }) { return entry.id }
        let id = try Self.intern([plugin.name, plugin.version, plugin.sha256], in: db,
                                 insert: "INSERT OR IGNORE INTO plugins (name, version, sha256) VALUES (?, ?, ?)",
                                 select: "SELECT id FROM plugins WHERE name = ? AND version = ? AND sha256 = ?",
                                 lost: "the plugins table lost the row of \(plugin.name) \(plugin.version)")
        plugins.append((plugin, id))
        return id
    }

    /// The row id of a plugin output's parameters hash in `output_params`.
    mutating func paramsID(_ sha256: String, in db: Database) throws -> Int64 {
        if let entry = params.first(where: { $0.sha256 == sha256 }) { return entry.id }
        let id = try Self.intern([sha256], in: db,
                                 insert: "INSERT OR IGNORE INTO output_params (sha256) VALUES (?)",
                                 select: "SELECT id FROM output_params WHERE sha256 = ?",
                                 lost: "the output_params table lost the row of \(sha256)")
        params.append((sha256, id))
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

    private static func intern(_ values: [(any DatabaseValueConvertible)?], in db: Database, insert: String, select: String, lost: String) throws -> Int64 {
        try DirectStatement(db.cachedStatement(sql: insert), values).run(in: db)
        guard let id = try DirectStatement(db.cachedStatement(sql: select), values).firstRow(in: db, { try $0.integer(0) }) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: lost)
        }
        return id
    }
}
