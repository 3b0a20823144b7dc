import CLua
import CLuaShim
import Marginalia

/// The field names of the tables the host makes for scripts and reads from them (spans,
/// lexicon matches, earlier annotations, options). They are static C strings in CLuaShim
/// (`HostKeys.c`), which Lua finds in its string cache by address: a key costs no hashing
/// and no Swift string, however many tables are made.
///
/// ```swift
/// lua.pushSpanRecord(start: 1, stop: 5, moreFields: 1)   // { start = 1, stop = 5 }
/// lua.push("tanks")
/// lua.setField(.text, in: -2)                            // … text = "tanks" }
/// ```
enum LuaKey {
    case start, stop, text, term, label, score, features, plugin, skip

    fileprivate var id: Int32 {
        switch self {
        case .start: return Int32(MG_KEY_START)
        case .stop: return Int32(MG_KEY_STOP)
        case .text: return Int32(MG_KEY_TEXT)
        case .term: return Int32(MG_KEY_TERM)
        case .label: return Int32(MG_KEY_LABEL)
        case .score: return Int32(MG_KEY_SCORE)
        case .features: return Int32(MG_KEY_FEATURES)
        case .plugin: return Int32(MG_KEY_PLUGIN)
        case .skip: return Int32(MG_KEY_SKIP)
        }
    }
}

extension LuaState {
    /// Sets `t[key] = top` (raw) where `t` is at `table` and pops the value.
    func setField(_ key: LuaKey, in table: Int32) { mg_setkey(L, table, key.id) }

    /// Pushes `t[key]` (raw) for the table at `table`.
    func getField(_ key: LuaKey, in table: Int32) { mg_getkey(L, table, key.id) }

    /// Pushes a new table `{ start = start, stop = stop }` with room for `moreFields` more.
    func pushSpanRecord(start: Int, stop: Int, moreFields: Int32) {
        mg_push_span_record(L, lua_Integer(start), lua_Integer(stop), moreFields)
    }

    /// Replaces the features table on top by an annotation's record (see `doc:annotations`):
    /// `{ start =, stop =, label =, score =, features =, plugin = }`, label and plugin copied
    /// from the slots `labelSlot` and `pluginSlot` (absolute indices).
    func replaceFeaturesByAnnotationRecord(span: Span?, labelSlot: Int32, score: Double, pluginSlot: Int32) {
        mg_push_annotation_record(L, span == nil ? 0 : 1, lua_Integer((span?.byteStart ?? 0) + 1), lua_Integer(span?.byteEnd ?? 0),
                                  labelSlot, score, pluginSlot)
    }

    /// Pushes a copy of the value at `index` (strings and tables are shared, not copied).
    func pushValue(at index: Int32) { lua_pushvalue(L, index) }

    /// Pushes a copy of the table at `index`, whose values are not tables (one level of
    /// fields), made with room for `fields` fields.
    func pushFlatTableCopy(of index: Int32, fields: Int32) { mg_push_flat_table_copy(L, index, fields) }

    /// Makes room for `count` more values on the stack; false when it cannot grow.
    func makeRoom(for count: Int32) -> Bool { lua_checkstack(L, count) != 0 }

    /// Moves the top value down to `index`, shifting the values above that slot up.
    func insert(at index: Int32) { mg_insert(L, index) }

    /// Moves the top value into the slot at `index` (an absolute index), popping it.
    func replace(at index: Int32) {
        lua_copy(L, -1, index)
        pop()
    }
}
