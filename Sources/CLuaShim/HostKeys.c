// HostKeys: the field names of the tables the host makes and reads (spans, matches,
// annotations, options), set and read raw by their number.
//
// Why: every table the host builds for a script (a sentence, a lexicon match, an earlier
// annotation) has the same few keys. Pushed from Swift, each key was hashed and looked up
// in Lua's string table anew, for every field of every table. Here each name is one static
// C string, and lua_pushstring finds a static string in Lua's string cache by its address.
#include "CLuaShim.h"

static const char *const mg_key_names[MG_KEY_COUNT] = {
    [MG_KEY_START] = "start",
    [MG_KEY_STOP] = "stop",
    [MG_KEY_TEXT] = "text",
    [MG_KEY_TERM] = "term",
    [MG_KEY_LABEL] = "label",
    [MG_KEY_SCORE] = "score",
    [MG_KEY_FEATURES] = "features",
    [MG_KEY_PLUGIN] = "plugin",
    [MG_KEY_SKIP] = "skip",
};

void mg_setkey(lua_State *L, int table, int key) {
    int t = lua_absindex(L, table);
    lua_pushstring(L, mg_key_names[key]);
    lua_insert(L, -2);
    lua_rawset(L, t);
}

void mg_getkey(lua_State *L, int table, int key) {
    int t = lua_absindex(L, table);
    lua_pushstring(L, mg_key_names[key]);
    lua_rawget(L, t);
}

/* Sets field `key` of the table on top of the stack to an integer. */
static inline void set_integer_field(lua_State *L, int key, lua_Integer value) {
    lua_pushstring(L, mg_key_names[key]);
    lua_pushinteger(L, value);
    lua_rawset(L, -3);
}

/* Sets field `key` of the table on top of the stack to a copy of the value at `slot`, an
   index read once the key is pushed (so -3 is the value just below the table). */
static inline void set_copied_field(lua_State *L, int key, int slot) {
    lua_pushstring(L, mg_key_names[key]);
    lua_pushvalue(L, slot);
    lua_rawset(L, -3);
}

void mg_push_span_record(lua_State *L, lua_Integer start, lua_Integer stop, int more_fields) {
    lua_createtable(L, 0, 2 + more_fields);
    set_integer_field(L, MG_KEY_START, start);
    set_integer_field(L, MG_KEY_STOP, stop);
}

/* One record of doc:annotations in one call (it was six from Swift, each finding its table
   by index and rotating the key under the value): a table of the same size, the fields set
   in the same order as before, so that `pairs` visits them as it did. */
void mg_push_annotation_record(lua_State *L, int has_span, lua_Integer start, lua_Integer stop,
                               int label_slot, lua_Number score, int plugin_slot) {
    lua_createtable(L, 0, 7);
    if (has_span) {
        set_integer_field(L, MG_KEY_START, start);
        set_integer_field(L, MG_KEY_STOP, stop);
    }
    set_copied_field(L, MG_KEY_LABEL, label_slot);
    lua_pushstring(L, mg_key_names[MG_KEY_SCORE]);
    lua_pushnumber(L, score);
    lua_rawset(L, -3);
    set_copied_field(L, MG_KEY_FEATURES, -3);
    set_copied_field(L, MG_KEY_PLUGIN, plugin_slot);
    lua_remove(L, -2);
}

/* A new table with the same fields as the one at `source`, whose values are not tables
   (doc:annotations copies the features of an annotation it already pushed in this call,
   instead of converting the same JSON object again). Made with room for `fields` fields,
   the size the conversion gives it. */
void mg_push_flat_table_copy(lua_State *L, int source, int fields) {
    int s = lua_absindex(L, source);
    lua_createtable(L, 0, fields);
    lua_pushnil(L);
    while (lua_next(L, s)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -4);
    }
}
