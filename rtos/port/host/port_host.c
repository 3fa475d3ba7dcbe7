/*
 * port_host.c - the host port: the unmodified tick core on POSIX ucontext.
 *
 * One host thread. Each task is a ucontext coroutine on its own stack; a
 * switch is a real swapcontext() from the outgoing task to the incoming
 * one. The test's main context stands for the hardware: it starts the first
 * task, regains control whenever the idle task calls port_idle(), raises
 * simulated interrupts and resumes the system (see host_harness.h).
 *
 * Invariants:
 *  - task_running is true exactly while a task (not the main context)
 *    executes; the running task is os_current.
 *  - Every suspended task's context is saved in the host_frame at the top
 *    of its stack (struct os_task.sp points at it).
 *  - Switches from task level happen only outside critical sections
 *    (a port_yield() inside one is deferred to the outermost exit).
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#include "host_harness.h"
#include "os.h"

/* Under AddressSanitizer every stack switch is announced, so that it knows
 * which stack is live (otherwise it warns and may report false positives). */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#define HOST_ASAN 1
#else
#define HOST_ASAN 0
#endif

/* What lives at the top of each task stack; os_task.sp points here. */
struct host_frame {
    ucontext_t uc;          /* the task's saved context */
    void (*entry)(void *);  /* the task's entry function */
    void *arg;              /* its argument */
};

#define HOST_RT_LOG 32u

static ucontext_t main_ctx;          /* the main (hardware) context while a task runs */
static bool task_running;            /* a task is executing (see invariants) */
static bool isr_active;              /* inside host_isr(): port_in_isr() */
static bool isr_switch;              /* port_yield_from_isr() was called in this ISR */
static unsigned crit_nesting;        /* depth of port_critical_enter() */
static unsigned irq_masked;          /* port_irq_save() state: nonzero = masked */
static bool yield_deferred;          /* port_yield() inside a critical section */
static uint64_t time_ns;             /* the clock returned by port_time_ns() */
static uint64_t tick_ns;             /* nominal time of the last tick announced */
static unsigned idle_count;          /* port_idle() entries */
static uint32_t idle_next_wake;      /* last port_idle() argument */
static uint64_t rt_log[HOST_RT_LOG]; /* port_realtime_wake_at() arguments (ring) */
static bool rt_masked[HOST_RT_LOG]; /* ... and whether a critical section was open */
static size_t rt_count;              /* calls recorded since host_reset() */
static bool panicked;                /* port_panic() was called */
static char panic_msg[256];          /* its message */
static jmp_buf *panic_jmp;           /* set by host_call_catching_panic() */
static bool tick_result;             /* os_tick_announce() result in host_tick_isr() */
#if HOST_ASAN
static const void *main_bottom;      /* the main context's stack, learnt at the first switch */
static size_t main_size;             /* its size in bytes */
#endif
static bool leaving_main;            /* the switch under way starts in the main context */

#ifdef HOST_KOBJ_MAP
/* The type map of the host_kobj section (os_port_defs.h); the core owns it. */
unsigned char host_kobj_map[HOST_KOBJ_MAP_ENTRIES];
#endif

static struct host_frame *frame_of(struct os_task *t)
{
    return (struct host_frame *)(void *)t->sp;
}

/* Tell the sanitizer that this context starts running (after a switch). */
static void switch_done(void *fake)
{
#if HOST_ASAN
    const void *from_bottom;
    size_t from_size;
    __sanitizer_finish_switch_fiber(fake, &from_bottom, &from_size);
    if (leaving_main) {
        main_bottom = from_bottom;
        main_size = from_size;
    }
#else
    (void)fake;
#endif
    leaving_main = false;
}

/*
 * Save the running context in `from` and run `to`, whose stack is the task
 * stack of `to_task` (NULL: the main context). Returns when `from` is
 * resumed.
 */
static void host_swap(ucontext_t *from, ucontext_t *to, const struct os_task *to_task)
{
    void *fake = NULL;
#if HOST_ASAN
    if (to_task != NULL)
        __sanitizer_start_switch_fiber(&fake, to_task->stack_base, to_task->stack_words * sizeof(port_stack_t));
    else
        __sanitizer_start_switch_fiber(&fake, main_bottom, main_size);
#else
    (void)to_task;
#endif
    swapcontext(from, to);
    switch_done(fake);
}

static void task_trampoline(void)
{
    switch_done(NULL);
    struct host_frame *f = frame_of(os_current);
    f->entry(f->arg);
    os_task_exit();
}

port_stack_t *port_stack_init(struct os_task *t, port_stack_t *stack, size_t words,
                              void (*entry)(void *), void *arg)
{
    (void)t; /* the host frame lives on the task's stack */
    uintptr_t top = (uintptr_t)(stack + words);
    uintptr_t at = (top - sizeof(struct host_frame)) & ~(uintptr_t)(PORT_STACK_ALIGN - 1);
    struct host_frame *f = (struct host_frame *)at;
#if HOST_ASAN
    /* An abandoned context (deleted task, previous test) may have left
     * its frames' redzones poisoned on this stack. */
    __asan_unpoison_memory_region(stack, words * sizeof(port_stack_t));
#endif
    memset(f, 0, sizeof *f);
    if (getcontext(&f->uc) != 0)
        port_panic("getcontext failed");
    f->uc.uc_stack.ss_sp = stack;
    f->uc.uc_stack.ss_size = at - (uintptr_t)stack;
    f->uc.uc_link = NULL;
    f->entry = entry;
    f->arg = arg;
    makecontext(&f->uc, task_trampoline, 0);
    return (port_stack_t *)f;
}

/* Select the next task with "interrupts" masked, as a port must. */
static void select_next(void)
{
    irq_masked++;
    os_task_switch();
    irq_masked--;
}

/* Switch from the running task to whatever the core selects. */
static void task_switch(void)
{
    struct os_task *prev = os_current;
    select_next();
    struct os_task *next = os_current;
    if (next != prev)
        host_swap(&frame_of(prev)->uc, &frame_of(next)->uc, next);
}

/* Main context: run os_current until the system idles or panics. */
static void resume(void)
{
    if (panicked || os_current == NULL)
        return;
    task_running = true;
    leaving_main = true;
    host_swap(&main_ctx, &frame_of(os_current)->uc, os_current);
    task_running = false;
}

void port_start_first_task(void)
{
    tick_ns = time_ns; /* the tick grid starts with the first task */
    irq_masked = 0;
    crit_nesting = 0;
    resume();
}

void port_yield(void)
{
    if (isr_active)
        isr_switch = true;
    else if (crit_nesting > 0u)
        yield_deferred = true;
    else if (task_running)
        task_switch();
    else
        select_next(); /* main context: the choice runs at the next resume */
}

void port_yield_from_isr(void)
{
    isr_switch = true;
}

bool port_in_isr(void)
{
    return isr_active;
}

void port_critical_enter(void)
{
    crit_nesting++;
}

void port_critical_exit(void)
{
    if (crit_nesting == 0u)
        port_panic("port_critical_exit without enter");
    if (--crit_nesting == 0u && yield_deferred) {
        yield_deferred = false;
        port_yield();
    }
}

unsigned port_irq_save(void)
{
    unsigned s = irq_masked;
    irq_masked = 1;
    return s;
}

void port_irq_restore(unsigned state)
{
    irq_masked = state;
}

void port_idle(uint32_t next_wake)
{
    idle_count++;
    idle_next_wake = next_wake;
    /* Hand the CPU back to the harness; the idle task resumes here. */
    host_swap(&frame_of(os_current)->uc, &main_ctx, NULL);
}

uint64_t port_time_ns(void)
{
    return time_ns;
}

uint64_t port_tick_time_ns(void)
{
    return tick_ns;
}

void port_realtime_wake_at(uint64_t wake_time_ns)
{
    rt_log[rt_count % HOST_RT_LOG] = wake_time_ns;
    rt_masked[rt_count % HOST_RT_LOG] = crit_nesting > 0u;
    rt_count++;
}

void port_panic(const char *why)
{
    snprintf(panic_msg, sizeof panic_msg, "%s", why);
    panicked = true;
    isr_active = false;
    crit_nesting = 0;
    irq_masked = 0;
    if (task_running) {
        /* Abandon the task: back to the harness, out of resume(). */
#if HOST_ASAN
        __sanitizer_start_switch_fiber(NULL, main_bottom, main_size);
#endif
        setcontext(&main_ctx);
    } else if (panic_jmp != NULL) {
        longjmp(*panic_jmp, 1);
    }
    fprintf(stderr, "port_panic (uncaught): %s\n", why);
    abort();
}

/* ------------------------------------------------------------------ */
/* Harness                                                             */
/* ------------------------------------------------------------------ */

void host_reset(void)
{
    task_running = false;
    isr_active = false;
    isr_switch = false;
    crit_nesting = 0;
    irq_masked = 0;
    yield_deferred = false;
    time_ns = 0;
    tick_ns = 0;
    idle_count = 0;
    idle_next_wake = 0;
    rt_count = 0;
    panicked = false;
    panic_msg[0] = '\0';
    panic_jmp = NULL;
#ifdef HOST_KOBJ_MAP
    if (PORT_KOBJ_ENTRIES > HOST_KOBJ_MAP_ENTRIES) {
        fprintf(stderr, "host port: the host_kobj section (%zu bytes) is larger than its map\n",
                (size_t)(__stop_host_kobj - __start_host_kobj));
        abort();
    }
#endif
}

void host_run_until_idle(void)
{
    if (task_running)
        port_panic("host_run_until_idle called from a task");
    resume();
}

void host_isr(void (*fn)(void *), void *arg)
{
    if (isr_active || crit_nesting > 0u || irq_masked != 0u)
        port_panic("host_isr: interrupt raised while interrupts are masked");
    isr_active = true;
    isr_switch = false;
    fn(arg);
    isr_active = false;
    if (isr_switch && os_running()) {
        isr_switch = false;
        /* As at a real interrupt exit: preempt the interrupted task now;
         * from the main context the chosen task runs at the next resume. */
        if (task_running)
            task_switch();
        else
            select_next();
    }
    isr_switch = false;
}

static void tick_isr(void *arg)
{
#ifdef HOST_TICK_MASKED
    unsigned s = port_irq_save();
    tick_result = os_tick_announce(*(const uint32_t *)arg);
    port_irq_restore(s);
#else
    tick_result = os_tick_announce(*(const uint32_t *)arg);
#endif
}

bool host_tick_isr(uint32_t n)
{
    /* Ticks are due on the grid whatever the clock says: host_set_time_ns()
     * may have moved it to model a late tick. */
    time_ns += (uint64_t)n * OS_TICK_NS;
    tick_ns += (uint64_t)n * OS_TICK_NS;
    tick_result = false;
    host_isr(tick_isr, &n);
    return tick_result;
}

void host_tick(uint32_t n)
{
    (void)host_tick_isr(n);
    host_run_until_idle();
}

void host_set_time_ns(uint64_t ns)
{
    time_ns = ns;
}

uint64_t host_time_ns(void)
{
    return time_ns;
}

unsigned host_idle_count(void)
{
    return idle_count;
}

uint32_t host_idle_next_wake(void)
{
    return idle_next_wake;
}

size_t host_realtime_count(void)
{
    return rt_count;
}

uint64_t host_realtime_at(size_t i)
{
    return rt_log[i % HOST_RT_LOG];
}

bool host_realtime_masked(size_t i)
{
    return rt_masked[i % HOST_RT_LOG];
}

bool host_panicked(void)
{
    return panicked;
}

const char *host_panic_message(void)
{
    return panic_msg;
}

bool host_call_catching_panic(void (*fn)(void *), void *arg)
{
    jmp_buf jb;
    jmp_buf *saved = panic_jmp;
    panic_jmp = &jb;
    if (setjmp(jb) != 0) {
        panic_jmp = saved;
        return true;
    }
    fn(arg);
    panic_jmp = saved;
    return false;
}

bool host_in_critical(void)
{
    return crit_nesting > 0u;
}
