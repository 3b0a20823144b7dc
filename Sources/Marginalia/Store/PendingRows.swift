import GRDB
import GRDBSQLite

/// The annotation and output rows of a batch on their way into the store, several to a
/// statement (``MultiRowInsert``). Each annotation's features JSON is copied here from the
/// worker's encoding and bound without a further copy while its statement runs.
///
/// ```swift
/// var pending = try PendingRows(runID: run, in: db)
/// try Array("{}".utf8).withUnsafeBufferPointer { features in
///     try pending.annotation(documentKey: key, pluginID: plugin, label: label, span: span, score: 0.8,
///                            features: features, in: db)
/// }
/// try pending.output(documentKey: key, pluginID: plugin, paramsID: params, otherTextSHA256: nil, in: db)
/// try pending.flush(in: db)                    // the rest, before anything is deleted or committed
/// ```
struct PendingRows {
    private struct AnnotationRow {
        let documentKey: Int64
        let pluginID: Int64
        let label: Int64
        let span: Span?
        let score: Double
        /// Where its features are in ``features``.
        let featuresStart: Int
        let featuresEnd: Int
    }

    private struct OutputRow {
        let documentKey: Int64
        let pluginID: Int64
        let paramsID: Int64
        /// The text hash when it is not the document's own (else NULL).
        let otherTextSHA256: String?
    }

    private var annotations: MultiRowInsert<AnnotationRow>
    /// Every pending annotation's features JSON, back to back.
    private var features: [UInt8] = []
    /// Resume records: one per (document, plugin version), replacing an older one.
    private var outputs: MultiRowInsert<OutputRow>

    /// Both inserts say `OR ROLLBACK`: a multi-row insert whose constraints may abort the
    /// statement (the default `ABORT` of `NOT NULL`, or the `NOT NULL` that `OR REPLACE` turns
    /// into an abort) makes SQLite keep a statement journal, a copy of every page the statement
    /// changes, so that it can undo that one statement. With 16 KiB pages it outgrew its 64 KiB
    /// in memory and went to `/var/tmp/etilqs_*` files: the four topic taggers over the news
    /// corpus made 17,191 `pwrite` calls, 11,400 of them to those files (5,804 without). The
    /// writer never goes on after a failed statement (the error rolls the batch back whole), so
    /// rolling back the transaction at once, which needs no such journal, changes nothing it
    /// stores. `outputs` needs no `REPLACE` either: an output's older rows are deleted before it
    /// is inserted (`deleteOutputRows`), and a document inserted by the batch has none.
    init(runID: Int64, in db: Database) throws {
        annotations = try MultiRowInsert(sqlByRowCount: Self.annotationSQL, ownColumns: 9, runID: runID, in: db)
        outputs = try MultiRowInsert(sqlByRowCount: Self.outputSQL, ownColumns: 4, runID: runID, in: db)
    }

    /// The inserts' SQL, made once per process rather than once per batch.
    private static let annotationSQL = MultiRowInsert<AnnotationRow>.sqlByRowCount(
        "INSERT OR ROLLBACK INTO annotations (document_key, plugin_id, run_id, label, byte_start, byte_end, cp_start, cp_end, score, features) VALUES ",
        ownColumns: 9, runIDAt: 2)
    private static let outputSQL = MultiRowInsert<OutputRow>.sqlByRowCount(
        "INSERT OR ROLLBACK INTO outputs (document_key, plugin_id, params_id, run_id, text_sha256) VALUES ",
        ownColumns: 4, runIDAt: 3)

    /// One annotation row (a span's byte and code-point offsets, or none for a document label).
    mutating func annotation(documentKey: Int64, pluginID: Int64, label: Int64, span: Span?, score: Double,
                             features encoded: UnsafeBufferPointer<UInt8>, in db: Database) throws {
        let start = features.count
        features.append(contentsOf: encoded)
        annotations.append(AnnotationRow(documentKey: documentKey, pluginID: pluginID, label: label, span: span, score: score,
                                         featuresStart: start, featuresEnd: features.count))
        if annotations.isFull { try flushAnnotations(in: db) }
    }

    /// The resume record of one plugin output, with the text hash when it is not the
    /// document's own.
    mutating func output(documentKey: Int64, pluginID: Int64, paramsID: Int64, otherTextSHA256: String?, in db: Database) throws {
        outputs.append(OutputRow(documentKey: documentKey, pluginID: pluginID, paramsID: paramsID, otherTextSHA256: otherTextSHA256))
        if outputs.isFull { try flushOutputs(in: db) }
    }

    /// Inserts every pending row.
    mutating func flush(in db: Database) throws {
        try flushAnnotations(in: db)
        try flushOutputs(in: db)
    }

    private mutating func flushOutputs(in db: Database) throws {
        try outputs.flush(in: db) { row, statement, first in
            sqlite3_bind_int64(statement, first, row.documentKey)
            sqlite3_bind_int64(statement, first + 1, row.pluginID)
            sqlite3_bind_int64(statement, first + 2, row.paramsID)
            if let hash = row.otherTextSHA256 {
                var copy = hash
                copy.withUTF8 { bytes in
                    // A non-null pointer for "" (a null one would store NULL).
                    if let base = bytes.baseAddress {
                        _ = sqlite3_bind_text(statement, first + 3, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self),
                                              Int32(bytes.count), DirectStatement.transient)
                    } else {
                        _ = sqlite3_bind_text(statement, first + 3, "", 0, DirectStatement.transient)
                    }
                }
            } else {
                sqlite3_bind_null(statement, first + 3)
            }
        }
    }

    private mutating func flushAnnotations(in db: Database) throws {
        try features.withUnsafeBufferPointer { bytes in
            try annotations.flush(in: db) { row, statement, first in
                sqlite3_bind_int64(statement, first, row.documentKey)
                sqlite3_bind_int64(statement, first + 1, row.pluginID)
                sqlite3_bind_int64(statement, first + 2, row.label)
                if let span = row.span {
                    sqlite3_bind_int64(statement, first + 3, Int64(span.byteStart))
                    sqlite3_bind_int64(statement, first + 4, Int64(span.byteEnd))
                    sqlite3_bind_int64(statement, first + 5, Int64(span.codePointStart))
                    sqlite3_bind_int64(statement, first + 6, Int64(span.codePointEnd))
                } else {
                    for column in first + 3...first + 6 { sqlite3_bind_null(statement, column) }
                }
                sqlite3_bind_double(statement, first + 7, row.score)
                if let base = bytes.baseAddress {
                    // Static (nil destructor): the bytes outlive the statement's step, and
                    // every parameter is bound again before its next one.
                    _ = sqlite3_bind_text(statement, first + 8, UnsafeRawPointer(base + row.featuresStart).assumingMemoryBound(to: CChar.self),
                                          Int32(row.featuresEnd - row.featuresStart), nil)
                } else {
                    // No row has features (a null pointer would store NULL).
                    _ = sqlite3_bind_text(statement, first + 8, "", 0, DirectStatement.transient)
                }
            }
        }
        features.removeAll(keepingCapacity: true)
    }
}
