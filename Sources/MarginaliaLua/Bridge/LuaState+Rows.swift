import CLua
import CLuaShim

/// The iterator of `doc:each` (CLuaShim's `RowIterator.c`): rows of values kept in one flat
/// Lua table, given row by row as that many values.
///
/// ```swift
/// lua.newTable(arrayCount: 4)                 // two rows of two: { 1, "VN", 7, "IL" }
/// // … fill it with setIndex(_:in:) …
/// lua.pushRowIterator(cells: lua.top, stride: 2, rows: 2)   // for at, code in …
/// ```
extension LuaState {
    /// The most values one row may hold.
    static let rowStrideLimit = Int(MG_ROW_STRIDE_MAX)

    /// Pushes an iterator for the generic `for` over `rows` rows of `stride` values (at most
    /// ``rowStrideLimit``) kept in the table at `cells`: row r (0-based) is cells[r * stride + 1]
    /// through cells[r * stride + stride]. Each call returns a row's values, then nothing.
    func pushRowIterator(cells: Int32, stride: Int, rows: Int) {
        precondition(stride >= 1 && stride <= Self.rowStrideLimit, "row stride \(stride) outside 1...\(Self.rowStrideLimit)")
        mg_push_row_iterator(L, lua_absindex(L, cells), Int32(stride), lua_Integer(rows))
    }
}
