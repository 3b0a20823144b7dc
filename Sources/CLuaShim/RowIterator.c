// RowIterator: the iterator `doc:each(label, feature, …)` returns, stepped in C.
//
// Why: `doc:annotations` makes two tables and nine fields for every annotation (about 6.9k
// instructions each), which a plugin reading the countries of an article walks once and
// drops. The iterator keeps the values it gives in one flat table, a row of `stride`
// values per annotation, and returns each row as that many values.
#include "CLuaShim.h"

/* for v1, …, vN in iterator do … end: each call gives the next row, then nothing. The
   upvalues are the table of cells, the stride, the row count and the next row (0-based). */
static int row_iterator_step(lua_State *L) {
    lua_Integer row = lua_tointeger(L, lua_upvalueindex(4));
    if (row >= lua_tointeger(L, lua_upvalueindex(3))) return 0;
    int stride = (int)lua_tointeger(L, lua_upvalueindex(2));
    lua_pushinteger(L, row + 1);
    lua_replace(L, lua_upvalueindex(4));
    lua_Integer first = row * stride;
    for (int column = 1; column <= stride; column++) lua_rawgeti(L, lua_upvalueindex(1), first + column);
    return stride;
}

void mg_push_row_iterator(lua_State *L, int cells, int stride, lua_Integer rows) {
    lua_pushvalue(L, cells);
    lua_pushinteger(L, stride);
    lua_pushinteger(L, rows);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, row_iterator_step, 4);
}
