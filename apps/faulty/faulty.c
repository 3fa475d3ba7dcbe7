/*
 * faulty - the partition of the restart test (pk-restart), on_fault =
 * "restart": it boots, checks that its state is fresh, dirties that state,
 * runs for a second and then faults (a write into kernel memory), so the
 * health monitor restarts it cold. Fresh means: an initialised global of
 * the user range and one of the guest-kernel range hold their initial
 * values, a bss counter is 0, the guest's tick count and the kernel's count
 * of virtual ticks since the start are small, and the restart count the
 * kernel reports (PK_SVC_PART_STATUS, also in the vCPU page) went up by
 * exactly one. Each boot prints
 *   faulty: boot <n> init=0x<user word> gk=0x<kernel word> bss=<counter> ticks=<n>
 * After RESTARTS restarts it judges the run: the periodic partition
 * reported no deadline miss (apps/periodic) and was never restarted.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

#define RESTARTS 10u
#define PERIODIC 0
#define INIT_WORD 0x1234abcdu
#define GK_WORD 0x5678ef01u
/* A word of the kernel's range (tools/pkconfig.py: PK_BOARD_*). */
#define KERNEL_RAM (PK_LAYOUT_KERNEL_BASE + 0x4000u)
#define FRESH_TICKS 50u      /* virtual ticks (1 ms) a boot may take */
#define LIFE_TICKS 1000u     /* fault after one second */

/* The vCPU page (linker/partition.ld). */
extern struct pk_vcpu pv_vcpu;

static OS_KOBJ struct os_task task;
static OS_KOBJ uint32_t gk_word = GK_WORD; /* initialised, guest kernel */
static uint32_t init_word = INIT_WORD;      /* initialised, user range */
static uint32_t bss_counter;                /* zero-initialised */
static _Alignas(8) port_stack_t stack[512];

static void fail(const char *why)
{
    printf("RESULT pk-restart FAIL %s\n", why);
    pv_test_exit(1);
}

/* The guest-kernel word, read and dirtied by main() (guest-kernel mode). */
static uint32_t gk_seen;

static void run(void *arg)
{
    (void)arg;
    struct pk_part_status st;
    (void)pv_part_status(PK_SELF, &st);
    printf("faulty: boot %lu init=0x%08lx gk=0x%08lx bss=%lu ticks=%lu\n",
           (unsigned long)st.restarts, (unsigned long)init_word,
           (unsigned long)gk_seen, (unsigned long)bss_counter,
           (unsigned long)st.ticks);
    if (init_word != INIT_WORD || gk_seen != GK_WORD || bss_counter != 0u)
        fail("state not fresh after a restart");
    if (st.ticks > FRESH_TICKS)
        fail("virtual ticks not reset by the restart");
    if (st.faults != st.restarts)
        fail("restart count differs from the fault count");
    init_word = 0xdeadbeefu;
    bss_counter++;
    if (st.restarts >= RESTARTS) {
        struct pk_part_status p;
        (void)pv_part_status(PERIODIC, &p);
        printf("faulty: %lu cold restarts; periodic faults=%lu restarts=%lu "
               "state=%lu ticks=%lu\n",
               (unsigned long)st.restarts, (unsigned long)p.faults,
               (unsigned long)p.restarts, (unsigned long)p.state,
               (unsigned long)p.ticks);
        if (p.faults != 0u || p.restarts != 0u || p.state == PK_PART_STOPPED)
            fail("the periodic partition missed a deadline or faulted");
        if (p.ticks < RESTARTS * LIFE_TICKS)
            fail("the periodic partition did not run all along");
        printf("RESULT pk-restart PASS\n");
        pv_test_exit(0);
    }
    os_delay(LIFE_TICKS);
    bss_counter++;
    printf("faulty: fault %lu at 0x%08lx\n", (unsigned long)(st.restarts + 1u),
           (unsigned long)KERNEL_RAM);
    *(volatile uint32_t *)KERNEL_RAM = 0u;
    fail("the fault did not stop the partition");
}

int main(void)
{
    /* Guest-kernel mode: the only mode that can see gk_word. */
    gk_seen = gk_word;
    gk_word = 0u;
    if (pv_vcpu.restarts != 0u) {
        struct pk_part_status st;
        (void)pv_part_status(PK_SELF, &st);
        if (st.restarts != pv_vcpu.restarts)
            fail("vCPU and kernel disagree on the restart count");
    }
    os_init();
    os_task_create(&task, "faulty", run, NULL, 1, stack, 512u);
    os_start();
}
