/* A backtracking matcher for Lua patterns (Lua 5.4 manual, section 6.4.1) that counts
 * its steps. See PatternMatcher.h for why the sandbox has its own. */
#include "PatternMatcher.h"
#include <ctype.h>
#include <string.h>
#include <lauxlib.h>

/* Steps between two limit checks: a check reads the clock (tens of nanoseconds), a step
 * costs a few, so this keeps the checks well under 1% of matching time. */
enum { MG_CHECK_EVERY = 4096 };

static const char *match_here(mg_matcher *m, const char *s, const char *p);

void mg_matcher_init(mg_matcher *m, lua_State *L, const char *s, size_t length, const char *pattern_end) {
    m->L = L;
    m->sandbox = mg_sandbox_of(L);
    m->subject = s;
    m->subject_end = s + length;
    m->pattern_end = pattern_end;
    m->depth = 0;
    m->captures = 0;
    m->steps = 0;
}

void mg_matcher_checkpoint(mg_matcher *m) {
    unsigned steps = m->steps;
    m->steps = 0;
    if (m->sandbox == NULL) return;
    m->sandbox->instructions += steps;
    /* Level 1: the Lua function that called string.find (level 0 is the C function). */
    if (mg_limit_reached(m->sandbox)) mg_raise_limit(m->L, 1);
}

static inline void step(mg_matcher *m) {
    if (++m->steps >= MG_CHECK_EVERY) mg_matcher_checkpoint(m);
}

const char *mg_matcher_try(mg_matcher *m, const char *s, const char *p) {
    m->captures = 0;
    m->depth = 0;
    step(m);
    return match_here(m, s, p);
}

/* ---- one character class ------------------------------------------------------------ */

/* True when byte c is in the class named by letter `name` (%a, %d, ...); any other
 * letter or symbol stands for itself. An upper-case class letter is the complement. */
static int in_named_class(int c, int name) {
    int found;
    switch (tolower(name)) {
        case 'a': found = isalpha(c); break;
        case 'c': found = iscntrl(c); break;
        case 'd': found = isdigit(c); break;
        case 'g': found = isgraph(c); break;
        case 'l': found = islower(c); break;
        case 'p': found = ispunct(c); break;
        case 's': found = isspace(c); break;
        case 'u': found = isupper(c); break;
        case 'w': found = isalnum(c); break;
        case 'x': found = isxdigit(c); break;
        case 'z': found = c == 0; break;   /* the NUL byte (deprecated, still in Lua 5.4) */
        default: return name == c;
    }
    if (isupper(name)) return !found;
    return found != 0;
}

/* True when byte c is in the set [ ... ] that opens at `open` and closes at `close`. */
static int in_set(int c, const char *open, const char *close) {
    const char *p = open + 1;
    int complement = 0;
    if (*p == '^') {
        complement = 1;
        p++;
    }
    for (; p < close; p++) {
        unsigned char here = (unsigned char)*p;
        if (here == '%') {
            p++;
            if (in_named_class(c, (unsigned char)*p)) return !complement;
        } else if (p[1] == '-' && p + 2 < close) {
            if (here <= c && c <= (unsigned char)p[2]) return !complement;
            p += 2;
        } else if (here == c) {
            return !complement;
        }
    }
    return complement;
}

/* The end of the single class starting at p: one byte, %x, or a whole [set]. */
static const char *class_end(mg_matcher *m, const char *p) {
    if (*p == '%') {
        if (p + 1 >= m->pattern_end) luaL_error(m->L, "malformed pattern (ends with '%%')");
        return p + 2;
    }
    if (*p != '[') return p + 1;
    const char *q = p + 1;
    if (*q == '^') q++;
    /* The first byte of a set is never its end, so "[]]" is the set of ']'. */
    do {
        if (q >= m->pattern_end) luaL_error(m->L, "malformed pattern (missing ']')");
        if (*q++ == '%' && q < m->pattern_end) q++;
    } while (*q != ']');
    return q + 1;
}

/* True when the subject byte at s exists and is in the class [p, end). */
static int class_matches(mg_matcher *m, const char *s, const char *p, const char *end) {
    if (s >= m->subject_end) return 0;
    int c = (unsigned char)*s;
    switch (*p) {
        case '.': return 1;
        case '%': return in_named_class(c, (unsigned char)p[1]);
        case '[': return in_set(c, p, end - 1);
        default: return (unsigned char)*p == c;
    }
}

/* ---- items that need more than one class -------------------------------------------- */

/* %bxy at s: the end of the balanced run, or NULL. p points at x. */
static const char *match_balanced(mg_matcher *m, const char *s, const char *p) {
    if (p + 1 >= m->pattern_end) luaL_error(m->L, "malformed pattern (missing arguments to '%%b')");
    if (s >= m->subject_end || *s != p[0]) return NULL;
    char open = p[0], close = p[1];
    int depth = 1;
    while (++s < m->subject_end) {
        step(m);
        if (*s == close) {
            if (--depth == 0) return s + 1;
        } else if (*s == open) {
            depth++;
        }
    }
    return NULL;
}

/* The capture referred to by digit `digit` of a back-reference %1 ... %9. */
static int referenced_capture(mg_matcher *m, int digit) {
    int index = digit - '1';
    if (index < 0 || index >= m->captures || m->capture[index].length == MG_CAPTURE_OPEN)
        luaL_error(m->L, "invalid capture index %%%d", index + 1);
    return index;
}

static const char *match_back_reference(mg_matcher *m, const char *s, int digit) {
    mg_capture *c = &m->capture[referenced_capture(m, digit)];
    if (c->length < 0) return NULL;   /* a position capture holds no text */
    size_t length = (size_t)c->length;
    if ((size_t)(m->subject_end - s) < length || memcmp(c->start, s, length) != 0) return NULL;
    return s + length;
}

static const char *open_capture(mg_matcher *m, const char *s, const char *p, ptrdiff_t kind) {
    if (m->captures >= MG_PATTERN_MAX_CAPTURES) luaL_error(m->L, "too many captures");
    int index = m->captures++;
    m->capture[index].start = s;
    m->capture[index].length = kind;
    const char *end = match_here(m, s, p);
    if (end == NULL) m->captures--;
    return end;
}

static const char *close_capture(mg_matcher *m, const char *s, const char *p) {
    int index = m->captures - 1;
    while (index >= 0 && m->capture[index].length != MG_CAPTURE_OPEN) index--;
    if (index < 0) luaL_error(m->L, "invalid pattern capture");
    m->capture[index].length = s - m->capture[index].start;
    const char *end = match_here(m, s, p);
    if (end == NULL) m->capture[index].length = MG_CAPTURE_OPEN;
    return end;
}

/* class* and class+ (after its first byte): as many as possible, then give back. */
static const char *match_greedy(mg_matcher *m, const char *s, const char *p, const char *class_stop) {
    size_t count = 0;
    while (class_matches(m, s + count, p, class_stop)) {
        step(m);
        count++;
    }
    for (;;) {
        const char *end = match_here(m, s + count, class_stop + 1);
        if (end != NULL) return end;
        if (count == 0) return NULL;
        count--;
    }
}

/* class-: as few as possible, taking one more byte at a time. */
static const char *match_lazy(mg_matcher *m, const char *s, const char *p, const char *class_stop) {
    for (;;) {
        const char *end = match_here(m, s, class_stop + 1);
        if (end != NULL) return end;
        if (!class_matches(m, s, p, class_stop)) return NULL;
        s++;
    }
}

/* ---- the pattern, item by item ------------------------------------------------------ */

/* Matches the pattern from p on against the subject from s: its end, or NULL. Items that
 * always go on with the rest of the pattern loop here; only those that may have to try
 * again (captures, quantifiers) recurse, at most MG_PATTERN_MAX_DEPTH deep. */
static const char *match_here(mg_matcher *m, const char *s, const char *p) {
    if (++m->depth > MG_PATTERN_MAX_DEPTH) luaL_error(m->L, "pattern too complex");
    const char *result = NULL;
    for (;;) {
        step(m);
        if (p >= m->pattern_end) {
            result = s;
            break;
        }
        if (*p == '(') {
            result = p[1] == ')' ? open_capture(m, s, p + 2, MG_CAPTURE_POSITION)
                                 : open_capture(m, s, p + 1, MG_CAPTURE_OPEN);
            break;
        }
        if (*p == ')') {
            result = close_capture(m, s, p + 1);
            break;
        }
        if (*p == '$' && p + 1 == m->pattern_end) {
            result = s == m->subject_end ? s : NULL;
            break;
        }
        if (*p == '%' && p[1] == 'b') {
            s = match_balanced(m, s, p + 2);
            if (s == NULL) break;
            p += 4;
            continue;
        }
        if (*p == '%' && p[1] == 'f') {
            const char *set = p + 2;
            if (*set != '[') luaL_error(m->L, "missing '[' after '%%f' in pattern");
            const char *set_stop = class_end(m, set);
            int before = s == m->subject ? 0 : (unsigned char)s[-1];
            int here = s < m->subject_end ? (unsigned char)*s : 0;
            if (in_set(before, set, set_stop - 1) || !in_set(here, set, set_stop - 1)) break;
            p = set_stop;
            continue;
        }
        if (*p == '%' && isdigit((unsigned char)p[1])) {
            s = match_back_reference(m, s, (unsigned char)p[1]);
            if (s == NULL) break;
            p += 2;
            continue;
        }
        /* One class, maybe followed by a quantifier. */
        const char *class_stop = class_end(m, p);
        char quantifier = class_stop < m->pattern_end ? *class_stop : '\0';
        if (!class_matches(m, s, p, class_stop)) {
            if (quantifier == '*' || quantifier == '?' || quantifier == '-') {
                p = class_stop + 1;   /* zero repetitions */
                continue;
            }
            break;
        }
        if (quantifier == '?') {
            result = match_here(m, s + 1, class_stop + 1);
            if (result != NULL) break;
            p = class_stop + 1;
            continue;
        }
        if (quantifier == '+') { result = match_greedy(m, s + 1, p, class_stop); break; }
        if (quantifier == '*') { result = match_greedy(m, s, p, class_stop); break; }
        if (quantifier == '-') { result = match_lazy(m, s, p, class_stop); break; }
        s++;
        p = class_stop;
    }
    m->depth--;
    return result;
}
