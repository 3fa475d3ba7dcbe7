/*
 * fr_objects.c - the FreeRTOS layer's queues, semaphores and mutexes:
 * creation from the heap or a static buffer (in a partition: from the
 * .kobj pools, fr_internal.h), deletion, the calls that look at a
 * handle's kind.
 */
#include "fr_internal.h"
#include "queue.h"
#include "semphr.h"

#if FR_PARTITION
static struct os_queue queue_slots[configFR_MAX_QUEUES] OS_KOBJ;
static struct os_sem sem_slots[configFR_MAX_SEMAPHORES] OS_KOBJ;
static struct os_mutex mutex_slots[configFR_MAX_MUTEXES] OS_KOBJ;
static struct fr_pool queue_pool = {(uint8_t *)queue_slots, sizeof(struct os_queue),
                                    configFR_MAX_QUEUES, 0u, 0u};
static struct fr_pool sem_pool = {(uint8_t *)sem_slots, sizeof(struct os_sem),
                                  configFR_MAX_SEMAPHORES, 0u, 0u};
static struct fr_pool mutex_pool = {(uint8_t *)mutex_slots, sizeof(struct os_mutex),
                                    configFR_MAX_MUTEXES, 0u, 0u};
#define QUEUE_POOL (&queue_pool)
/* The heap storage of each pool queue, NULL when the application's. */
static void *queue_heap_storage[configFR_MAX_QUEUES];
static unsigned slot_index(const struct os_queue *q)
{
    return (unsigned)(q - queue_slots);
}
#define SEM_POOL (&sem_pool)
#define MUTEX_POOL (&mutex_pool)
#else
#define QUEUE_POOL ((struct fr_pool *)NULL)
#define SEM_POOL ((struct fr_pool *)NULL)
#define MUTEX_POOL ((struct fr_pool *)NULL)
#endif

#if FR_PARTITION
/* Storage a queue made by a task in a partition must have in the user
 * range: a dummy for the placeholders made before the start. */
static uint8_t dummy_item[8];
#endif

/* Queue storage from the heap follows the object: one block. */
struct fr_heap_queue {
    struct os_queue q;
    _Alignas(8) uint8_t storage[];
};

__attribute__((unused)) static QueueHandle_t queue_create(UBaseType_t len, UBaseType_t item_size, uint8_t *storage,
                                  StaticQueue_t *buffer)
{
    fr_init();
    if (len == 0u || item_size == 0u || (size_t)len > (size_t)-1 / (size_t)item_size)
        return NULL; /* a queue of zero-size items is a semaphore: use semphr.h */
    size_t bytes = (size_t)len * (size_t)item_size;
    struct os_queue *q;
    void *heap_block = NULL;
#if FR_PARTITION
    /* The object from the pool (or a .kobj buffer), the storage in the
     * user range (heap or the application's). */
    q = fr_obj_alloc(QUEUE_POOL, sizeof *q, buffer);
    if (q == NULL)
        return NULL;
    if (storage == NULL) {
        heap_block = pvPortMalloc(bytes);
        storage = heap_block;
    }
#else
    if (buffer != NULL) {
        q = buffer;
    } else {
        if (bytes > (size_t)-1 - sizeof(struct fr_heap_queue))
            return NULL;
        struct fr_heap_queue *hq = pvPortMalloc(sizeof *hq + bytes);
        heap_block = hq;
        q = hq != NULL ? &hq->q : NULL;
        storage = hq != NULL ? hq->storage : NULL;
    }
#endif
    if (q == NULL || storage == NULL ||
        os_queue_init(q, storage, (size_t)item_size, (size_t)len) != OS_OK) {
#if FR_PARTITION
        vPortFree(heap_block);
        fr_obj_free(QUEUE_POOL, q, buffer);
#else
        vPortFree(heap_block);
#endif
        return NULL;
    }
#if FR_PARTITION
    if (fr_pool_owns(QUEUE_POOL, q))
        queue_heap_storage[slot_index(q)] = heap_block;
#endif
    return fr_handle(q, FR_KIND_QUEUE);
}

#if configSUPPORT_DYNAMIC_ALLOCATION
QueueHandle_t xQueueCreate(UBaseType_t uxQueueLength, UBaseType_t uxItemSize)
{
    return queue_create(uxQueueLength, uxItemSize, NULL, NULL);
}
#endif
#if configSUPPORT_STATIC_ALLOCATION
QueueHandle_t xQueueCreateStatic(UBaseType_t uxQueueLength, UBaseType_t uxItemSize,
                                 uint8_t *pucQueueStorageBuffer, StaticQueue_t *pxQueueBuffer)
{
    if (pucQueueStorageBuffer == NULL || pxQueueBuffer == NULL)
        return NULL;
    return queue_create(uxQueueLength, uxItemSize, pucQueueStorageBuffer, pxQueueBuffer);
}
#endif

__attribute__((unused)) static SemaphoreHandle_t sem_create(unsigned max, unsigned initial, StaticSemaphore_t *buffer)
{
    fr_init();
    struct os_sem *s = fr_obj_alloc(SEM_POOL, sizeof *s, buffer);
    if (s == NULL)
        return NULL;
    if (os_sem_init(s, initial, max) != OS_OK) {
        fr_obj_free(SEM_POOL, s, buffer);
        return NULL;
    }
    return fr_handle(s, FR_KIND_SEM);
}

__attribute__((unused)) static SemaphoreHandle_t mutex_create(unsigned kind, StaticSemaphore_t *buffer)
{
    fr_init();
    struct os_mutex *m = fr_obj_alloc(MUTEX_POOL, sizeof *m, buffer);
    if (m == NULL)
        return NULL;
#if FR_HAVE_PRIMS
    enum os_status st =
        os_mutex_init_kind(m, kind == FR_KIND_RMUTEX ? OS_MUTEX_RECURSIVE : OS_MUTEX_NORMAL);
#else
    enum os_status st = os_mutex_init(m); /* the core's mutexes are all recursive */
#endif
    if (st != OS_OK) {
        fr_obj_free(MUTEX_POOL, m, buffer);
        return NULL;
    }
    return fr_handle(m, kind);
}

#if configSUPPORT_DYNAMIC_ALLOCATION
SemaphoreHandle_t xSemaphoreCreateBinary(void)
{
    return sem_create(1u, 0u, NULL);
}
SemaphoreHandle_t xSemaphoreCreateCounting(UBaseType_t uxMaxCount, UBaseType_t uxInitialCount)
{
    if (uxMaxCount == 0u || uxInitialCount > uxMaxCount)
        return NULL;
    return sem_create((unsigned)uxMaxCount, (unsigned)uxInitialCount, NULL);
}
#if configUSE_MUTEXES
SemaphoreHandle_t xSemaphoreCreateMutex(void)
{
    return mutex_create(FR_KIND_MUTEX, NULL);
}
#endif
#if configUSE_RECURSIVE_MUTEXES
SemaphoreHandle_t xSemaphoreCreateRecursiveMutex(void)
{
    return mutex_create(FR_KIND_RMUTEX, NULL);
}
#endif
#endif

#if configSUPPORT_STATIC_ALLOCATION
SemaphoreHandle_t xSemaphoreCreateBinaryStatic(StaticSemaphore_t *pxSemaphoreBuffer)
{
    return pxSemaphoreBuffer == NULL ? NULL : sem_create(1u, 0u, pxSemaphoreBuffer);
}
SemaphoreHandle_t xSemaphoreCreateCountingStatic(UBaseType_t uxMaxCount,
                                                 UBaseType_t uxInitialCount,
                                                 StaticSemaphore_t *pxSemaphoreBuffer)
{
    if (pxSemaphoreBuffer == NULL || uxMaxCount == 0u || uxInitialCount > uxMaxCount)
        return NULL;
    return sem_create((unsigned)uxMaxCount, (unsigned)uxInitialCount, pxSemaphoreBuffer);
}
#if configUSE_MUTEXES
SemaphoreHandle_t xSemaphoreCreateMutexStatic(StaticSemaphore_t *pxMutexBuffer)
{
    return pxMutexBuffer == NULL ? NULL : mutex_create(FR_KIND_MUTEX, pxMutexBuffer);
}
#endif
#if configUSE_RECURSIVE_MUTEXES
SemaphoreHandle_t xSemaphoreCreateRecursiveMutexStatic(StaticSemaphore_t *pxMutexBuffer)
{
    return pxMutexBuffer == NULL ? NULL : mutex_create(FR_KIND_RMUTEX, pxMutexBuffer);
}
#endif
#endif

UBaseType_t uxQueueMessagesWaiting(const QueueHandle_t xQueue)
{
    void *o = fr_obj(xQueue);
    switch (fr_kind(xQueue)) {
    case FR_KIND_QUEUE:
        return (UBaseType_t)os_queue_count(o);
    case FR_KIND_SEM:
        return (UBaseType_t)os_sem_count(o);
    default:
        return os_mutex_owner(o) == NULL ? 1u : 0u;
    }
}

/*
 * Delete. Natively the object's memory goes back to the heap (the core
 * object is first made unusable where the core can: os_*_delete). In a
 * partition a task may not make new objects, so a pool object goes back
 * to its pool still live (re-initialised empty), for the next creation.
 */
void vQueueDelete(QueueHandle_t xQueue)
{
    void *o = fr_obj(xQueue);
    if (o == NULL)
        return;
    switch (fr_kind(xQueue)) {
    case FR_KIND_QUEUE: {
        struct os_queue *q = o;
#if FR_PARTITION
        if (!fr_pool_owns(QUEUE_POOL, q))
            return; /* a .kobj static buffer: nothing to give back */
        /* The storage from the heap: the queue is re-aimed at the dummy
         * first, so it never refers to freed memory (tasks cannot read
         * .kobj: the layer keeps the storage it allocated per slot). */
        void *storage = queue_heap_storage[slot_index(q)];
        if (os_queue_init(q, dummy_item, 1u, 1u) != OS_OK)
            return; /* waiters: refused, as FreeRTOS asks */
        vPortFree(storage);
        queue_heap_storage[slot_index(q)] = NULL;
        fr_pool_give(QUEUE_POOL, q);
#else
#if FR_HAVE_PRIMS
        if (os_queue_delete(q) != OS_OK)
            return;
#endif
        /* Heap queues are one block starting at the object; a static
         * queue's buffer is the application's (the heap refuses it). */
        if (fr_heap_owns(q))
            vPortFree(q);
#endif
        break;
    }
    case FR_KIND_SEM: {
        struct os_sem *s = o;
#if FR_PARTITION
        if (fr_pool_owns(SEM_POOL, s) && os_sem_init(s, 0u, 1u) == OS_OK)
            fr_pool_give(SEM_POOL, s);
#else
#if FR_HAVE_PRIMS
        if (os_sem_delete(s) != OS_OK)
            return;
#endif
        if (fr_heap_owns(s))
            vPortFree(s);
#endif
        break;
    }
    default: {
        struct os_mutex *m = o;
#if FR_PARTITION
        if (fr_pool_owns(MUTEX_POOL, m) && os_mutex_init(m) == OS_OK)
            fr_pool_give(MUTEX_POOL, m);
#else
#if FR_HAVE_PRIMS
        if (os_mutex_delete(m) != OS_OK)
            return;
#endif
        if (fr_heap_owns(m))
            vPortFree(m);
#endif
        break;
    }
    }
}

#if FR_PARTITION
void fr_objects_prime(void)
{
    for (unsigned i = 0; i < configFR_MAX_QUEUES; i++)
        if (!fr_pool_primed(QUEUE_POOL, &queue_slots[i]) &&
            (queue_pool.used & (1u << i)) == 0u &&
            os_queue_init(&queue_slots[i], dummy_item, 1u, 1u) == OS_OK)
            queue_pool.primed |= 1u << i;
    for (unsigned i = 0; i < configFR_MAX_SEMAPHORES; i++)
        if (!fr_pool_primed(SEM_POOL, &sem_slots[i]) && (sem_pool.used & (1u << i)) == 0u &&
            os_sem_init(&sem_slots[i], 0u, 1u) == OS_OK)
            sem_pool.primed |= 1u << i;
    for (unsigned i = 0; i < configFR_MAX_MUTEXES; i++)
        if (!fr_pool_primed(MUTEX_POOL, &mutex_slots[i]) && (mutex_pool.used & (1u << i)) == 0u &&
            os_mutex_init(&mutex_slots[i]) == OS_OK)
            mutex_pool.primed |= 1u << i;
}
#endif
