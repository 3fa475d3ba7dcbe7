/*
 * fr_prims.c - creation and deletion of the objects over the core's newer
 * primitives (event groups, queue sets, stream and message buffers,
 * software timers), and the queue-set calls that turn the core's member
 * addresses back into handles. Same rules as fr_objects.c: natively from
 * the heap or the application's buffer, in a partition from .kobj pools
 * (fr_internal.h).
 */
#include "fr_internal.h"

#if FR_HAVE_PRIMS

#include "event_groups.h"
#include "message_buffer.h"
#include "queue.h"
#include "stream_buffer.h"
#if configUSE_TIMERS
#include "timers.h"
#endif

#if FR_PARTITION
#define FR_POOL(name, type)                                                                        \
    static type name##_slots[configFR_MAX_OTHERS] OS_KOBJ;                                         \
    static struct fr_pool name##_pool = {(uint8_t *)name##_slots, sizeof(type),                    \
                                         configFR_MAX_OTHERS, 0u, 0u}
#define POOL(name) (&name##_pool)
FR_POOL(event, struct os_event_group);
FR_POOL(stream, struct os_stream);
/* Each pool stream's storage from the heap, kept here (tasks cannot read .kobj). */
static void *stream_storage[configFR_MAX_OTHERS];
#else
#define POOL(name) ((struct fr_pool *)NULL)
#endif

/* ---- Event groups ---- */

__attribute__((unused)) static EventGroupHandle_t event_create(StaticEventGroup_t *buffer)
{
    fr_init();
    struct os_event_group *g = fr_obj_alloc(POOL(event), sizeof *g, buffer);
    if (g == NULL)
        return NULL;
    if (os_event_group_init(g) != OS_OK) {
        fr_obj_free(POOL(event), g, buffer);
        return NULL;
    }
    return g;
}

#if configSUPPORT_DYNAMIC_ALLOCATION
EventGroupHandle_t xEventGroupCreate(void)
{
    return event_create(NULL);
}
#endif
#if configSUPPORT_STATIC_ALLOCATION
EventGroupHandle_t xEventGroupCreateStatic(StaticEventGroup_t *pxEventGroupBuffer)
{
    return pxEventGroupBuffer == NULL ? NULL : event_create(pxEventGroupBuffer);
}
#endif

/* Waiters are woken (their wait returns the bits then, as a timeout). */
void vEventGroupDelete(EventGroupHandle_t xEventGroup)
{
#if FR_PARTITION
    /* Back to the pool still live; with waiters the core must delete it
     * to wake them, and the slot is then lost to the pool (a task cannot
     * make it again). */
    if (!fr_pool_owns(POOL(event), xEventGroup))
        return;
    if (os_event_group_init(xEventGroup) == OS_OK)
        fr_pool_give(POOL(event), xEventGroup);
    else
        (void)os_event_group_delete(xEventGroup);
#else
    if (os_event_group_delete(xEventGroup) == OS_OK && fr_heap_owns(xEventGroup))
        vPortFree(xEventGroup);
#endif
}

/* ---- Stream and message buffers ---- */

struct fr_heap_stream {
    struct os_stream sb;
    _Alignas(8) uint8_t storage[];
};

__attribute__((unused)) static StreamBufferHandle_t
stream_create(size_t size, size_t trigger, bool message, uint8_t *storage,
              StaticStreamBuffer_t *buffer)
{
    fr_init();
    if (size == 0u || size > ((size_t)-1 >> 1))
        return NULL;
    struct os_stream *sb;
    void *heap = NULL;
#if FR_PARTITION
    sb = fr_obj_alloc(POOL(stream), sizeof *sb, buffer);
    if (sb == NULL)
        return NULL;
    if (storage == NULL)
        storage = heap = pvPortMalloc(size);
#else
    if (buffer != NULL) {
        sb = buffer;
    } else {
        struct fr_heap_stream *hs = pvPortMalloc(sizeof *hs + size);
        heap = hs;
        sb = hs != NULL ? &hs->sb : NULL;
        storage = hs != NULL ? hs->storage : NULL;
    }
#endif
    enum os_status st = OS_ERR_PARAM;
    if (sb != NULL && storage != NULL)
        st = message ? os_stream_init_message(sb, storage, size)
                     : os_stream_init(sb, storage, size, trigger);
    if (st != OS_OK) {
        vPortFree(heap);
#if FR_PARTITION
        fr_obj_free(POOL(stream), sb, buffer);
#endif
        return NULL;
    }
#if FR_PARTITION
    if (fr_pool_owns(POOL(stream), sb))
        stream_storage[sb - stream_slots] = heap;
#endif
    return sb;
}

#if configSUPPORT_DYNAMIC_ALLOCATION
StreamBufferHandle_t xStreamBufferCreate(size_t xBufferSizeBytes, size_t xTriggerLevelBytes)
{
    return stream_create(xBufferSizeBytes, xTriggerLevelBytes, false, NULL, NULL);
}
MessageBufferHandle_t xMessageBufferCreate(size_t xBufferSizeBytes)
{
    return stream_create(xBufferSizeBytes, 1u, true, NULL, NULL);
}
#endif
#if configSUPPORT_STATIC_ALLOCATION
StreamBufferHandle_t xStreamBufferCreateStatic(size_t xBufferSizeBytes, size_t xTriggerLevelBytes,
                                               uint8_t *const pucStreamBufferStorageArea,
                                               StaticStreamBuffer_t *const pxStaticStreamBuffer)
{
    if (pucStreamBufferStorageArea == NULL || pxStaticStreamBuffer == NULL)
        return NULL;
    return stream_create(xBufferSizeBytes, xTriggerLevelBytes, false, pucStreamBufferStorageArea,
                         pxStaticStreamBuffer);
}
MessageBufferHandle_t xMessageBufferCreateStatic(size_t xBufferSizeBytes,
                                                 uint8_t *const pucMessageBufferStorageArea,
                                                 StaticMessageBuffer_t *const pxStaticMessageBuffer)
{
    if (pucMessageBufferStorageArea == NULL || pxStaticMessageBuffer == NULL)
        return NULL;
    return stream_create(xBufferSizeBytes, 1u, true, pucMessageBufferStorageArea,
                         pxStaticMessageBuffer);
}
#endif

void vStreamBufferDelete(StreamBufferHandle_t xStreamBuffer)
{
#if FR_PARTITION
    if (!fr_pool_owns(POOL(stream), xStreamBuffer))
        return;
    /* Re-aimed at a one-byte dummy before its heap storage is freed. */
    static uint8_t dummy;
    if (os_stream_init(xStreamBuffer, &dummy, 1u, 1u) != OS_OK)
        return; /* a task waits on it */
    unsigned i = (unsigned)(xStreamBuffer - stream_slots);
    vPortFree(stream_storage[i]);
    stream_storage[i] = NULL;
    fr_pool_give(POOL(stream), xStreamBuffer);
#else
    if (os_stream_delete(xStreamBuffer) == OS_OK && fr_heap_owns(xStreamBuffer))
        vPortFree(xStreamBuffer);
#endif
}

#if FR_PARTITION
void fr_prims_prime(void)
{
    static uint8_t dummy_bytes[8];
    for (unsigned i = 0; i < configFR_MAX_OTHERS; i++)
        if ((stream_pool.used & (1u << i)) == 0u && (stream_pool.primed & (1u << i)) == 0u &&
            os_stream_init(&stream_slots[i], dummy_bytes, sizeof dummy_bytes, 1u) == OS_OK)
            stream_pool.primed |= 1u << i;
    for (unsigned i = 0; i < configFR_MAX_OTHERS; i++)
        if ((event_pool.used & (1u << i)) == 0u && (event_pool.primed & (1u << i)) == 0u &&
            os_event_group_init(&event_slots[i]) == OS_OK)
            event_pool.primed |= 1u << i;
#if configUSE_QUEUE_SETS
    extern void fr_qset_prime(void);
    fr_qset_prime();
#endif
#if configUSE_TIMERS
    extern void fr_timers_prime(void);
    fr_timers_prime();
#endif
}
#endif

/* ---- Queue sets ---- */

#if configUSE_QUEUE_SETS

#if FR_PARTITION
FR_POOL(qset, struct os_queue_set);
/* Each pool set's storage (heap), kept here: tasks cannot read .kobj. */
static void *qset_storage[configFR_MAX_OTHERS];

void fr_qset_prime(void);
void fr_qset_prime(void)
{
    static void *dummy_entries[2];
    for (unsigned i = 0; i < configFR_MAX_OTHERS; i++)
        if ((qset_pool.used & (1u << i)) == 0u && (qset_pool.primed & (1u << i)) == 0u &&
            os_queue_set_init(&qset_slots[i], dummy_entries, 2u) == OS_OK)
            qset_pool.primed |= 1u << i;
}
#endif

/* Members of every set: the core reports a member by its address, the
 * application wants the handle it added (with its kind bits). */
#ifndef configFR_MAX_SET_MEMBERS
#define configFR_MAX_SET_MEMBERS 32
#endif
static struct {
    QueueSetHandle_t set;           /* NULL: free entry */
    QueueSetMemberHandle_t member;  /* the handle as added */
} members[configFR_MAX_SET_MEMBERS];

struct fr_heap_qset {
    struct os_queue_set set;
    void *storage[];
};

static struct os_queue_set *set_obj(QueueSetHandle_t h)
{
    return (struct os_queue_set *)(void *)h;
}

QueueSetHandle_t xQueueCreateSet(const UBaseType_t uxEventQueueLength)
{
    fr_init();
    size_t len = uxEventQueueLength;
    if (len == 0u || len > 4096u)
        return NULL;
#if FR_PARTITION
    struct os_queue_set *s = fr_pool_take(POOL(qset));
    void **storage = s != NULL ? pvPortMalloc(len * sizeof(void *)) : NULL;
    if (s == NULL || storage == NULL || os_queue_set_init(s, storage, len) != OS_OK) {
        vPortFree(storage);
        if (s != NULL)
            fr_pool_give(POOL(qset), s);
        return NULL;
    }
    qset_storage[s - qset_slots] = storage;
    return (QueueSetHandle_t)(void *)s;
#else
    struct fr_heap_qset *hs = pvPortMalloc(sizeof *hs + len * sizeof(void *));
    if (hs == NULL)
        return NULL;
    if (os_queue_set_init(&hs->set, hs->storage, len) != OS_OK) {
        vPortFree(hs);
        return NULL;
    }
    return (QueueSetHandle_t)(void *)&hs->set;
#endif
}

BaseType_t xQueueAddToSet(QueueSetMemberHandle_t xQueueOrSemaphore, QueueSetHandle_t xQueueSet)
{
    if (fr_kind(xQueueOrSemaphore) >= FR_KIND_MUTEX)
        return pdFAIL; /* mutexes are no members (as in FreeRTOS) */
    BaseType_t r = pdFAIL;
    vTaskSuspendAll();
    for (unsigned i = 0; i < configFR_MAX_SET_MEMBERS; i++) {
        if (members[i].set == NULL) {
            if (os_queue_set_add(set_obj(xQueueSet), fr_obj(xQueueOrSemaphore)) == OS_OK) {
                members[i].set = xQueueSet;
                members[i].member = xQueueOrSemaphore;
                r = pdPASS;
            }
            break;
        }
    }
    (void)xTaskResumeAll();
    return r;
}

BaseType_t xQueueRemoveFromSet(QueueSetMemberHandle_t xQueueOrSemaphore,
                               QueueSetHandle_t xQueueSet)
{
    BaseType_t r = pdFAIL;
    vTaskSuspendAll();
    if (os_queue_set_remove(set_obj(xQueueSet), fr_obj(xQueueOrSemaphore)) == OS_OK) {
        r = pdPASS;
        for (unsigned i = 0; i < configFR_MAX_SET_MEMBERS; i++)
            if (members[i].set == xQueueSet && fr_obj(members[i].member) == fr_obj(xQueueOrSemaphore))
                members[i].set = NULL;
    }
    (void)xTaskResumeAll();
    return r;
}

static QueueSetMemberHandle_t member_handle(QueueSetHandle_t set, void *obj)
{
    if (obj == NULL)
        return NULL;
    for (unsigned i = 0; i < configFR_MAX_SET_MEMBERS; i++)
        if (members[i].set == set && fr_obj(members[i].member) == obj)
            return members[i].member;
    return NULL;
}

QueueSetMemberHandle_t xQueueSelectFromSet(QueueSetHandle_t xQueueSet,
                                           const TickType_t xTicksToWait)
{
    void *obj = NULL;
    if (os_queue_set_select(set_obj(xQueueSet), &obj, xTicksToWait) != OS_OK)
        return NULL;
    return member_handle(xQueueSet, obj);
}

QueueSetMemberHandle_t xQueueSelectFromSetFromISR(QueueSetHandle_t xQueueSet)
{
#if FR_PARTITION
    return xQueueSelectFromSet(xQueueSet, 0);
#else
    return member_handle(xQueueSet, os_queue_set_select_from_isr(set_obj(xQueueSet)));
#endif
}
#endif /* configUSE_QUEUE_SETS */

/* ---- Software timers ---- */

#if configUSE_TIMERS

#if FR_PARTITION
FR_POOL(timer, struct os_timer);
#endif

/* The service task's command queue and TCB: guest-kernel memory in a
 * partition (made by vTaskStartScheduler, before the start). */
static struct os_timer_cmd timer_cmds[configTIMER_QUEUE_LENGTH] OS_KOBJ;
static struct os_task timer_tcb OS_KOBJ;
#define TIMER_STACK_WORDS                                                                          \
    ((configTIMER_TASK_STACK_DEPTH) < PORT_STACK_MIN_WORDS ? PORT_STACK_MIN_WORDS                  \
                                                          : (configTIMER_TASK_STACK_DEPTH))
#if !configSUPPORT_STATIC_ALLOCATION
static StackType_t timer_stack[TIMER_STACK_WORDS];
#endif

#if configUSE_DAEMON_TASK_STARTUP_HOOK
/* The first thing the service task runs (a pended call queued before the
 * start). */
static void daemon_startup(void *a, uint32_t b)
{
    (void)a;
    (void)b;
    vApplicationDaemonTaskStartupHook();
}
#endif

void fr_timers_start(void);
void fr_timers_start(void)
{
    struct os_task *tcb = &timer_tcb;
    StackType_t *stack;
    size_t words;
#if configSUPPORT_STATIC_ALLOCATION
    StaticTask_t *app_tcb = NULL;
    uint32_t app_words = 0;
    stack = NULL;
    vApplicationGetTimerTaskMemory(&app_tcb, &stack, &app_words);
    words = app_words;
    /* Natively the application's TCB; in a partition it is no .kobj
     * memory, so the layer's own stands in for it. */
    if (app_tcb != NULL && (!FR_PARTITION || fr_in_kobj(app_tcb, sizeof *app_tcb)))
        tcb = app_tcb;
#else
    stack = timer_stack;
    words = TIMER_STACK_WORDS;
#endif
    enum os_status st =
        os_timer_service_start(tcb, fr_prio_to_os(configTIMER_TASK_PRIORITY), stack, words,
                               timer_cmds, configTIMER_QUEUE_LENGTH);
    configASSERT(st == OS_OK);
    (void)st;
#if configUSE_DAEMON_TASK_STARTUP_HOOK
    (void)os_timer_pend_call(daemon_startup, NULL, 0u, 0u);
#endif
}

#if !FR_PARTITION
/* Heap timers whose delete command was sent: freed once the service task
 * has applied it (the core then reports period 0 for them). */
static TimerHandle_t deleted_timers[configFR_MAX_OTHERS];

static void timers_reclaim(void)
{
    for (unsigned i = 0; i < configFR_MAX_OTHERS; i++) {
        TimerHandle_t t = deleted_timers[i];
        if (t != NULL && os_timer_get_period(t) == 0u) {
            deleted_timers[i] = NULL;
            vPortFree(t);
        }
    }
}
#endif

__attribute__((unused)) static TimerHandle_t timer_create(const char *name, TickType_t period,
                                                          BaseType_t reload, void *id,
                                                          TimerCallbackFunction_t cb,
                                                          StaticTimer_t *buffer)
{
    fr_init();
#if FR_PARTITION
    /* A slot still active after a delete (its stop not yet applied by the
     * service task) refuses the init: try the next one. */
    for (unsigned tries = 0; tries < configFR_MAX_OTHERS; tries++) {
        struct os_timer *t = fr_obj_alloc(POOL(timer), sizeof *t, buffer);
        if (t == NULL)
            return NULL;
        enum os_status st = os_timer_init(t, name != NULL ? name : "", period, reload != pdFALSE,
                                          id, cb);
        if (st == OS_OK)
            return t;
        if (t == (struct os_timer *)buffer || st != OS_ERR_STATE) {
            fr_obj_free(POOL(timer), t, buffer);
            return NULL;
        }
        /* Keep the busy slot taken while trying the others. */
        struct os_timer *again = timer_create(name, period, reload, id, cb, buffer);
        fr_pool_give(POOL(timer), t);
        return again;
    }
    return NULL;
#else
    timers_reclaim();
    struct os_timer *t = fr_obj_alloc(POOL(timer), sizeof *t, buffer);
    if (t == NULL)
        return NULL;
    if (os_timer_init(t, name != NULL ? name : "", period, reload != pdFALSE, id, cb) != OS_OK) {
        fr_obj_free(POOL(timer), t, buffer);
        return NULL;
    }
    return t;
#endif
}

#if configSUPPORT_DYNAMIC_ALLOCATION
TimerHandle_t xTimerCreate(const char *const pcTimerName, const TickType_t xTimerPeriodInTicks,
                           const BaseType_t xAutoReload, void *const pvTimerID,
                           TimerCallbackFunction_t pxCallbackFunction)
{
    return timer_create(pcTimerName, xTimerPeriodInTicks, xAutoReload, pvTimerID,
                        pxCallbackFunction, NULL);
}
#endif
#if configSUPPORT_STATIC_ALLOCATION
TimerHandle_t xTimerCreateStatic(const char *const pcTimerName,
                                 const TickType_t xTimerPeriodInTicks,
                                 const BaseType_t xAutoReload, void *const pvTimerID,
                                 TimerCallbackFunction_t pxCallbackFunction,
                                 StaticTimer_t *pxTimerBuffer)
{
    if (pxTimerBuffer == NULL)
        return NULL;
    return timer_create(pcTimerName, xTimerPeriodInTicks, xAutoReload, pvTimerID,
                        pxCallbackFunction, pxTimerBuffer);
}
#endif

/*
 * Natively the delete command is sent and the memory is given back once
 * the service task has applied it (it forgets the timer): the next
 * creation or heap query would be too late to know, so the memory of a
 * deleted heap timer is kept on a short list and freed when the core no
 * longer knows the timer. In a partition the timer is stopped and its slot
 * goes back to the pool (a task could not make it again after a delete).
 */
BaseType_t xTimerDelete(TimerHandle_t xTimer, TickType_t xTicksToWait)
{
#if FR_PARTITION
    if (!fr_pool_owns(POOL(timer), xTimer))
        return fr_pass(os_timer_stop(xTimer, xTicksToWait));
    if (os_timer_stop(xTimer, xTicksToWait) != OS_OK)
        return pdFAIL;
    fr_pool_give(POOL(timer), xTimer);
    return pdPASS;
#else
    if (os_timer_delete(xTimer, xTicksToWait) != OS_OK)
        return pdFAIL;
    if (fr_heap_owns(xTimer)) {
        vTaskSuspendAll();
        for (unsigned i = 0; i < configFR_MAX_OTHERS; i++)
            if (deleted_timers[i] == NULL) {
                deleted_timers[i] = xTimer;
                break;
            }
        (void)xTaskResumeAll();
    }
    return pdPASS;
#endif
}

#if FR_PARTITION
/* The callback of the pool's placeholder timers (never started). */
static void timer_placeholder(TimerHandle_t t)
{
    (void)t;
}

void fr_timers_prime(void);
void fr_timers_prime(void)
{
    for (unsigned i = 0; i < configFR_MAX_OTHERS; i++)
        if ((timer_pool.used & (1u << i)) == 0u && (timer_pool.primed & (1u << i)) == 0u &&
            os_timer_init(&timer_slots[i], "free", 1u, false, NULL, timer_placeholder) == OS_OK)
            timer_pool.primed |= 1u << i;
}
#endif

#endif /* configUSE_TIMERS */

#endif /* FR_HAVE_PRIMS */
