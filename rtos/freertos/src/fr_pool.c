/*
 * fr_pool.c - the layer's object pools and the choice between heap, pool
 * and the application's buffer (fr_internal.h).
 */
#include "fr_internal.h"

#if FR_PARTITION
extern char pv_kobj_start[];
extern char pv_kobj_end[];
#endif

bool fr_in_kobj(const void *p, size_t size)
{
#if FR_PARTITION
    uintptr_t off = (uintptr_t)p - (uintptr_t)pv_kobj_start;
    uintptr_t len = (uintptr_t)(pv_kobj_end - pv_kobj_start);
    return off <= len && size <= len - off;
#else
    (void)p;
    (void)size;
    return false;
#endif
}

void *fr_pool_take(struct fr_pool *p)
{
    void *obj = NULL;
    vTaskSuspendAll();
    for (unsigned i = 0; i < p->n; i++) {
        if ((p->used & (1u << i)) == 0u) {
            p->used |= 1u << i;
            obj = p->base + (size_t)i * p->size;
            break;
        }
    }
    (void)xTaskResumeAll();
    return obj;
}

static int slot_of(const struct fr_pool *p, const void *obj)
{
    uintptr_t off = (uintptr_t)obj - (uintptr_t)p->base;
    if (p->n == 0u || off >= (uintptr_t)p->n * p->size || off % p->size != 0u)
        return -1;
    return (int)(off / p->size);
}

bool fr_pool_owns(const struct fr_pool *p, const void *obj)
{
    return slot_of(p, obj) >= 0;
}

bool fr_pool_primed(const struct fr_pool *p, const void *obj)
{
    int i = slot_of(p, obj);
    return i >= 0 && (p->primed & (1u << (unsigned)i)) != 0u;
}

void fr_pool_give(struct fr_pool *p, void *obj)
{
    int i = slot_of(p, obj);
    if (i < 0)
        return;
    vTaskSuspendAll();
    p->used &= ~(1u << (unsigned)i);
    p->primed |= 1u << (unsigned)i;
    (void)xTaskResumeAll();
}

void *fr_obj_alloc(struct fr_pool *pool, size_t size, void *buffer)
{
#if FR_PARTITION
    (void)size;
    if (buffer != NULL && fr_in_kobj(buffer, size))
        return buffer;
    return fr_pool_take(pool);
#else
    (void)pool;
    if (buffer != NULL)
        return buffer;
    return pvPortMalloc(size);
#endif
}

void fr_obj_free(struct fr_pool *pool, void *obj, void *buffer)
{
    if (obj == NULL || obj == buffer)
        return;
#if FR_PARTITION
    fr_pool_give(pool, obj);
#else
    (void)pool;
    vPortFree(obj);
#endif
}
