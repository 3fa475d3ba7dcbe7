/*
 * isojump - the jumping partition of the isolation test (pk-iso), run with
 * on_fault = "restart": attempts that cannot be skipped (instruction
 * fetches outside the partition's rights, a forged upcall-return context)
 * cost a cold restart, so the partition makes one attempt per start, chosen
 * by its restart count, which only the kernel knows (PK_SVC_PART_STATUS).
 * Each attempt is announced with an ATTEMPT line (format: apps/isotest);
 * the host check pairs it with the kernel's HM line and the restart that
 * follows. After the last one the partition idles.
 *
 * Addresses: the layout of tests/target/pk-iso/system.toml on the board
 * built for (tools/pkconfig.py's PK_LAYOUT_* defines).
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

#define KERNEL_RAM (PK_LAYOUT_KERNEL_BASE + 0x4000u)
#define OTHER_GK PK_LAYOUT_PERIODIC_KERNEL_BASE
#define OTHER_USER PK_LAYOUT_PERIODIC_USER_BASE
/* Its own guest-kernel range. */
#define OWN_GK PK_LAYOUT_ISOJUMP_KERNEL_BASE
#define N_ATTEMPTS 11u
/* Fault status of each jump (prefetch abort, section: 0x9 domain fault,
 * 0xd permission fault, domain in bits 7:4). With one table (domains) the
 * periodic partition (index 0) has D2/D3 and this one (index 2) D6/D7;
 * with a table per partition (PK_LAYOUT_ASID, space_asid.c) every other
 * partition is D4 and the running one's guest kernel D2. */
#ifdef PK_LAYOUT_ASID
#define ST_OTHER_GK "0x49"
#define ST_OTHER_USER "0x49"
#define ST_OWN_GK_FROM_TASK "0x2d"
#else
#define ST_OTHER_GK "0x29"
#define ST_OTHER_USER "0x39"
#define ST_OWN_GK_FROM_TASK "0x6d"
#endif
/* A Thumb "svc #0" (and a Thumb "b ." after it). */
#define THUMB_SVC_AND_LOOP 0xE7FEDF00u

/* The vCPU page (linker/partition.ld). */
extern struct pk_vcpu pv_vcpu;

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[512];

static void jump(uint32_t addr)
{
    ((void (*)(void))(uintptr_t)addr)();
}

/* Enter addr in Thumb state with the flags cleared (so the kernel's record
 * of the CPSR is exactly USR | T = 0x30). */
static void thumb_jump(uint32_t addr)
{
    __asm__ volatile("msr cpsr_f, #0\n\tbx %0" : : "r"(addr | 1u)
                     : "cc", "memory");
}

/* A Thumb svc at the start of the user range, written there by the task. */
extern uint32_t thumb_code[2];
uint32_t thumb_code[2] __attribute__((aligned(8)));

static uint32_t restarts(void)
{
    struct pk_part_status st;
    (void)pv_part_status(PK_SELF, &st);
    return st.restarts;
}

static void announce(uint32_t n, const char *what, const char *kind,
                     uint32_t addr, const char *status)
{
    printf("WHAT id=J%02lu %s\n", (unsigned long)n, what);
    printf("ATTEMPT id=J%02lu expect=%s addr=0x%08lx status=%s\n",
           (unsigned long)n, kind, (unsigned long)addr, status);
}

/* Attempts from a task. */
static void work(void *arg)
{
    (void)arg;
    uint32_t n = restarts();
    switch (n) {
    case 3:
        announce(n, "task jumps into kernel RAM", "prefetch_abort",
                 KERNEL_RAM, "0xd");
        jump(KERNEL_RAM);
        break;
    case 4:
        announce(n, "task jumps into other partition user code",
                 "prefetch_abort", OTHER_USER, ST_OTHER_USER);
        jump(OTHER_USER);
        break;
    case 5: {
        uint32_t mid = (uint32_t)(uintptr_t)os_delay + 8u;
        announce(n, "task jumps into own guest kernel, not a gate",
                 "prefetch_abort", mid, ST_OWN_GK_FROM_TASK);
        jump(mid);
        break;
    }
    case 6:
        announce(n, "task issues upcall_return (guest kernel only)",
                 "bad_svc", PK_SVC_UPCALL_RETURN, "0xfffffffe");
        (void)pv_svc(PK_SVC_UPCALL_RETURN, 0u, 0u, 0u);
        break;
    case 7: {
        /* A gate entered in Thumb state would run the guest kernel's ARM
         * code as Thumb: refused before the gate is looked up. */
        uint32_t gate = (uint32_t)(uintptr_t)os_tick_count;
        announce(n, "task enters a gate in Thumb state", "bad_context",
                 gate, "0x30");
        thumb_jump(gate);
        break;
    }
    case 8: {
        uint32_t at = (uint32_t)(uintptr_t)&thumb_code[0];
        thumb_code[0] = THUMB_SVC_AND_LOOP;
        announce(n, "task issues a service call in Thumb state",
                 "bad_context", at + 2u, "0x30");
        thumb_jump(at);
        break;
    }
    case 10: {
        /* The configuration gives isojump no status_of: the periodic
         * partition's run time is not its business. */
        struct pk_part_status st;
        announce(n, "task reads another partition's status (not allowed)",
                 "bad_svc", 0u, "0xfffffffe");
        (void)pv_part_status(0, &st);
        break;
    }
    default:
        break;
    }
    printf("isojump: all %lu attempts made, idle\n",
           (unsigned long)N_ATTEMPTS);
    for (;;)
        os_delay(1000u);
}

int main(void)
{
    /* Attempts from the guest kernel (main runs in guest-kernel mode). */
    uint32_t n = restarts();
    switch (n) {
    case 0:
        announce(n, "guest kernel jumps into kernel RAM", "prefetch_abort",
                 KERNEL_RAM, "0xd");
        jump(KERNEL_RAM);
        break;
    case 1:
        announce(n, "guest kernel jumps into other partition guest kernel",
                 "prefetch_abort", OTHER_GK, ST_OTHER_GK);
        jump(OTHER_GK);
        break;
    case 2:
        announce(n, "guest kernel forges an upcall return into kernel RAM",
                 "bad_context", KERNEL_RAM, "0x10");
        pv_vcpu.ctx.r[15] = KERNEL_RAM;
        pv_vcpu.ctx.cpsr = 0x10u;
        pv_vcpu.ctx_vmode = PK_VMODE_GUEST_KERNEL;
        (void)pv_svc(PK_SVC_UPCALL_RETURN, 0u, 0u, 0u);
        break;
    case 9:
        /* A Thumb svc in the first halfword of the range: "pc - 4" as an
         * ARM svc would lie in the partition below (isotest's user range).
         * The kernel must not read it at all. */
        announce(n, "guest kernel issues a Thumb svc at the start of its range",
                 "bad_context", OWN_GK + 2u, "0x30");
        *(volatile uint32_t *)(uintptr_t)OWN_GK = THUMB_SVC_AND_LOOP;
        thumb_jump(OWN_GK);
        break;
    default:
        break;
    }
    os_init();
    os_task_create(&task, "jump", work, NULL, 1, stack, 512u);
    os_start();
}
