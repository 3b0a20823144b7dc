import GRDB

/// The plugin sets recorded by selection (see `AnnotationStore.recordedPluginSet`), in `plugin_set_records`.
extension SQLiteAnnotationStore {
    public func recordedPluginSet(selectionSHA256: String) throws -> String? {
        try guarded {
            try database.read { db in
                try String.fetchOne(db, sql: "SELECT plugin_set FROM plugin_set_records WHERE selection_sha256 = ?",
                                    arguments: [selectionSHA256])
            }
        }
    }

    public func recordPluginSet(_ json: String, selectionSHA256: String) throws {
        try guarded {
            try database.write { db in
                try db.execute(sql: "INSERT OR REPLACE INTO plugin_set_records (selection_sha256, plugin_set) VALUES (?, ?)",
                               arguments: [selectionSHA256, json])
            }
        }
    }
}
