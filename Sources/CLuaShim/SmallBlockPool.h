// Small blocks for Lua's allocator (see SmallBlockPool.c): the fast paths, inlined into
// mg_alloc.
#ifndef SMALL_BLOCK_POOL_H
#define SMALL_BLOCK_POOL_H

#include "CLuaShim.h"

/// Takes a block from a new slab when the class's list is empty; NULL when malloc fails.
void *mg_pool_refill(mg_block_pool *pool, size_t size_class);

/// The class of a block of `size` bytes (1...MG_POOL_LARGEST): blocks of 16, 32, … bytes.
static inline size_t mg_pool_class(size_t size) { return (size - 1) / MG_POOL_GRAIN; }

/// A block of class `size_class`, or NULL when no memory is left.
static inline void *mg_pool_take(mg_block_pool *pool, size_t size_class) {
    void *block = pool->free_blocks[size_class];
    if (block == NULL) return mg_pool_refill(pool, size_class);
    pool->free_blocks[size_class] = *(void **)block;
    return block;
}

/// Puts a block of class `size_class` back on its list.
static inline void mg_pool_give_back(mg_block_pool *pool, void *block, size_t size_class) {
    *(void **)block = pool->free_blocks[size_class];
    pool->free_blocks[size_class] = block;
}

#endif
