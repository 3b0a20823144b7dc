#include "CLuaShim.h"
#include "SmallBlockPool.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- allocator with a per-state limit ---------------------------------------------- */

/* Gives back a block of `size` bytes, to the pool or to malloc. */
static void mg_give_back(mg_sandbox *sb, void *block, size_t size) {
    if (size <= MG_POOL_LARGEST) mg_pool_give_back(&sb->pool, block, mg_pool_class(size));
    else free(block);
}

/* Blocks of up to MG_POOL_LARGEST bytes come from the state's pool (SmallBlockPool.c), larger
   ones from malloc; a block that changes size is moved when it changes class or side. */
static void *mg_resize(mg_sandbox *sb, void *ptr, size_t old, size_t nsize) {
    if (nsize <= MG_POOL_LARGEST) {
        if (ptr != NULL && old <= MG_POOL_LARGEST && mg_pool_class(old) == mg_pool_class(nsize)) return ptr;
        void *block = mg_pool_take(&sb->pool, mg_pool_class(nsize));
        if (block != NULL && ptr != NULL) {
            memcpy(block, ptr, old < nsize ? old : nsize);
            mg_give_back(sb, ptr, old);
        }
        return block;
    }
    if (ptr == NULL || old > MG_POOL_LARGEST) return realloc(ptr, nsize);
    void *block = malloc(nsize);
    if (block != NULL) {
        memcpy(block, ptr, old);
        mg_pool_give_back(&sb->pool, ptr, mg_pool_class(old));
    }
    return block;
}

static void *mg_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    mg_sandbox *sb = (mg_sandbox *)ud;
    size_t old = ptr ? osize : 0;   /* when ptr is NULL, osize encodes the object kind */
    if (nsize == 0) {
        if (ptr != NULL) mg_give_back(sb, ptr, old);
        sb->used -= old;
        return NULL;
    }
    if (nsize > old && sb->limit != 0 && sb->in_host == 0 && sb->used + sb->host_bytes - old + nsize > sb->limit) {
        /* Lua answers a refusal with an emergency full collection and asks again: only a
           second refusal in a row means that live data, not garbage, fills the budget. */
        if (sb->refused) sb->limit_hit = 1;
        sb->refused = 1;
        sb->refusals++;
        return NULL;
    }
    void *grown = mg_resize(sb, ptr, old, nsize);
    if (grown == NULL) return NULL;
    sb->refused = 0;
    sb->used = sb->used - old + nsize;
    if (sb->used > sb->peak) sb->peak = sb->used;
    if (sb->used + sb->host_bytes > sb->total_peak) sb->total_peak = sb->used + sb->host_bytes;
    return grown;
}

void mg_host_charge(mg_sandbox *sb, ptrdiff_t delta) {
    if (delta < 0 && (size_t)(-delta) > sb->host_bytes) sb->host_bytes = 0;
    else sb->host_bytes = (size_t)((ptrdiff_t)sb->host_bytes + delta);
    if (sb->used + sb->host_bytes > sb->total_peak) sb->total_peak = sb->used + sb->host_bytes;
}

static int mg_panic(lua_State *L) {
    const char *message = lua_tostring(L, -1);
    fprintf(stderr, "marginalia: unprotected Lua error: %s\n", message ? message : "(no message)");
    abort();
}

lua_State *mg_newstate(mg_sandbox *sandbox) {
    /* Host code (Swift) is trusted: the limit applies only inside mg_pcall*. */
    sandbox->in_host = 1;
    lua_State *L = lua_newstate(mg_alloc, sandbox);
    if (L != NULL) lua_atpanic(L, mg_panic);
    return L;
}

mg_sandbox *mg_sandbox_of(lua_State *L) {
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return (mg_sandbox *)ud;
}

/* ---- instruction budget, wall-clock limit, stop requests --------------------------- */

enum { MG_HOOK_INTERVAL = 1000 };

/* The clock of the time limit, read after every host call and every MG_HOOK_INTERVAL VM
   instructions. Linux's coarse monotonic clock is the kernel's last tick (a few ms old,
   read from the vDSO page without the TSC): about a third of the cost of CLOCK_MONOTONIC,
   and exact enough for limits of a tenth of a second and more. */
#ifdef CLOCK_MONOTONIC_COARSE
#define MG_LIMIT_CLOCK CLOCK_MONOTONIC_COARSE
#else
#define MG_LIMIT_CLOCK CLOCK_MONOTONIC
#endif

static int64_t mg_now_ns(void) {
    struct timespec now;
    clock_gettime(MG_LIMIT_CLOCK, &now);
    return (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
}

int mg_limit_reached(mg_sandbox *sb) {
    if (sb->stop_requested != NULL && __atomic_load_n(sb->stop_requested, __ATOMIC_RELAXED)) {
        sb->stop_hit = 1;
        return MG_LIMIT_STOP;
    }
    if (sb->budget != 0 && sb->instructions > sb->budget) {
        sb->budget_hit = 1;
        return MG_LIMIT_INSTRUCTIONS;
    }
    if (sb->deadline_ns != 0 && (sb->time_hit || mg_now_ns() >= sb->deadline_ns)) {
        sb->time_hit = 1;
        return MG_LIMIT_TIME;
    }
    return MG_LIMIT_NONE;
}

static void mg_count_hook(lua_State *L, lua_Debug *ar);

int mg_raise_limit(lua_State *L, int level) {
    mg_sandbox *sb = mg_sandbox_of(L);
    int limit = mg_limit_reached(sb);
    /* Fire on every instruction from now on, so that a pcall inside the script
       cannot swallow the error and carry on: each level unwinds in turn. */
    lua_sethook(L, mg_count_hook, LUA_MASKCOUNT, 1);
    luaL_where(L, level);
    switch (limit) {
        case MG_LIMIT_STOP: lua_pushliteral(L, "stopped: the run was interrupted"); break;
        case MG_LIMIT_TIME: {
            char seconds[32];
            snprintf(seconds, sizeof seconds, "%g", sb->time_limit);
            lua_pushfstring(L, "time limit of %s s exceeded", seconds);
            break;
        }
        default: lua_pushfstring(L, "instruction limit of %I exceeded", (lua_Integer)sb->budget); break;
    }
    lua_concat(L, 2);
    return lua_error(L);
}

static void mg_count_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    mg_sandbox *sb = mg_sandbox_of(L);
    sb->instructions += MG_HOOK_INTERVAL;
    /* Level 0 is the running Lua function (a hook has no frame of its own). */
    if (mg_limit_reached(sb) != MG_LIMIT_NONE) mg_raise_limit(L, 0);
}

void mg_budget_start(lua_State *L, int64_t budget) {
    mg_sandbox *sb = mg_sandbox_of(L);
    sb->instructions = 0;
    sb->budget = budget;
    sb->budget_hit = 0;
    sb->time_hit = 0;
    sb->stop_hit = 0;
    lua_sethook(L, mg_count_hook, LUA_MASKCOUNT, MG_HOOK_INTERVAL);
}

void mg_budget_stop(lua_State *L) {
    lua_sethook(L, NULL, 0, 0);
    mg_sandbox *sb = mg_sandbox_of(L);
    sb->budget = 0;
    sb->deadline_ns = 0;
}

void mg_time_limit_start(lua_State *L, double seconds) {
    mg_sandbox *sb = mg_sandbox_of(L);
    sb->time_limit = seconds;
    sb->time_hit = 0;
    sb->deadline_ns = seconds > 0 ? mg_now_ns() + (int64_t)(seconds * 1e9) : 0;
}

void mg_request_stop(int *flag) { __atomic_store_n(flag, 1, __ATOMIC_RELAXED); }

/* ---- Swift host functions ------------------------------------------------------------ */

static mg_host_dispatch_fn mg_dispatch = NULL;

void mg_set_host_dispatch(mg_host_dispatch_fn dispatch) { mg_dispatch = dispatch; }

static int mg_host_trampoline(lua_State *L) {
    mg_sandbox *sb = mg_sandbox_of(L);
    int function_id = (int)lua_tointeger(L, lua_upvalueindex(1));
    if (!lua_checkstack(L, 32)) return luaL_error(L, "Lua stack overflow in host call");
    sb->in_host++;
    int results = mg_dispatch(L, function_id);
    if (results < 0) {                       /* raised from C, never through Swift */
        /* Still as host: the message must not be refused by a limit the call just reached. */
        if (lua_type(L, -1) == LUA_TSTRING) {
            luaL_where(L, 1);                    /* "file:line: " of the calling script */
            lua_insert(L, -2);
            lua_concat(L, 2);
        }
        sb->in_host--;
        return lua_error(L);
    }
    sb->in_host--;
    if (sb->limit != 0 && sb->used + sb->host_bytes > sb->limit) {
        lua_gc(L, LUA_GCCOLLECT);            /* what the host made may be garbage already */
        if (sb->used + sb->host_bytes > sb->limit) {
            sb->limit_hit = 1;
            sb->in_host++;
            luaL_where(L, 1);
            lua_pushfstring(L, "memory limit of %d MB exceeded (Lua holds %d MB, the host %d MB for lexicons and annotations)",
                            (int)(sb->limit >> 20), (int)(sb->used >> 20), (int)(sb->host_bytes >> 20));
            lua_concat(L, 2);
            sb->in_host--;
            return lua_error(L);
        }
    }
    /* A long host call (a big lexicon, a huge document) may have used up the time. */
    if (mg_limit_reached(sb) != MG_LIMIT_NONE) return mg_raise_limit(L, 1);
    return results;
}

void mg_push_host_function(lua_State *L, int function_id) {
    lua_pushinteger(L, function_id);
    lua_pushcclosure(L, mg_host_trampoline, 1);
}

static int mg_host_finalizer(lua_State *L) {
    mg_sandbox *sb = mg_sandbox_of(L);
    if (sb->host == NULL || !lua_checkstack(L, 32)) return 0;
    sb->in_host++;
    mg_dispatch(L, (int)lua_tointeger(L, lua_upvalueindex(1)));
    sb->in_host--;
    return 0;
}

void mg_push_host_finalizer(lua_State *L, int function_id) {
    lua_pushinteger(L, function_id);
    lua_pushcclosure(L, mg_host_finalizer, 1);
}

/* ---- libraries and calls ------------------------------------------------------------- */

void mg_open_safe_libs(lua_State *L) {
    luaL_requiref(L, LUA_GNAME, luaopen_base, 1);          lua_pop(L, 1);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
    mg_install_pattern_functions(L, -1);                   lua_pop(L, 1);
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);    lua_pop(L, 1);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);    lua_pop(L, 1);
    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);    lua_pop(L, 1);
    luaL_requiref(L, LUA_COLIBNAME, luaopen_coroutine, 1); lua_pop(L, 1);
    luaL_requiref(L, LUA_OSLIBNAME, luaopen_os, 1);        lua_pop(L, 1);
}

/* getmetatable that ignores `__metatable`, for the prelude's read-only views (never given
   to scripts): the metatable of the argument, or nil. */
static int raw_metatable(lua_State *L) {
    if (!lua_getmetatable(L, 1)) lua_pushnil(L);
    return 1;
}

void mg_push_raw_metatable_function(lua_State *L) {
    lua_pushcfunction(L, raw_metatable);
}

int mg_load_text(lua_State *L, const char *buffer, size_t size, const char *chunkname) {
    return luaL_loadbufferx(L, buffer, size, chunkname, "t");
}

/* Script code runs with the memory limit armed; host code around it does not. */
static int mg_guarded_pcall(lua_State *L, int nargs, int nresults, int handler) {
    mg_sandbox *sb = mg_sandbox_of(L);
    int saved = sb->in_host;
    sb->in_host = 0;
    int status = lua_pcall(L, nargs, nresults, handler);
    sb->in_host = saved;
    return status;
}

int mg_pcall(lua_State *L, int nargs, int nresults) {
    return mg_guarded_pcall(L, nargs, nresults, 0);
}

/* Trusted code: it runs as host, so that the message of an error raised at the memory
   limit is not itself refused (and lost as "not enough memory"). */
static int mg_traceback_handler(lua_State *L) {
    mg_sandbox *sb = mg_sandbox_of(L);
    sb->in_host++;
    const char *message = lua_tostring(L, 1);
    if (message == NULL) message = luaL_tolstring(L, 1, NULL);
    luaL_traceback(L, L, message, 1);
    sb->in_host--;
    return 1;
}

int mg_pcall_traceback(lua_State *L, int nargs, int nresults) {
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, mg_traceback_handler);
    lua_insert(L, base);
    int status = mg_guarded_pcall(L, nargs, nresults, base);
    lua_remove(L, base);
    return status;
}

void mg_pop(lua_State *L, int n) { lua_pop(L, n); }
void mg_newtable(lua_State *L) { lua_newtable(L); }
const char *mg_tostring(lua_State *L, int idx, size_t *len) { return lua_tolstring(L, idx, len); }
int mg_isnoneornil(lua_State *L, int idx) { return lua_isnoneornil(L, idx); }
int mg_upvalueindex(int i) { return lua_upvalueindex(i); }
int mg_registryindex(void) { return LUA_REGISTRYINDEX; }
void mg_pushglobaltable(lua_State *L) { lua_pushglobaltable(L); }
void mg_remove(lua_State *L, int idx) { lua_remove(L, idx); }
void mg_insert(lua_State *L, int idx) { lua_insert(L, idx); }
int mg_ref(lua_State *L) { return luaL_ref(L, LUA_REGISTRYINDEX); }
void mg_unref(lua_State *L, int ref) { luaL_unref(L, LUA_REGISTRYINDEX, ref); }
void mg_getref(lua_State *L, int ref) { lua_rawgeti(L, LUA_REGISTRYINDEX, ref); }
void mg_gc_collect(lua_State *L) { lua_gc(L, LUA_GCCOLLECT); }
