// CLuaShim: Lua's C macros as real functions, the sandbox's allocator and instruction
// budget, and the trampoline through which Lua calls Swift.
//
// Why it exists: Lua raises errors with longjmp. A longjmp that crosses a Swift frame is
// undefined behaviour, so Swift never calls anything that may raise. Swift host functions
// report failure by returning -1 with a message on the stack; the C trampoline below then
// calls lua_error from C. While Swift runs, the memory limit is suspended (allocation
// failures there would longjmp through Swift); the trampoline enforces it on return.
#ifndef CLUASHIM_H
#define CLUASHIM_H

#include <stddef.h>
#include <stdint.h>
#include <lua.h>
#include <lualib.h>
#include <lauxlib.h>

/// Lua's blocks of up to MG_POOL_LARGEST bytes, by size class of MG_POOL_GRAIN bytes
/// (SmallBlockPool.c): the free blocks of each class and the slabs they are cut from.
enum { MG_POOL_GRAIN = 16, MG_POOL_CLASSES = 16, MG_POOL_LARGEST = MG_POOL_GRAIN * MG_POOL_CLASSES };
typedef struct mg_block_pool {
    void *free_blocks[MG_POOL_CLASSES];   ///< each class's free blocks, linked by their first word
    char *slab_next;                      ///< the unused part of the newest slab…
    char *slab_end;                       ///< …ends here
    char *slabs;                          ///< the newest slab; each starts with a link to the one before
} mg_block_pool;

/// Per-state sandbox accounting, the allocator's userdata.
typedef struct mg_sandbox {
    size_t used;              ///< bytes currently allocated by this state
    size_t peak;              ///< highest `used` since the last reset
    size_t limit;             ///< 0 = unlimited; bounds used + host_bytes
    size_t host_bytes;        ///< what the host holds for the scripts (lexicons, annotations)
    size_t total_peak;        ///< highest used + host_bytes (see mg_host_charge)
    int limit_hit;            ///< set when an allocation was refused even after a full collection
    int refused;              ///< the last allocation was refused (Lua collects, then retries)
    int refusals;             ///< allocations refused since the counter was last cleared
    int in_host;              ///< > 0 while a Swift host function runs
    int64_t instructions;     ///< VM instructions counted since mg_budget_start
    int64_t budget;           ///< 0 = unlimited
    int budget_hit;           ///< set when the budget ran out
    int64_t deadline_ns;      ///< CLOCK_MONOTONIC time at which the run stops, 0 = none
    double time_limit;        ///< the seconds that deadline allows (for the message)
    int time_hit;             ///< set when the deadline passed
    int *stop_requested;      ///< non-zero (set atomically, from any thread) stops the run
    int stop_hit;             ///< set when a run was stopped by that request
    void *host;               ///< the Swift runtime that owns this state
    mg_block_pool pool;       ///< where the state's small blocks come from
} mg_sandbox;

/// A Swift host function: returns the number of results, or -1 with an error message
/// on top of the stack. Must never call a Lua API function that can raise.
typedef int (*mg_host_dispatch_fn)(lua_State *L, int function_id);

lua_State *mg_newstate(mg_sandbox *sandbox);
/// Closes a state made by mg_newstate and gives its small-block pool back to malloc.
void mg_close(lua_State *L);
/// Gives every slab of `pool` back to malloc (its blocks must no longer be in use).
void mg_pool_release(mg_block_pool *pool);
mg_sandbox *mg_sandbox_of(lua_State *L);
void mg_set_host_dispatch(mg_host_dispatch_fn dispatch);
void mg_push_host_function(lua_State *L, int function_id);
/// A host function for a `__gc` metamethod: called with the object, never raises, checks
/// no limit, and does nothing once the sandbox's `host` is cleared (while the state closes).
void mg_push_host_finalizer(lua_State *L, int function_id);

/// Adds `delta` bytes (negative: gives them back) to what the host holds for the scripts of
/// this sandbox; `used + host_bytes` is what the memory limit bounds. Never raises.
void mg_host_charge(mg_sandbox *sandbox, ptrdiff_t delta);

/// Arms the instruction budget (0 = unlimited) and clears the limit flags of the last run.
void mg_budget_start(lua_State *L, int64_t budget);
void mg_budget_stop(lua_State *L);
/// Arms a wall-clock limit of `seconds` from now (0 = none) for the next run.
void mg_time_limit_start(lua_State *L, double seconds);
/// Sets the stop flag a sandbox's `stop_requested` points to: its running (and every
/// later) script stops at its next check. Safe from any thread.
void mg_request_stop(int *flag);

/// Which limit the run has reached (and flags it): 0 none, else MG_LIMIT_*.
enum { MG_LIMIT_NONE = 0, MG_LIMIT_INSTRUCTIONS = 1, MG_LIMIT_TIME = 2, MG_LIMIT_STOP = 3 };
int mg_limit_reached(mg_sandbox *sandbox);
/// Raises the error for the limit reached, with "file:line:" of the Lua function at
/// `level` (0 in a hook, 1 in a C function). Never returns.
int mg_raise_limit(lua_State *L, int level);

/// Pushes a table with the sandbox's own find, match, gmatch and gsub (step-counting
/// pattern matching that honours the limits above; same results as the string library's).
void mg_push_pattern_functions(lua_State *L);
/// Replaces find, match, gmatch and gsub in the table at `string_table` with those.
void mg_install_pattern_functions(lua_State *L, int string_table);

/// Opens only base, string, table, math, utf8, coroutine and os (trimmed later).
void mg_open_safe_libs(lua_State *L);

/// Pushes a C function returning the metatable of its argument even when `__metatable`
/// hides it, or nil: for the trusted prelude only, never reachable from scripts.
void mg_push_raw_metatable_function(lua_State *L);

int mg_load_text(lua_State *L, const char *buffer, size_t size, const char *chunkname);
int mg_pcall(lua_State *L, int nargs, int nresults);
int mg_pcall_traceback(lua_State *L, int nargs, int nresults);

/* Macros of lua.h and lauxlib.h as functions. */
void mg_pop(lua_State *L, int n);
void mg_newtable(lua_State *L);
const char *mg_tostring(lua_State *L, int idx, size_t *len);
int mg_isnoneornil(lua_State *L, int idx);
int mg_upvalueindex(int i);
int mg_registryindex(void);
void mg_pushglobaltable(lua_State *L);
void mg_remove(lua_State *L, int idx);
void mg_insert(lua_State *L, int idx);
int mg_ref(lua_State *L);
void mg_unref(lua_State *L, int ref);
void mg_getref(lua_State *L, int ref);
void mg_gc_collect(lua_State *L);

/* HostKeys.c: the field names of the host's tables, pushed as static strings (found in
   Lua's string cache by address instead of hashed anew for every table). */
enum {
    MG_KEY_START, MG_KEY_STOP, MG_KEY_TEXT, MG_KEY_TERM, MG_KEY_LABEL, MG_KEY_SCORE,
    MG_KEY_FEATURES, MG_KEY_PLUGIN, MG_KEY_SKIP, MG_KEY_COUNT
};
/// t[key] = top (raw) for the table at `table`; pops the value. Never raises (the memory
/// limit is suspended while the host runs).
void mg_setkey(lua_State *L, int table, int key);
/// Pushes t[key] (raw) for the table at `table`.
void mg_getkey(lua_State *L, int table, int key);
/// Pushes a new table { start = start, stop = stop } with room for `more_fields` more.
void mg_push_span_record(lua_State *L, lua_Integer start, lua_Integer stop, int more_fields);
/// Replaces the features table on top of the stack by the record of an annotation,
/// { start =, stop =, label =, score =, features =, plugin = } (start and stop only when
/// `has_span`), in that order, with the label and plugin name copied from the stack slots
/// `label_slot` and `plugin_slot` (absolute indices).
void mg_push_annotation_record(lua_State *L, int has_span, lua_Integer start, lua_Integer stop,
                               int label_slot, lua_Number score, int plugin_slot);
/// Pushes a copy of the table at `source` (its fields one level deep: for tables whose
/// values are not tables), made with room for `fields` fields.
void mg_push_flat_table_copy(lua_State *L, int source, int fields);

/* MatchIterator.c: the iterator of lex:each. */
/// Pushes an iterator function (for the generic `for`) over `count` lexicon matches: each
/// call returns the next match's start, stop and term (`terms[index]`, from the table at
/// stack index `terms`, kept as an upvalue), then nothing. The caller fills the returned
/// `3 * count` cells: start, stop and the term's 1-based index, match after match.
lua_Integer *mg_push_match_iterator(lua_State *L, int terms, size_t count);

/* RowIterator.c: the iterator of doc:each. */
/// Pushes an iterator function (for the generic `for`) over `rows` rows of `stride` values
/// (at most MG_ROW_STRIDE_MAX) kept in the table at stack index `cells` (an upvalue): row r
/// (0-based) is cells[r * stride + 1] … cells[r * stride + stride]. Each call returns the
/// next row's values (nil for a cell not set), then nothing.
enum { MG_ROW_STRIDE_MAX = 18 };
void mg_push_row_iterator(lua_State *L, int cells, int stride, lua_Integer rows);

#endif
