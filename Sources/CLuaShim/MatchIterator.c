// MatchIterator: the iterator `lex:each(doc)` returns, stepped in C.
//
// Why: `find_all` makes a table { start =, stop =, term = } for every match, which the
// script reads three fields of and drops; creating, filling and collecting those tables
// was most of what a gazetteer with thousands of matches cost. The iterator keeps the
// matches packed in one userdata and gives each as three values, its term taken from the
// lexicon's table of term strings (no string made or hashed per match).
#include "CLuaShim.h"

typedef struct mg_match_list {
    size_t count;          /* matches held */
    size_t next;           /* the next one to give */
    lua_Integer cells[];   /* start, stop, term index (1-based) of each match */
} mg_match_list;

/* for start, stop, term in iterator do … end: each call gives the next match, then nothing. */
static int match_iterator_step(lua_State *L) {
    mg_match_list *list = (mg_match_list *)lua_touserdata(L, lua_upvalueindex(1));
    if (list->next >= list->count) return 0;
    const lua_Integer *cell = list->cells + 3 * list->next;
    list->next += 1;
    lua_pushinteger(L, cell[0]);
    lua_pushinteger(L, cell[1]);
    lua_rawgeti(L, lua_upvalueindex(2), cell[2]);
    return 3;
}

lua_Integer *mg_push_match_iterator(lua_State *L, int terms, size_t count) {
    int t = lua_absindex(L, terms);
    mg_match_list *list = (mg_match_list *)lua_newuserdatauv(L, sizeof(mg_match_list) + 3 * count * sizeof(lua_Integer), 0);
    list->count = count;
    list->next = 0;
    lua_pushvalue(L, t);
    lua_pushcclosure(L, match_iterator_step, 2);
    return list->cells;
}
