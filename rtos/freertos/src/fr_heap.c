/*
 * fr_heap.c - the FreeRTOS layer's heap: pvPortMalloc / vPortFree over one
 * array in the application's own memory (ucHeap, configTOTAL_HEAP_SIZE
 * bytes; the application's own array with configAPPLICATION_ALLOCATED_HEAP).
 * The tick core allocates nothing: this is library code, run by the calling
 * task (in a partition: in task mode, in the partition's user range).
 *
 * Algorithm (the heap_4 class): first fit over a list of free blocks kept
 * in address order; a block too large is split, the rest stays free; a
 * freed block is merged with the free neighbours on either side, so
 * fragments coalesce. Every block starts with a header {next free block,
 * size}; the top bit of the size marks a block in use. Sizes are rounded
 * up to 8 bytes (portBYTE_ALIGNMENT), so every pointer returned is 8-byte
 * aligned. Work per call: O(blocks), run with the scheduler
 * suspended (interrupts stay enabled; never call it from an interrupt).
 *
 * A free of a pointer that is not a block in use (outside the heap,
 * misaligned, inside a block, already free: checked by walking the blocks)
 * is refused with configASSERT and changes nothing. A failed allocation
 * calls vApplicationMallocFailedHook() when configUSE_MALLOC_FAILED_HOOK is 1.
 */
#include <string.h>

#include "fr_internal.h"

#define HEAP_ALIGN 8u
#define HEAP_USED_BIT ((size_t)1u << (sizeof(size_t) * 8u - 1u))

/* The header in front of every block. */
struct heap_block {
    struct heap_block *next; /* next free block (address order); unused while in use */
    size_t size;             /* bytes of the block, header included; top bit: in use */
};

#define HEAP_HDR ((sizeof(struct heap_block) + HEAP_ALIGN - 1u) & ~(size_t)(HEAP_ALIGN - 1u))
/* A remainder smaller than this is not split off (it would be a header
 * with no room). */
#define HEAP_MIN_SPLIT (HEAP_HDR * 2u)

#if configAPPLICATION_ALLOCATED_HEAP
extern uint8_t ucHeap[configTOTAL_HEAP_SIZE];
#else
static _Alignas(8) uint8_t ucHeap[configTOTAL_HEAP_SIZE];
#endif

static struct heap_block start;       /* list head: start.next is the lowest free block */
static struct heap_block *end_marker; /* the last HEAP_HDR bytes of the heap, size 0 */
static size_t free_bytes;             /* bytes in free blocks now */
static size_t min_ever_free;          /* the least free_bytes has been */
static size_t n_allocs, n_frees;      /* successful calls, for vPortGetHeapStats */
static uint8_t *heap_lo, *heap_hi;    /* the usable, aligned range */

static void heap_init(void)
{
    uintptr_t lo = ((uintptr_t)ucHeap + HEAP_ALIGN - 1u) & ~(uintptr_t)(HEAP_ALIGN - 1u);
    uintptr_t hi = ((uintptr_t)ucHeap + configTOTAL_HEAP_SIZE) & ~(uintptr_t)(HEAP_ALIGN - 1u);
    hi -= HEAP_HDR;
    end_marker = (struct heap_block *)hi;
    end_marker->size = 0;
    end_marker->next = NULL;
    struct heap_block *first = (struct heap_block *)lo;
    first->size = hi - lo;
    first->next = end_marker;
    start.next = first;
    start.size = 0;
    free_bytes = min_ever_free = first->size;
    heap_lo = (uint8_t *)lo;
    heap_hi = (uint8_t *)hi;
}

/* Put b back into the free list, merging it with its neighbours. */
static void insert_free(struct heap_block *b)
{
    struct heap_block *prev = &start;
    while (prev->next < b)
        prev = prev->next;
    /* Merge with the block before it when they touch. */
    if (prev != &start && (uint8_t *)prev + prev->size == (uint8_t *)b) {
        prev->size += b->size;
        b = prev;
    } else {
        b->next = prev->next;
        prev->next = b;
    }
    /* Merge with the block after it when they touch (never the end marker). */
    struct heap_block *after = b->next;
    if (after != end_marker && (uint8_t *)b + b->size == (uint8_t *)after) {
        b->size += after->size;
        b->next = after->next;
    }
}

void *pvPortMalloc(size_t xSize)
{
    void *result = NULL;
    fr_init();
    vTaskSuspendAll();
    if (end_marker == NULL)
        heap_init();
    if (xSize > 0u && xSize < (HEAP_USED_BIT - HEAP_HDR - HEAP_ALIGN)) {
        size_t want = (xSize + HEAP_HDR + HEAP_ALIGN - 1u) & ~(size_t)(HEAP_ALIGN - 1u);
        if (want <= free_bytes) {
            struct heap_block *prev = &start, *b = start.next;
            while (b->size < want && b->next != NULL) {
                prev = b;
                b = b->next;
            }
            if (b != end_marker) {
                prev->next = b->next;
                if (b->size - want > HEAP_MIN_SPLIT) {
                    struct heap_block *rest = (struct heap_block *)((uint8_t *)b + want);
                    rest->size = b->size - want;
                    b->size = want;
                    insert_free(rest);
                }
                free_bytes -= b->size;
                if (free_bytes < min_ever_free)
                    min_ever_free = free_bytes;
                b->size |= HEAP_USED_BIT;
                b->next = NULL;
                n_allocs++;
                result = (uint8_t *)b + HEAP_HDR;
            }
        }
    }
    (void)xTaskResumeAll();
#if configUSE_MALLOC_FAILED_HOOK
    if (result == NULL)
        vApplicationMallocFailedHook();
#endif
    return result;
}

void *pvPortCalloc(size_t xNum, size_t xSize)
{
    if (xNum != 0u && xSize > (size_t)-1 / xNum)
        return NULL;
    void *p = pvPortMalloc(xNum * xSize);
    if (p != NULL)
        memset(p, 0, xNum * xSize);
    return p;
}

/* True when p is the payload of a block in use: the blocks are walked
 * from the bottom (each header's size leads to the next), so only the
 * start of a block counts, never bytes inside one that look like a header.
 * Call with the scheduler suspended. */
static bool block_in_use(const uint8_t *p)
{
    if (end_marker == NULL || p < heap_lo + HEAP_HDR || p >= heap_hi ||
        ((uintptr_t)p & (HEAP_ALIGN - 1u)) != 0u)
        return false;
    const uint8_t *b = p - HEAP_HDR, *at = heap_lo;
    while (at < b) {
        size_t size = ((const struct heap_block *)at)->size & ~HEAP_USED_BIT;
        if (size < HEAP_HDR)
            return false;
        at += size;
    }
    return at == b && (((const struct heap_block *)b)->size & HEAP_USED_BIT) != 0u;
}

bool fr_heap_owns(const void *p)
{
    vTaskSuspendAll();
    bool r = block_in_use(p);
    (void)xTaskResumeAll();
    return r;
}

void vPortFree(void *pv)
{
    if (pv == NULL)
        return;
    uint8_t *p = pv;
    vTaskSuspendAll();
    bool ok = block_in_use(p);
    struct heap_block *b = (struct heap_block *)(p - HEAP_HDR);
    if (ok) {
        b->size &= ~HEAP_USED_BIT;
        free_bytes += b->size;
        n_frees++;
        insert_free(b);
    }
    (void)xTaskResumeAll();
    configASSERT(ok);
}

size_t xPortGetFreeHeapSize(void)
{
    fr_tasks_reclaim(); /* tasks that deleted themselves give their memory back first */
    return end_marker == NULL ? (size_t)configTOTAL_HEAP_SIZE - HEAP_ALIGN - HEAP_HDR : free_bytes;
}

size_t xPortGetMinimumEverFreeHeapSize(void)
{
    return end_marker == NULL ? xPortGetFreeHeapSize() : min_ever_free;
}

void vPortInitialiseBlocks(void)
{
}

void vPortGetHeapStats(HeapStats_t *pxHeapStats)
{
    size_t largest = 0, smallest = (size_t)-1, n = 0;
    vTaskSuspendAll();
    if (end_marker == NULL)
        heap_init();
    for (struct heap_block *b = start.next; b != end_marker; b = b->next) {
        n++;
        if (b->size > largest)
            largest = b->size;
        if (b->size < smallest)
            smallest = b->size;
    }
    pxHeapStats->xAvailableHeapSpaceInBytes = free_bytes;
    pxHeapStats->xSizeOfLargestFreeBlockInBytes = largest;
    pxHeapStats->xSizeOfSmallestFreeBlockInBytes = n == 0 ? 0 : smallest;
    pxHeapStats->xNumberOfFreeBlocks = n;
    pxHeapStats->xMinimumEverFreeBytesRemaining = min_ever_free;
    pxHeapStats->xNumberOfSuccessfulAllocations = n_allocs;
    pxHeapStats->xNumberOfSuccessfulFrees = n_frees;
    (void)xTaskResumeAll();
}
