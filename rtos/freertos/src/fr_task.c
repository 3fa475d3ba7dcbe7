/*
 * fr_task.c - the FreeRTOS layer's tasks: creation (heap or static),
 * deletion, the scheduler start, the application hooks.
 *
 * Every task the layer creates has a record (configFR_MAX_TASKS of them,
 * application memory): its handle, its name (copied, as FreeRTOS does),
 * the heap stack and TCB to give back at deletion. A task that deletes
 * itself cannot free the stack it runs on: it is marked, and its memory
 * is given back by the next creation, heap query or (natively) the idle
 * task, once the core reports the task deleted. A deleted TCB is kept on
 * its pool for the next task (natively the pool grows from the heap):
 * the core may keep a deleted TCB on its lists, so its memory is never
 * used for anything but a TCB again.
 */
#include <string.h>

#include "fr_internal.h"

#if !FR_PARTITION
#include "bsp.h"
#endif

#if INCLUDE_xTaskGetSchedulerState
UBaseType_t fr_suspend_nesting;
#endif

/* One task created through the layer. */
struct fr_task_rec {
    TaskHandle_t task;                  /* NULL: the record is free */
    StackType_t *heap_stack;            /* stack from the heap, NULL for a static one */
    bool zombie;                        /* deleted itself; memory not yet given back */
    bool own_tcb;                       /* the TCB is the layer's (heap or pool) */
    char name[configMAX_TASK_NAME_LEN]; /* the task's name, NUL-terminated */
};

static struct fr_task_rec recs[configFR_MAX_TASKS];
static volatile unsigned zombies; /* records with zombie set */
static bool inited;

/* Deleted TCBs ready for reuse. In a partition: a pool in .kobj, primed
 * at the start; natively: TCBs from the heap, chained through a list of
 * pointers kept here. */
#if FR_PARTITION
static struct os_task tcb_slots[configFR_MAX_TASKS] OS_KOBJ;
static struct fr_pool tcb_pool = {(uint8_t *)tcb_slots, sizeof(struct os_task), configFR_MAX_TASKS,
                                  0u, 0u};
#else
static struct os_task *tcb_free[configFR_MAX_TASKS];
static unsigned n_tcb_free;
#endif

void fr_init(void)
{
    if (inited)
        return;
    inited = true;
#if !FR_PARTITION
    bsp_init();
#endif
    os_init();
#if configUSE_TIMERS && FR_HAVE_PRIMS
    /* The timer service exists from the start, so that timers can be
     * started before the scheduler (their commands wait in its queue). */
    extern void fr_timers_start(void);
    fr_timers_start();
#endif
}

static struct os_task *tcb_get(void)
{
#if FR_PARTITION
    return fr_pool_take(&tcb_pool);
#else
    struct os_task *t = NULL;
    vTaskSuspendAll();
    if (n_tcb_free > 0u)
        t = tcb_free[--n_tcb_free];
    (void)xTaskResumeAll();
    return t != NULL ? t : pvPortMalloc(sizeof(struct os_task));
#endif
}

/* Give back a TCB the core never made a task of (creation failed) or
 * that the core has deleted. */
static void tcb_put(struct os_task *t)
{
#if FR_PARTITION
    fr_pool_give(&tcb_pool, t);
#else
    vTaskSuspendAll();
    bool kept = n_tcb_free < configFR_MAX_TASKS;
    if (kept)
        tcb_free[n_tcb_free++] = t;
    (void)xTaskResumeAll();
    if (!kept)
        vPortFree(t); /* cannot happen: at most configFR_MAX_TASKS records */
#endif
}

static struct fr_task_rec *rec_find(TaskHandle_t t)
{
    for (unsigned i = 0; i < configFR_MAX_TASKS; i++)
        if (recs[i].task == t)
            return &recs[i];
    return NULL;
}

static void rec_release(struct fr_task_rec *r)
{
    if (r->heap_stack != NULL)
        vPortFree(r->heap_stack);
    if (r->own_tcb)
        tcb_put(r->task);
    vTaskSuspendAll();
    r->task = NULL;
    r->zombie = false;
    r->heap_stack = NULL;
    (void)xTaskResumeAll();
}

void fr_tasks_reclaim(void)
{
    if (zombies == 0u)
        return;
    for (unsigned i = 0; i < configFR_MAX_TASKS; i++) {
        struct fr_task_rec *r = &recs[i];
        /* Deleted: the core no longer knows it as a live task. */
        if (r->task != NULL && r->zombie &&
            os_task_get_priority(r->task) == OS_PRIORITY_INVALID) {
            rec_release(r);
            zombies--;
        }
    }
}

/* Create a task on tcb/stack and record it; the common part of both
 * creation calls. */
static TaskHandle_t create(TaskFunction_t fn, const char *name, StackType_t *stack, size_t words,
                           void *arg, UBaseType_t prio, struct os_task *tcb, bool own_tcb,
                           bool heap_stack)
{
    struct fr_task_rec *r = NULL;
    vTaskSuspendAll();
    r = rec_find(NULL);
    if (r != NULL)
        r->task = tcb; /* claimed */
    (void)xTaskResumeAll();
    if (r == NULL)
        return NULL;
    size_t i = 0;
    if (name != NULL)
        for (; i + 1u < sizeof r->name && name[i] != '\0'; i++)
            r->name[i] = name[i];
    r->name[i] = '\0';
    r->heap_stack = heap_stack ? stack : NULL;
    r->own_tcb = own_tcb;
    r->zombie = false;
    configASSERT(prio < (UBaseType_t)configMAX_PRIORITIES);
    if (prio >= (UBaseType_t)configMAX_PRIORITIES)
        prio = (UBaseType_t)configMAX_PRIORITIES - 1u;
    if (os_task_create(tcb, r->name, fn, arg, fr_prio_to_os(prio), stack, words) != OS_OK) {
        r->heap_stack = NULL;
        r->own_tcb = false;
        vTaskSuspendAll();
        r->task = NULL;
        (void)xTaskResumeAll();
        return NULL;
    }
    return tcb;
}

#if configSUPPORT_DYNAMIC_ALLOCATION
BaseType_t xTaskCreate(TaskFunction_t pxTaskCode, const char *const pcName,
                       const configSTACK_DEPTH_TYPE uxStackDepth, void *const pvParameters,
                       UBaseType_t uxPriority, TaskHandle_t *const pxCreatedTask)
{
    fr_init();
    fr_tasks_reclaim();
    /* The stack in words, as in FreeRTOS; at least the port's minimum. */
    size_t words = uxStackDepth < PORT_STACK_MIN_WORDS ? PORT_STACK_MIN_WORDS : uxStackDepth;
    StackType_t *stack = pvPortMalloc(words * sizeof(StackType_t));
    struct os_task *tcb = stack != NULL ? tcb_get() : NULL;
    TaskHandle_t t = NULL;
    if (tcb != NULL)
        t = create(pxTaskCode, pcName, stack, words, pvParameters, uxPriority, tcb, true, true);
    if (t == NULL) {
        if (tcb != NULL)
            tcb_put(tcb);
        vPortFree(stack);
        return errCOULD_NOT_ALLOCATE_REQUIRED_MEMORY;
    }
    if (pxCreatedTask != NULL)
        *pxCreatedTask = t;
    return pdPASS;
}
#endif

#if configSUPPORT_STATIC_ALLOCATION
TaskHandle_t xTaskCreateStatic(TaskFunction_t pxTaskCode, const char *const pcName,
                               const uint32_t ulStackDepth, void *const pvParameters,
                               UBaseType_t uxPriority, StackType_t *const puxStackBuffer,
                               StaticTask_t *const pxTaskBuffer)
{
    fr_init();
    fr_tasks_reclaim();
    if (puxStackBuffer == NULL || pxTaskBuffer == NULL)
        return NULL;
    /* Natively the TCB is the buffer given. In a partition a buffer outside
     * .kobj cannot be a TCB: a TCB of the pool stands in for it. */
    struct os_task *tcb = pxTaskBuffer;
    bool own = false;
#if FR_PARTITION
    if (!fr_in_kobj(pxTaskBuffer, sizeof *pxTaskBuffer)) {
        tcb = tcb_get();
        own = true;
        if (tcb == NULL)
            return NULL;
    }
#endif
    TaskHandle_t t = create(pxTaskCode, pcName, puxStackBuffer, ulStackDepth, pvParameters,
                            uxPriority, tcb, own, false);
    if (t == NULL && own)
        tcb_put(tcb);
    return t;
}
#endif

#if INCLUDE_vTaskDelete
void vTaskDelete(TaskHandle_t xTaskToDelete)
{
    TaskHandle_t self = os_task_self();
    TaskHandle_t t = xTaskToDelete == NULL ? self : xTaskToDelete;
    struct fr_task_rec *r = rec_find(t);
    if (t == self) {
        if (r != NULL) {
            vTaskSuspendAll();
            r->zombie = true;
            zombies++;
            (void)xTaskResumeAll();
        }
        (void)os_task_delete(NULL); /* returns only when refused (a mutex held) */
        if (r != NULL) {
            vTaskSuspendAll();
            r->zombie = false;
            zombies--;
            (void)xTaskResumeAll();
        }
        return;
    }
    if (os_task_delete(t) == OS_OK && r != NULL)
        rec_release(r);
}
#endif

UBaseType_t uxTaskGetNumberOfTasks(void)
{
    UBaseType_t n = 1; /* the idle task */
    for (unsigned i = 0; i < configFR_MAX_TASKS; i++)
        if (recs[i].task != NULL && !recs[i].zombie)
            n++;
    return n;
}

char *pcTaskGetName(TaskHandle_t xTaskToQuery)
{
    TaskHandle_t t = xTaskToQuery == NULL ? os_task_self() : xTaskToQuery;
    struct fr_task_rec *r = rec_find(t);
    if (r != NULL)
        return r->name;
    if (t == os_idle_task())
        return (char *)"IDLE";
    return NULL;
}

#if INCLUDE_xTaskGetSchedulerState
BaseType_t xTaskGetSchedulerState(void)
{
    if (!os_running())
        return taskSCHEDULER_NOT_STARTED;
    return fr_suspend_nesting != 0u ? taskSCHEDULER_SUSPENDED : taskSCHEDULER_RUNNING;
}
#endif

/* ---- Task snapshots ---- */

#if FR_HAVE_PRIMS && configUSE_TRACE_FACILITY
static eTaskState state_of(unsigned st)
{
    switch (st) {
    case OS_TASK_RUNNING:
        return eRunning;
    case OS_TASK_READY:
        return eReady;
    case OS_TASK_BLOCKED:
        return eBlocked;
    case OS_TASK_SUSPENDED:
        return eSuspended;
    case OS_TASK_DELETED:
        return eDeleted;
    default:
        return eInvalid;
    }
}

/* The core's snapshot, in application memory (tasks pass it through a
 * gate in a partition); used with the scheduler suspended. */
static struct os_task_status snap[configFR_MAX_TASKS + 4];

static void fill(TaskStatus_t *out, const struct os_task_status *in)
{
    struct fr_task_rec *r = rec_find(in->task);
    out->xHandle = in->task;
    out->pcTaskName = r != NULL ? r->name : (in->task == os_idle_task() ? "IDLE" : in->name);
    out->xTaskNumber = in->id;
    out->eCurrentState = state_of(in->state);
    out->uxCurrentPriority = fr_prio_from_os(in->priority);
    out->uxBasePriority = fr_prio_from_os(in->base_priority);
    out->ulRunTimeCounter = (uint32_t)(in->run_time / 1000u); /* microseconds */
    out->pxStackBase = NULL;
    out->usStackHighWaterMark = (configSTACK_DEPTH_TYPE)in->stack_high_water;
}

UBaseType_t uxTaskGetSystemState(TaskStatus_t *const pxTaskStatusArray,
                                 const UBaseType_t uxArraySize, uint32_t *const pulTotalRunTime)
{
    uint64_t total = 0;
    UBaseType_t n = 0;
    vTaskSuspendAll();
    size_t got = os_task_get_system_state(snap, sizeof snap / sizeof snap[0], &total);
    if (got <= uxArraySize)
        for (; n < got; n++)
            fill(&pxTaskStatusArray[n], &snap[n]);
    (void)xTaskResumeAll();
    if (pulTotalRunTime != NULL)
        *pulTotalRunTime = (uint32_t)(total / 1000u);
    return n;
}

void vTaskGetInfo(TaskHandle_t xTask, TaskStatus_t *pxTaskStatus, BaseType_t xGetFreeStackSpace,
                  eTaskState eState)
{
    (void)xGetFreeStackSpace;
    TaskHandle_t t = xTask == NULL ? os_task_self() : xTask;
    vTaskSuspendAll();
    size_t got = os_task_get_system_state(snap, sizeof snap / sizeof snap[0], NULL);
    for (size_t i = 0; i < got; i++)
        if (snap[i].task == t) {
            fill(pxTaskStatus, &snap[i]);
            if (eState != eInvalid)
                pxTaskStatus->eCurrentState = eState;
        }
    (void)xTaskResumeAll();
}
#endif

#if INCLUDE_xTaskGetHandle
TaskHandle_t xTaskGetHandle(const char *pcNameToQuery)
{
    for (unsigned i = 0; i < configFR_MAX_TASKS; i++) {
        if (recs[i].task == NULL || recs[i].zombie)
            continue;
        unsigned k = 0;
        while (k < sizeof recs[i].name && recs[i].name[k] == pcNameToQuery[k] &&
               pcNameToQuery[k] != '\0')
            k++;
        if (k < sizeof recs[i].name && recs[i].name[k] == pcNameToQuery[k])
            return recs[i].task;
    }
    return NULL;
}
#endif

/* ---- Hooks ---- */

#if FR_PARTITION
/*
 * In a partition the guest kernel never runs application code (its idle
 * task, stack check and tick are guest-kernel code), so the hooks run in
 * tasks of the layer: the idle hook in a task at tskIDLE_PRIORITY that
 * calls it and yields, the tick hook in a task at the highest priority
 * woken every tick.
 */
#if configUSE_IDLE_HOOK
static StackType_t idle_hook_stack[configMINIMAL_STACK_SIZE];
static void idle_hook_task(void *arg)
{
    (void)arg;
    for (;;) {
        vApplicationIdleHook();
        os_task_yield();
    }
}
#endif
#if configUSE_TICK_HOOK
static StackType_t tick_hook_stack[configMINIMAL_STACK_SIZE];
static void tick_hook_task(void *arg)
{
    (void)arg;
    for (;;) {
        (void)os_delay(1);
        vApplicationTickHook();
    }
}
#endif

/* The entry of the pool's placeholder tasks (never run: deleted at once). */
static void placeholder(void *arg)
{
    (void)arg;
}

void fr_tasks_prime(void)
{
    static StackType_t dummy_stack[PORT_STACK_MIN_WORDS];
    for (unsigned i = 0; i < tcb_pool.n; i++) {
        struct os_task *t = &tcb_slots[i];
        if ((tcb_pool.used & (1u << i)) != 0u || (tcb_pool.primed & (1u << i)) != 0u)
            continue;
        if (os_task_create(t, "free", placeholder, NULL, 1u, dummy_stack,
                           PORT_STACK_MIN_WORDS) == OS_OK &&
            os_task_delete(t) == OS_OK)
            tcb_pool.primed |= 1u << i;
    }
}

static void start_hooks(void)
{
#if configUSE_IDLE_HOOK
    {
        struct os_task *t = tcb_get();
        configASSERT(t != NULL);
        (void)create(idle_hook_task, "IDLEHOOK", idle_hook_stack, configMINIMAL_STACK_SIZE, NULL,
                     tskIDLE_PRIORITY, t, true, false);
    }
#endif
#if configUSE_TICK_HOOK
    {
        struct os_task *t = tcb_get();
        configASSERT(t != NULL);
        (void)create(tick_hook_task, "TICKHOOK", tick_hook_stack, configMINIMAL_STACK_SIZE, NULL,
                     (UBaseType_t)configMAX_PRIORITIES - 1u, t, true, false);
    }
#endif
}

#else /* native */

void fr_tasks_prime(void)
{
}

/* The core's idle task calls this on each loop. */
void os_hook_idle(void)
{
    fr_tasks_reclaim();
#if configUSE_IDLE_HOOK
    vApplicationIdleHook();
#endif
}

#if configCHECK_FOR_STACK_OVERFLOW > 0
/* The core's stack check (every switch away from a task) found t's guard
 * words overwritten or its sp outside its stack. */
void os_hook_stack_overflow(struct os_task *t)
{
    char *name = pcTaskGetName(t);
    vApplicationStackOverflowHook(t, name != NULL ? name : (char *)"?");
    port_panic("stack overflow (vApplicationStackOverflowHook returned)");
}
#endif

#if configUSE_TICK_HOOK
/* The tick: the core's announcement, then the hook once per tick. */
static bool tick_with_hook(uint32_t n)
{
    bool sw = os_tick_announce(n);
    for (uint32_t i = 0; i < n; i++)
        vApplicationTickHook();
    return sw;
}

/* The first task to run: moves the board's tick to tick_with_hook (the
 * port started it on os_tick_announce), then ends. */
static struct os_task tick_init_tcb;
static StackType_t tick_init_stack[PORT_STACK_MIN_WORDS];
static void tick_init_task(void *arg)
{
    (void)arg;
    os_critical_enter();
    bsp_tick_start(configTICK_RATE_HZ, tick_with_hook);
    os_critical_exit();
}
#endif

static void start_hooks(void)
{
#if configUSE_TICK_HOOK
    (void)os_task_create(&tick_init_tcb, "tickhook", tick_init_task, NULL,
                         OS_CONFIG_MAX_PRIORITIES - 1u, tick_init_stack, PORT_STACK_MIN_WORDS);
#endif
}
#endif

void vTaskStartScheduler(void)
{
    fr_init();
#if configSUPPORT_STATIC_ALLOCATION
    {
        /* Asked for as FreeRTOS does; the core's idle task has its own TCB
         * and stack, so these buffers stay unused. */
        StaticTask_t *tcb = NULL;
        StackType_t *stack = NULL;
        uint32_t words = 0;
        vApplicationGetIdleTaskMemory(&tcb, &stack, &words);
    }
#endif
    start_hooks();
#if FR_PARTITION
    fr_tasks_prime();
    fr_objects_prime();
#if FR_HAVE_PRIMS
    fr_prims_prime();
#endif
#endif
    os_start();
}
