// Small blocks for Lua's allocator: most of what a script allocates (tables, short strings,
// closures, small arrays of table slots) is a few dozen bytes, made and collected by the
// thousand for every document. `mg_alloc` takes those from free lists per size class, filled
// from 64 KiB slabs, instead of malloc and free: a block is taken or given back in a few
// instructions, and no allocator state is shared with the Swift side of the thread.
//
// A state is used by one thread at a time, so the pool has no lock. Lua gives the size of
// every block it frees or resizes, so blocks carry no header. Freed blocks stay in their
// class's list for the state's next allocations; the slabs go back to malloc when the state
// closes (mg_close). The memory limit counts the bytes Lua asked for, as before.
#include "SmallBlockPool.h"
#include <stdlib.h>

/* A slab: a link to the slab made before it, then blocks (16-byte aligned, as malloc's). */
enum { MG_POOL_SLAB_BYTES = 64 * 1024, MG_POOL_SLAB_HEADER = 16 };

void *mg_pool_refill(mg_block_pool *pool, size_t size_class) {
    size_t size = (size_class + 1) * MG_POOL_GRAIN;
    if ((size_t)(pool->slab_end - pool->slab_next) < size) {
        char *slab = malloc(MG_POOL_SLAB_BYTES);
        if (slab == NULL) return NULL;
        *(char **)slab = pool->slabs;
        pool->slabs = slab;
        pool->slab_next = slab + MG_POOL_SLAB_HEADER;
        pool->slab_end = slab + MG_POOL_SLAB_BYTES;
    }
    void *block = pool->slab_next;
    pool->slab_next += size;
    return block;
}

void mg_pool_release(mg_block_pool *pool) {
    char *slab = pool->slabs;
    while (slab != NULL) {
        char *before = *(char **)slab;
        free(slab);
        slab = before;
    }
    *pool = (mg_block_pool){0};
}

void mg_close(lua_State *L) {
    mg_sandbox *sandbox = mg_sandbox_of(L);
    lua_close(L);
    mg_pool_release(&sandbox->pool);
}
