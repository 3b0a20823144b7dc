/* string.find, string.match, string.gmatch and string.gsub on the sandbox's own pattern
 * matcher (PatternMatcher.c), with the arguments, results and errors the Lua 5.4 manual
 * gives them (section 6.4). Installed over the string library's own by
 * mg_open_safe_libs, so plugins and the string metatable (`s:find(...)`) get these. */
#include "PatternMatcher.h"
#include <string.h>
#include <lauxlib.h>

/* Bytes that make a pattern more than plain text (find then needs the matcher). */
static const char pattern_specials[] = "^$*+?.([%-";

static int is_plain(const char *p, size_t length) {
    for (size_t i = 0; i < length; i++) {
        if (p[i] != '\0' && strchr(pattern_specials, p[i]) != NULL) return 0;
    }
    return 1;
}

/* A 1-based start position as the manual defines it: negative counts from the end,
 * 0 and anything before the start mean 1. Returns the 0-based offset. */
static size_t start_offset(lua_Integer position, size_t length) {
    if (position > 0) return (size_t)position - 1;
    if (position == 0 || position < -(lua_Integer)length) return 0;
    return length + (size_t)position;
}

static const char *find_plain(const char *s, size_t length, const char *p, size_t plain_length) {
    if (plain_length == 0) return s;
    if (plain_length > length) return NULL;
    const char *last = s + (length - plain_length);
    for (const char *at = s; at <= last; at++) {
        at = memchr(at, *p, (size_t)(last - at) + 1);
        if (at == NULL) return NULL;
        if (memcmp(at + 1, p + 1, plain_length - 1) == 0) return at;
    }
    return NULL;
}

/* ---- captures ---------------------------------------------------------------------- */

/* Pushes capture i of the match [s, e): its text or position, or the whole match when
 * the pattern has no captures and i is 0. */
static void push_capture(mg_matcher *m, int i, const char *s, const char *e) {
    if (i >= m->captures) {
        if (i != 0) luaL_error(m->L, "invalid capture index %%%d", i + 1);
        lua_pushlstring(m->L, s, (size_t)(e - s));
        return;
    }
    mg_capture *c = &m->capture[i];
    if (c->length == MG_CAPTURE_OPEN) luaL_error(m->L, "unfinished capture");
    if (c->length == MG_CAPTURE_POSITION) lua_pushinteger(m->L, (lua_Integer)(c->start - m->subject) + 1);
    else lua_pushlstring(m->L, c->start, (size_t)c->length);
}

/* Pushes every capture (or the whole match when s is given and there are none). */
static int push_captures(mg_matcher *m, const char *s, const char *e) {
    int count = (m->captures == 0 && s != NULL) ? 1 : m->captures;
    luaL_checkstack(m->L, count, "too many captures");
    for (int i = 0; i < count; i++) push_capture(m, i, s, e);
    return count;
}

/* ---- find and match ------------------------------------------------------------------ */

static int find_or_match(lua_State *L, int is_find) {
    size_t length, pattern_length;
    const char *s = luaL_checklstring(L, 1, &length);
    const char *p = luaL_checklstring(L, 2, &pattern_length);
    size_t start = start_offset(luaL_optinteger(L, 3, 1), length);
    if (start > length) {
        luaL_pushfail(L);
        return 1;
    }
    if (is_find && (lua_toboolean(L, 4) || is_plain(p, pattern_length))) {
        const char *found = find_plain(s + start, length - start, p, pattern_length);
        if (found == NULL) {
            luaL_pushfail(L);
            return 1;
        }
        lua_pushinteger(L, (lua_Integer)(found - s) + 1);
        lua_pushinteger(L, (lua_Integer)(found - s + pattern_length));
        return 2;
    }
    mg_matcher m;
    mg_matcher_init(&m, L, s, length, p + pattern_length);
    int anchored = pattern_length > 0 && *p == '^';
    if (anchored) p++;
    const char *at = s + start;
    do {
        const char *end = mg_matcher_try(&m, at, p);
        if (end != NULL) {
            mg_matcher_checkpoint(&m);
            if (!is_find) return push_captures(&m, at, end);
            lua_pushinteger(L, (lua_Integer)(at - s) + 1);
            lua_pushinteger(L, (lua_Integer)(end - s));
            return push_captures(&m, NULL, NULL) + 2;
        }
    } while (at++ < m.subject_end && !anchored);
    mg_matcher_checkpoint(&m);
    luaL_pushfail(L);
    return 1;
}

static int pattern_find(lua_State *L) { return find_or_match(L, 1); }
static int pattern_match(lua_State *L) { return find_or_match(L, 0); }

/* ---- gmatch ---------------------------------------------------------------------------- */

/* Where an iteration of gmatch stands (its subject and pattern are upvalues 1 and 2). */
typedef struct gmatch_state {
    size_t next;            /* offset where the next search starts */
    size_t last_end;        /* offset where the last match ended, or SIZE_MAX */
} gmatch_state;

static int gmatch_step(lua_State *L) {
    size_t length, pattern_length;
    const char *s = lua_tolstring(L, lua_upvalueindex(1), &length);
    const char *p = lua_tolstring(L, lua_upvalueindex(2), &pattern_length);
    gmatch_state *state = (gmatch_state *)lua_touserdata(L, lua_upvalueindex(3));
    mg_matcher m;
    mg_matcher_init(&m, L, s, length, p + pattern_length);
    for (size_t at = state->next; at <= length; at++) {
        const char *end = mg_matcher_try(&m, s + at, p);
        if (end != NULL && (size_t)(end - s) != state->last_end) {
            state->next = state->last_end = (size_t)(end - s);
            mg_matcher_checkpoint(&m);
            return push_captures(&m, s + at, end);
        }
    }
    mg_matcher_checkpoint(&m);
    return 0;
}

static int pattern_gmatch(lua_State *L) {
    size_t length;
    luaL_checklstring(L, 1, &length);
    luaL_checkstring(L, 2);
    size_t start = start_offset(luaL_optinteger(L, 3, 1), length);
    lua_settop(L, 2);
    gmatch_state *state = (gmatch_state *)lua_newuserdatauv(L, sizeof(gmatch_state), 0);
    state->next = start > length ? length + 1 : start;
    state->last_end = (size_t)-1;
    lua_pushcclosure(L, gmatch_step, 3);
    return 1;
}

/* ---- gsub ------------------------------------------------------------------------------ */

/* Appends a replacement string, with %0 ... %9 and %% expanded, for the match [s, e). */
static void add_replacement_string(mg_matcher *m, luaL_Buffer *b, const char *s, const char *e) {
    size_t length;
    const char *r = lua_tolstring(m->L, 3, &length);
    const char *r_end = r + length;
    while (r < r_end) {
        const char *escape = memchr(r, '%', (size_t)(r_end - r));
        if (escape == NULL) {
            luaL_addlstring(b, r, (size_t)(r_end - r));
            return;
        }
        luaL_addlstring(b, r, (size_t)(escape - r));
        char what = escape + 1 < r_end ? escape[1] : '\0';
        if (what == '%') {
            luaL_addchar(b, '%');
        } else if (what == '0') {
            luaL_addlstring(b, s, (size_t)(e - s));
        } else if (what >= '1' && what <= '9') {
            push_capture(m, what - '1', s, e);
            luaL_tolstring(m->L, -1, NULL);   /* a position capture becomes its digits */
            lua_remove(m->L, -2);
            luaL_addvalue(b);
        } else {
            luaL_error(m->L, "invalid use of '%c' in replacement string", '%');
        }
        r = escape + 2;
    }
}

/* Appends what replaces the match [s, e): the replacement string expanded, or the value
 * of the table or function for its first capture(s); false or nil keeps the match. */
static void add_replacement(mg_matcher *m, luaL_Buffer *b, const char *s, const char *e, int kind) {
    lua_State *L = m->L;
    if (kind == LUA_TFUNCTION) {
        lua_pushvalue(L, 3);
        int count = push_captures(m, s, e);
        lua_call(L, count, 1);
    } else if (kind == LUA_TTABLE) {
        push_capture(m, 0, s, e);
        lua_gettable(L, 3);
    } else {
        add_replacement_string(m, b, s, e);
        return;
    }
    if (!lua_toboolean(L, -1)) {
        lua_pop(L, 1);
        luaL_addlstring(b, s, (size_t)(e - s));
    } else if (!lua_isstring(L, -1)) {
        luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    } else {
        luaL_addvalue(b);
    }
}

static int pattern_gsub(lua_State *L) {
    size_t length, pattern_length;
    const char *s = luaL_checklstring(L, 1, &length);
    const char *p = luaL_checklstring(L, 2, &pattern_length);
    int kind = lua_type(L, 3);
    lua_Integer most = luaL_optinteger(L, 4, (lua_Integer)length + 1);
    luaL_argexpected(L, kind == LUA_TNUMBER || kind == LUA_TSTRING || kind == LUA_TFUNCTION || kind == LUA_TTABLE,
                     3, "string/function/table");
    const char *p_end = p + pattern_length;
    int anchored = pattern_length > 0 && *p == '^';
    if (anchored) p++;
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    mg_matcher m;
    mg_matcher_init(&m, L, s, length, p_end);
    const char *at = s, *last_end = NULL;
    lua_Integer replaced = 0;
    while (replaced < most) {
        const char *end = mg_matcher_try(&m, at, p);
        if (end != NULL && end != last_end) {
            replaced++;
            add_replacement(&m, &b, at, end, kind);
            at = last_end = end;
        } else if (at < m.subject_end) {
            luaL_addchar(&b, *at++);
        } else {
            break;
        }
        if (anchored) break;
    }
    mg_matcher_checkpoint(&m);
    luaL_addlstring(&b, at, (size_t)(m.subject_end - at));
    luaL_pushresult(&b);
    lua_pushinteger(L, replaced);
    return 2;
}

/* ---- installation ------------------------------------------------------------------------ */

void mg_push_pattern_functions(lua_State *L) {
    static const luaL_Reg functions[] = {
        { "find", pattern_find }, { "match", pattern_match },
        { "gmatch", pattern_gmatch }, { "gsub", pattern_gsub },
        { NULL, NULL },
    };
    luaL_newlib(L, functions);
}

void mg_install_pattern_functions(lua_State *L, int string_table) {
    string_table = lua_absindex(L, string_table);
    mg_push_pattern_functions(L);
    static const char *names[] = { "find", "match", "gmatch", "gsub" };
    for (int i = 0; i < 4; i++) {
        lua_getfield(L, -1, names[i]);
        lua_setfield(L, string_table, names[i]);
    }
    lua_pop(L, 1);
}
