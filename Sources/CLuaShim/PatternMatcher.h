/* The sandbox's own Lua pattern matcher (Lua 5.4 manual, section 6.4.1), written for
 * Marginalia so that a pattern can be stopped: every few thousand matching steps it
 * checks the plugin's deadline, instruction budget and stop request, and raises the
 * limit error like the instruction hook does. The C matcher of Lua's string library
 * never returns to the VM while it backtracks, so no hook can stop it there.
 *
 * Private to CLuaShim: PatternLibrary.c builds string.find/match/gmatch/gsub on it. */
#ifndef MG_PATTERN_MATCHER_H
#define MG_PATTERN_MATCHER_H

#include <stddef.h>
#include <lua.h>
#include "CLuaShim.h"

enum {
    MG_PATTERN_MAX_CAPTURES = 32,   /* as LUA_MAXCAPTURES: "too many captures" beyond */
    MG_PATTERN_MAX_DEPTH = 200,     /* nested items before "pattern too complex" */
};

/* A capture's length while it is still open, or when it is a position capture `()`. */
#define MG_CAPTURE_OPEN ((ptrdiff_t)-1)
#define MG_CAPTURE_POSITION ((ptrdiff_t)-2)

typedef struct mg_capture {
    const char *start;
    ptrdiff_t length;               /* bytes, or MG_CAPTURE_OPEN / MG_CAPTURE_POSITION */
} mg_capture;

typedef struct mg_matcher {
    lua_State *L;
    mg_sandbox *sandbox;            /* NULL: no limits (a state not made by mg_newstate) */
    const char *subject;            /* the whole subject string */
    const char *subject_end;
    const char *pattern_end;
    int depth;                      /* current nesting of match_here */
    int captures;                   /* captures opened so far (closed or not) */
    unsigned steps;                 /* steps since the last limit check */
    mg_capture capture[MG_PATTERN_MAX_CAPTURES];
} mg_matcher;

/* Prepares `m` for subject [s, s + length) and a pattern ending at pattern_end. */
void mg_matcher_init(mg_matcher *m, lua_State *L, const char *s, size_t length, const char *pattern_end);

/* Tries the pattern starting at `p` against the subject at `s`: the end of the match, or
 * NULL. Resets the captures first. May raise a Lua error (malformed pattern, limits). */
const char *mg_matcher_try(mg_matcher *m, const char *s, const char *p);

/* Adds the steps not yet accounted for to the sandbox's instruction count and raises a
 * limit error if one was reached. Called by the matcher itself every few thousand steps. */
void mg_matcher_checkpoint(mg_matcher *m);

#endif
