/*
 * fr_internal.h - what the FreeRTOS layer's sources share (not for
 * applications).
 *
 * Where objects live. Natively every object the layer creates is heap
 * memory (fr_heap.c) or the application's static buffer. In a partition
 * the core accepts objects only inside the guest kernel's .kobj section,
 * which tasks cannot write, and only guest-kernel code (main() before the
 * scheduler starts) may make a new object there; a task may re-initialise
 * a live object and reuse a deleted task's TCB. So the layer keeps one
 * pool per type in .kobj (configFR_MAX_*), its bookkeeping (a bitmap of
 * the slots in use) in the user range; vTaskStartScheduler() turns every
 * free slot into an object of its type (a task created and deleted, a
 * semaphore, a mutex, a queue on a one-item dummy buffer), so that a task
 * can later take a slot and initialise it again (xQueueCreate from a
 * task), and a deleted object goes back to its pool still live. A handle
 * is a .kobj address the core checks against its type map: a task cannot
 * forge one (docs/rtos.md, "Object validation").
 */
#ifndef FR_INTERNAL_H
#define FR_INTERNAL_H

#include "FreeRTOS.h"
#include "task.h"

/* One pool of same-sized objects (in a partition: in .kobj). */
struct fr_pool {
    uint8_t *base;   /* first slot */
    size_t size;     /* bytes per slot */
    unsigned n;      /* slots, <= 32 */
    uint32_t used;   /* bit i: slot i is taken */
    uint32_t primed; /* bit i: slot i holds a live (or deleted-task) object */
};

/* A free slot (marked used), NULL when none. */
void *fr_pool_take(struct fr_pool *p);
/* True when obj is a slot of p. */
bool fr_pool_owns(const struct fr_pool *p, const void *obj);
/* True when the slot holds an object made before (re-initialise it). */
bool fr_pool_primed(const struct fr_pool *p, const void *obj);
/* Give a slot back; it keeps its object (primed). */
void fr_pool_give(struct fr_pool *p, void *obj);

/* Memory for a core object of `size` bytes: natively from the heap, in a
 * partition a slot of `pool`. `buffer` (may be NULL): the application's
 * static buffer, used where the core accepts it (natively; in a partition
 * only inside .kobj). */
void *fr_obj_alloc(struct fr_pool *pool, size_t size, void *buffer);
/* Give back what fr_obj_alloc returned (not the application's buffer). */
void fr_obj_free(struct fr_pool *pool, void *obj, void *buffer);

/* True when p is the start of a heap block in use (fr_heap.c). */
bool fr_heap_owns(const void *p);

/* True when p lies in the partition's .kobj (always false natively). */
bool fr_in_kobj(const void *p, size_t size);

/* Turn every free slot of the pools into an object (partition, before the
 * scheduler starts; fr_objects.c, fr_task.c). */
void fr_objects_prime(void);
void fr_tasks_prime(void);
void fr_prims_prime(void);

/* Free the stacks and TCBs of tasks that deleted themselves. */
void fr_tasks_reclaim(void);

#endif /* FR_INTERNAL_H */
