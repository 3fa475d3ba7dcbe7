/*
 * vpriv.c - test application of tests/target/pk-vpriv: the tasks of a
 * partition attack their own guest kernel and must not get its rights.
 *
 * Checks, in order (the controller task "ctl" drives them):
 *   1. The gate round trip: a loop of os_tick_count() calls timed with the
 *      kernel clock, and a loop of uncontended os_sem_give() + os_sem_take()
 *      pairs, the path every object check lies on (printed; under icount
 *      shift=2, 4 ns per instruction).
 *   2. A TCB in user memory (no OS_KOBJ) and a stack inside the guest-kernel
 *      range are refused by os_task_create (OS_ERR_PARAM).
 *   3. "victim" (higher priority) is blocked inside os_sem_take. ctl
 *      replaces every word of the victim's stack that points into the guest
 *      kernel by the address of pwned(), then gives the semaphore: the
 *      victim must resume in its own code and go round its loop.
 *   4. The same, with the whole stack area overwritten by that address; the
 *      core's stack check must notice (the guard words are gone).
 *   5. A task created from a task (os_task_create: seven arguments, three
 *      on the stack, reusing the TCB of a task that ran and ended: a task
 *      may not make new objects) has its stack overwritten before its first
 *      run; it must still start at its entry with its argument.
 *   6. Object pointers the guest kernel must refuse (OS_ERR_PARAM, or the
 *      documented neutral result), each followed by a check that the guest
 *      kernel still works: (a) a semaphore passed as a queue (and a queue
 *      as a semaphore); (b) pointers into the middle of the caller's own
 *      TCB (saved frame, guest-kernel stack), also to initialise an object
 *      there, and a never-used TCB in .kobj to create a task in; (c)
 *      guest-kernel addresses outside .kobj: the vCPU page and the upcall
 *      stack, as objects and as data buffers; (d) queue storage overlapping
 *      guest-kernel memory (upcall stack, a TCB in .kobj, straddling the
 *      end of the range into the user range); (e) forgeries made with the
 *      right key (main() hands it over, as if the task had learnt it: it is
 *      deterministic under icount): a queue whose storage is aimed at the
 *      victim's saved pc, planted byte for byte through os_queue_send() in
 *      queue storage that lies in .kobj, and a semaphore read from the
 *      middle of a real one whose max the task set to the live tag. Both
 *      must be refused; accepted, the planted queue would write &pwned into
 *      the victim's saved context and the next give would run it in
 *      guest-kernel mode.
 * pwned() lies in the guest-kernel range; reaching it in guest-kernel mode
 * is the failure this test exists for (in task mode it cannot even be
 * fetched: it is no gate, so that is a fault, and the partition's
 * on_fault = "stop" ends the run without a PASS line).
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"
/* The core's tag constants (OS_TAG_*): an attacker knows the source. */
#include "../../rtos/src/os_internal.h"

#define VICTIM_WORDS 512u
#define GATE_CALLS 20000u
#define FRESH_ARG 0x1234ABCDu

/* Guest-kernel range (linker/partition.ld) and guest-kernel data outside
 * .kobj (rtos/port/pv/port.c): the vCPU page and the upcall stack. */
extern char pv_gk_start[];
extern char pv_gk_end[];
extern char pv_vcpu[];
extern uint32_t pv_upcall_stack[];

static OS_KOBJ struct os_task ctl_task, victim_task, fresh_task, probe_task;
static OS_KOBJ struct os_sem wake;
static OS_KOBJ struct os_sem bench_sem; /* the give + take timing */
static OS_KOBJ struct os_queue mailbox;
static uint32_t mailbox_storage[4]; /* user memory: tasks may pass it */
/* A queue whose storage main() put in .kobj (trusted code may): what tasks
 * send lands in the object region, byte for byte. */
static OS_KOBJ struct os_queue drop;
static OS_KOBJ _Alignas(8) uint8_t drop_storage[2][sizeof(struct os_queue)];
/* A semaphore a task re-initialises with a max of its choosing. */
static OS_KOBJ struct os_sem steer;
/* The object key, copied by main() (user memory: tasks read it). */
static uint32_t known_key;
/* Deliberately in user memory: os_task_create must refuse it. */
static struct os_task user_tcb;
/* Deliberately in guest-kernel memory: refused as a task stack. */
static OS_KOBJ _Alignas(8) port_stack_t gk_stack[256];

static _Alignas(8) port_stack_t ctl_stack[1024];
static _Alignas(8) port_stack_t victim_stack[VICTIM_WORDS];
static _Alignas(8) port_stack_t fresh_stack[VICTIM_WORDS];
static _Alignas(8) port_stack_t probe_stack[256];

static volatile uint32_t victim_rounds; /* victim's loop iterations */
static volatile uint32_t fresh_arg;     /* what fresh_entry received */
static volatile uint32_t fresh_done;    /* fresh_entry ran to its end */
static volatile uint32_t overflows;     /* stack-check reports */
static unsigned failures;

/*
 * Code placed in the guest-kernel range (".kobj" is collected there). It is
 * not a gate: a task jumping here takes a prefetch abort. Only guest-kernel
 * mode can execute it, so running at all means a task got guest-kernel
 * control.
 */
__attribute__((section(".kobj.pwned"), noinline, used)) void vpriv_pwned(void)
{
    static const char msg[] =
        "RESULT pk-vpriv FAIL guest-kernel code ran from a forged frame\n";
    (void)pv_console_write(msg, sizeof msg - 1u);
    pv_test_exit(1);
    for (;;) {
    }
}

/* The core's stack check calls this (in guest-kernel mode, at a task
 * switch) instead of stopping the partition, so the test can go on and
 * count the detections. */
void os_hook_stack_overflow(struct os_task *t)
{
    (void)t;
    overflows++;
}

static void check(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok" : "FAILED", what);
    if (!ok)
        failures++;
}

static void victim(void *arg)
{
    (void)arg;
    for (;;) {
        (void)os_sem_take(&wake, OS_WAIT_FOREVER);
        victim_rounds++;
    }
}

static void fresh_entry(void *arg)
{
    fresh_arg = (uint32_t)(uintptr_t)arg;
    fresh_done = 1u;
    /* Returns to os_task_exit, through the gate. */
}

static void probe_entry(void *arg)
{
    (void)arg;
}

/* Replace every word of stack that points into the guest kernel (when
 * all is false), or every word (all true), by &vpriv_pwned. */
static uint32_t forge(port_stack_t *stack, size_t words, int all)
{
    uint32_t lo = (uint32_t)(uintptr_t)pv_gk_start;
    uint32_t size = (uint32_t)(pv_gk_end - pv_gk_start);
    uint32_t n = 0;
    for (size_t i = 0; i < words; i++) {
        volatile port_stack_t *w = &stack[i];
        if (all || *w - lo < size) {
            *w = (port_stack_t)(uintptr_t)vpriv_pwned;
            n++;
        }
    }
    return n;
}

/* A plain function call of the same shape as os_tick_count(), without the
 * gate: the reference the gate round trip is measured against. */
static volatile uint32_t plain_value;
__attribute__((noinline)) static uint32_t plain_call(void)
{
    return plain_value;
}

static void measure_gate(void)
{
    uint32_t sink = 0;
    uint64_t t0 = pv_time_ns();
    for (uint32_t i = 0; i < GATE_CALLS; i++)
        sink += os_tick_count();
    uint64_t t1 = pv_time_ns();
    /* The same loop without the call, to subtract the loop itself. */
    uint64_t t2 = pv_time_ns();
    for (uint32_t i = 0; i < GATE_CALLS; i++)
        sink += plain_call();
    uint64_t t3 = pv_time_ns();
    uint64_t gate = (t1 - t0) / GATE_CALLS, plain = (t3 - t2) / GATE_CALLS;
    printf("gate round trip: %lu ns per os_tick_count(), %lu ns per plain "
           "call: %lu instructions (%u calls, %lu)\n",
           (unsigned long)gate, (unsigned long)plain,
           (unsigned long)((gate - plain) / 4u), (unsigned)GATE_CALLS,
           (unsigned long)(sink & 1u));
    /* Two gates and two object checks per pair; nobody waits, so no task
     * switch. A pair that fails would make the figure meaningless. */
    unsigned bad = 0;
    uint64_t t4 = pv_time_ns();
    for (uint32_t i = 0; i < GATE_CALLS; i++) {
        bad += os_sem_give(&bench_sem) != OS_OK;
        bad += os_sem_take(&bench_sem, OS_NO_WAIT) != OS_OK;
    }
    uint64_t t5 = pv_time_ns();
    uint64_t pair = (t5 - t4) / GATE_CALLS;
    printf("sem give + take from a task: %lu ns per pair: %lu instructions "
           "(%u pairs, %u failed)\n",
           (unsigned long)pair, (unsigned long)(pair / 4u),
           (unsigned)GATE_CALLS, bad);
    check(bad == 0u, "timed give + take pairs all succeeded");
}

/* The guest kernel still works: the victim takes one give, and the
 * mailbox carries one item. */
static void still_works(const char *after)
{
    static char what[96];
    uint32_t before = victim_rounds;
    (void)os_sem_give(&wake);
    uint32_t in = 0xC0FFEEu ^ before, out = 0;
    int ok = victim_rounds == before + 1u &&
             os_queue_send(&mailbox, &in, OS_NO_WAIT) == OS_OK &&
             os_queue_receive(&mailbox, &out, OS_NO_WAIT) == OS_OK &&
             out == in && os_queue_count(&mailbox) == 0u;
    (void)snprintf(what, sizeof what, "guest kernel still works after %s",
                   after);
    check(ok, what);
}

/* Step 6: bad object pointers and buffers. */
static void object_attacks(void)
{
    uint32_t item = 0x55AA55AAu;
    /* (a) A semaphore passed as a queue, a queue as a semaphore. */
    struct os_queue *sem_as_queue = (struct os_queue *)(void *)&wake;
    check(os_queue_send(sem_as_queue, &item, OS_NO_WAIT) == OS_ERR_PARAM &&
              os_queue_receive(sem_as_queue, &item, OS_NO_WAIT) ==
                  OS_ERR_PARAM &&
              os_queue_count(sem_as_queue) == 0u,
          "(a) semaphore passed as a queue refused");
    check(os_sem_give((struct os_sem *)(void *)&mailbox) == OS_ERR_PARAM &&
              os_mutex_unlock((struct os_mutex *)(void *)&wake) ==
                  OS_ERR_PARAM,
          "(a) queue as a semaphore, semaphore as a mutex refused");
    check(os_sem_count(&wake) == 0u, "(a) the semaphore is unchanged");
    still_works("(a)");

    /* (b) The middle of the caller's own TCB: its saved frame and its
     * guest-kernel stack, as objects of every type, and to make one. */
    void *frame = &ctl_task.pv.frame[4];
    void *gks = &ctl_task.pv.gk_stack[8];
    check(os_sem_give(frame) == OS_ERR_PARAM &&
              os_sem_take(gks, OS_NO_WAIT) == OS_ERR_PARAM &&
              os_queue_send(frame, &item, OS_NO_WAIT) == OS_ERR_PARAM &&
              os_mutex_lock(gks, OS_NO_WAIT) == OS_ERR_PARAM &&
              os_task_resume(frame) == OS_ERR_PARAM &&
              os_task_suspend((struct os_task *)(void *)&ctl_task.state_node) ==
                  OS_ERR_PARAM &&
              os_task_set_priority(gks, 3) == OS_ERR_PARAM &&
              os_task_get_priority(frame) == OS_PRIORITY_INVALID,
          "(b) pointers into the caller's own TCB refused");
    check(os_sem_init(gks, 1u, 1u) == OS_ERR_PARAM &&
              os_mutex_init(frame) == OS_ERR_PARAM &&
              os_queue_init(gks, mailbox_storage, 4u, 4u) == OS_ERR_PARAM,
          "(b) objects made inside the caller's own TCB refused");
    check(os_task_create(&probe_task, "new", probe_entry, NULL, 1,
                         probe_stack, 256u) == OS_ERR_PARAM,
          "(b) a task making a new task in unused .kobj memory refused");
    check(os_task_create(&victim_task, "again", probe_entry, NULL, 1,
                         probe_stack, 256u) == OS_ERR_STATE,
          "(b) a live task's TCB cannot be created again");
    still_works("(b)");

    /* (c) Guest-kernel data outside .kobj: the vCPU page and the upcall
     * stack, as objects and as data buffers the guest kernel would write. */
    void *vcpu = pv_vcpu;
    void *ustack = &pv_upcall_stack[16];
    check(os_sem_give(vcpu) == OS_ERR_PARAM &&
              os_sem_init(ustack, 0u, 1u) == OS_ERR_PARAM &&
              os_mutex_init(vcpu) == OS_ERR_PARAM &&
              os_queue_send(ustack, &item, OS_NO_WAIT) == OS_ERR_PARAM &&
              os_task_resume(vcpu) == OS_ERR_PARAM &&
              os_task_set_realtime(ustack, true) == OS_ERR_PARAM,
          "(c) guest-kernel data outside .kobj refused as an object");
    (void)os_queue_send(&mailbox, &item, OS_NO_WAIT);
    check(os_queue_receive(&mailbox, ustack, OS_NO_WAIT) == OS_ERR_PARAM &&
              os_queue_peek(&mailbox, vcpu, OS_NO_WAIT) == OS_ERR_PARAM &&
              os_queue_send(&mailbox, &victim_task, OS_NO_WAIT) ==
                  OS_ERR_PARAM &&
              os_delay_until((os_tick_t *)ustack, 1u) == OS_ERR_PARAM &&
              os_queue_count(&mailbox) == 1u,
          "(c) guest-kernel memory refused as a data buffer");
    uint32_t back = 0;
    check(os_queue_receive(&mailbox, &back, OS_NO_WAIT) == OS_OK &&
              back == item,
          "(c) the item is still there");
    still_works("(c)");

    /* (d) Queue storage overlapping guest-kernel memory. */
    check(os_queue_init(&mailbox, ustack, 4u, 4u) == OS_ERR_PARAM &&
              os_queue_init(&mailbox, &victim_task, 4u, 4u) == OS_ERR_PARAM &&
              os_queue_init(&mailbox,
                            (void *)((uintptr_t)pv_gk_end - 8u), 4u, 4u) ==
                  OS_ERR_PARAM &&
              os_queue_init(&mailbox, mailbox_storage, 0x40000000u, 8u) ==
                  OS_ERR_PARAM,
          "(d) queue storage overlapping the guest kernel refused");
    check(os_queue_init(&mailbox, mailbox_storage, 4u, 4u) == OS_OK,
          "(d) queue storage in user memory accepted");
    still_works("(d)");

    /* (e) Forgeries with the right key and tag. The planted queue's storage
     * is the victim's saved pc (frame[15]: the frame holds r0-r15 first);
     * the victim is blocked inside os_sem_take, so its context resumes in
     * guest-kernel mode. */
    struct os_queue forged = {0};
    forged.tag = OS_TAG_QUEUE ^ known_key;
    forged.storage = (uint8_t *)&victim_task.pv.frame[15];
    forged.item_size = sizeof(uint32_t);
    forged.capacity = 1u; /* count 0, no waiters: nothing to follow */
    check(os_queue_send(&drop, &forged, OS_NO_WAIT) == OS_OK,
          "(e) forged queue planted in .kobj queue storage");
    struct os_queue *planted = (struct os_queue *)(void *)drop_storage[0];
    uint32_t evil = (uint32_t)(uintptr_t)vpriv_pwned;
    check(os_queue_send(planted, &evil, OS_NO_WAIT) == OS_ERR_PARAM &&
              os_queue_receive(planted, &back, OS_NO_WAIT) == OS_ERR_PARAM &&
              os_queue_count(planted) == 0u,
          "(e) planted queue with the right key and tag refused");
    check(os_sem_init(&steer, 0u, OS_TAG_SEM ^ known_key) == OS_OK,
          "(e) semaphore re-initialised with max = the live tag");
    struct os_sem *inside = (struct os_sem *)(void *)&steer.max;
    check(os_sem_count(inside) == 0u && os_sem_take(inside, OS_NO_WAIT) ==
                                            OS_ERR_PARAM,
          "(e) semaphore forged from the middle of a real one refused");
    struct os_queue copy;
    check(os_queue_receive(&drop, &copy, OS_NO_WAIT) == OS_OK &&
              copy.storage == forged.storage && os_sem_count(&steer) == 0u,
          "(e) the real queue and semaphore still work");
    still_works("(e)");
}

static void ctl(void *arg)
{
    (void)arg;
    /* Let "fresh" (made by main) run and end, so that its TCB can be
     * reused by step 5. */
    os_delay(2u);
    check(fresh_done == 1u, "fresh ran once and ended");
    fresh_done = 0u;
    measure_gate();

    check(os_task_create(&user_tcb, "user_tcb", probe_entry, NULL, 1,
                         probe_stack, 256u) == OS_ERR_PARAM,
          "TCB in user memory refused");
    check(os_task_create(&fresh_task, "gk_stack", probe_entry, NULL, 1,
                         gk_stack, 256u) == OS_ERR_PARAM,
          "stack in guest-kernel memory refused");

    /* The victim ran first (higher priority) and waits in os_sem_take. */
    check(victim_rounds == 0u, "victim blocked inside the guest kernel");
    uint32_t n = forge(victim_stack, VICTIM_WORDS, 0);
    printf("forged %lu guest-kernel words on the victim's stack\n",
           (unsigned long)n);
    (void)os_sem_give(&wake);
    check(victim_rounds == 1u, "victim resumed correctly (selective forge)");

    n = forge(victim_stack, VICTIM_WORDS, 1);
    printf("forged all %lu words of the victim's stack\n", (unsigned long)n);
    (void)os_sem_give(&wake);
    check(victim_rounds == 2u, "victim resumed correctly (whole stack)");
    check(overflows >= 1u, "stack check saw the overwritten guard words");

    check(os_task_create(&fresh_task, "fresh", fresh_entry,
                         (void *)(uintptr_t)FRESH_ARG, 1, fresh_stack,
                         VICTIM_WORDS) == OS_OK,
          "task created from a task (stack arguments)");
    check(os_task_get_priority(&fresh_task) == 1u,
          "stack argument priority arrived");
    (void)forge(fresh_stack, VICTIM_WORDS, 1);
    os_delay(3u); /* fresh (priority 1) runs now */
    check(fresh_done == 1u && fresh_arg == FRESH_ARG,
          "forged fresh stack: task started at its entry with its argument");

    object_attacks();

    if (failures != 0u) {
        printf("RESULT pk-vpriv FAIL %u checks failed\n", failures);
        pv_test_exit(1);
    }
    printf("RESULT pk-vpriv PASS\n");
    pv_test_exit(0);
}

int main(void)
{
    os_init();
    /* Guest-kernel mode: the key is readable here. Handed to the tasks, it
     * stands for a key they learnt; the forgeries of step 6 (e) use it. */
    known_key = os_obj_key;
    os_queue_init(&drop, drop_storage, sizeof drop_storage[0], 2u);
    os_sem_init(&steer, 0u, 1u);
    os_sem_init(&wake, 0u, 10u);
    os_sem_init(&bench_sem, 0u, 1u);
    os_queue_init(&mailbox, mailbox_storage, sizeof mailbox_storage[0], 4u);
    os_task_create(&fresh_task, "fresh", fresh_entry, NULL, 1, fresh_stack,
                   VICTIM_WORDS);
    os_task_create(&ctl_task, "ctl", ctl, NULL, 2, ctl_stack, 1024u);
    os_task_create(&victim_task, "victim", victim, NULL, 3, victim_stack,
                   VICTIM_WORDS);
    os_start();
}
