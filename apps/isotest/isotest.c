/*
 * isotest - the attacking partition of the isolation test (pk-iso), run
 * with on_fault = "log" so that it goes on after every refused attempt.
 *
 * The same table of attempts is run twice: first from the guest kernel
 * (main() runs in guest-kernel mode before os_start()), then from a task.
 * Each attempt prints
 *   WHAT id=<mode><n> <description>
 *   ATTEMPT id=<mode><n> expect=<kind> addr=<hex|pc> status=<hex|any>
 * before it and
 *   OUTCOME id=<mode><n> result=0x<value> hm=+<records> <ok|BAD>
 * after it; in between the kernel prints its HM line, which the host check
 * (tests/target/pk-iso/check.py) pairs with the attempt. The partition
 * checks on its own side that each attempt added exactly the expected
 * number of health-monitor records (PK_SVC_PART_STATUS faults) and that the
 * attempt had no effect (a read yields nothing, a refused call its error,
 * the mode stays USR). Then it stays CPU-bound and judges the run: the
 * jumping partition was restarted once per attempt, the periodic partition
 * reported no deadline miss.
 *
 * Addresses come from the configuration (tools/pkconfig.py's PK_LAYOUT_*
 * defines for tests/target/pk-iso/system.toml on the board built for):
 * periodic is partition 0, this one 1, the jumping one 2. The fault status
 * a refused access must give names the domain of the range: with domains
 * alone (ARMv5) periodic's ranges are D2/D3 and this one's guest kernel
 * D4; with a table per partition (PK_LAYOUT_ASID) every other partition's
 * ranges are D4 and one's own guest kernel is D2.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

#define OTHER_GK PK_LAYOUT_PERIODIC_KERNEL_BASE
#define OTHER_USER PK_LAYOUT_PERIODIC_USER_BASE
#define OWN_USER PK_LAYOUT_ISOTEST_USER_BASE
#define OWN_USER_END (PK_LAYOUT_ISOTEST_USER_BASE + PK_LAYOUT_ISOTEST_USER_SIZE)
#define KERNEL_RAM (PK_LAYOUT_KERNEL_BASE + 0x4000u)
#define UNMAPPED (PK_LAYOUT_RAM_END + 1u) /* past RAM: no mapping */
/* The kernel's devices, physical and at the kernel's privileged alias:
 * the console's data register, the interrupt controller's first register
 * and one at +0x14 (on a PL190 the enable-clear), the system timer's
 * control (+0x8 on an SP804). */
#define UART0_DR PK_LAYOUT_KDEV_CONSOLE
#define VIC_IRQSTATUS PK_LAYOUT_KDEV_INTC
#define UART0_DR_ALIAS PK_LAYOUT_KDEV_CONSOLE_ALIAS
#define VIC_IRQSTATUS_ALIAS PK_LAYOUT_KDEV_INTC_ALIAS
#define VIC_INTENCLEAR_ALIAS (PK_LAYOUT_KDEV_INTC_ALIAS + 0x14u)
#define TIMER0_CTRL_ALIAS (PK_LAYOUT_KDEV_SYSTIMER_ALIAS + 0x8u)

/* Fault status of a section domain fault / permission fault in domain d. */
#define FSR_DOMAIN(d) (0x09u | ((d) << 4))
#define FSR_PERM(d) (0x0du | ((d) << 4))
#ifdef PK_LAYOUT_ASID
#define DOM_OTHER_GK 4u
#define DOM_OTHER_USER 4u
#define DOM_OWN_GK 2u
#else
#define DOM_OTHER_GK 2u
#define DOM_OTHER_USER 3u
#define DOM_OWN_GK 4u
#endif

#define JUMPER 2
#define JUMPER_ATTEMPTS 11u    /* apps/isojump */
#define PERIODIC 0
#define RUN_NS 1500000000ull   /* judge after 1.5 s: 150 periods */

#define SENTINEL 0x5eb71e01u
#define ADDR_PC 0xfffffff0u    /* expected addr: the faulting instruction */
#define STATUS_ANY 0xffffffffu
/* ARMv6 and later report a write's data abort with DFSR bit 11 (WnR) set;
 * the ARMv5 DFSR has no such bit. The table gives the status of a read,
 * the write attempts' expectations add this. */
#if __ARM_ARCH >= 6
#define DFSR_WNR 0x800u
#else
#define DFSR_WNR 0u
#endif

#define M_GK 1u
#define M_TASK 2u
#define M_BOTH 3u

typedef uint32_t (*attack_fn)(uint32_t a, uint32_t b, uint32_t c);

struct attempt {
    const char *what;  /* description for the table */
    attack_fn fn;      /* performs the attempt, returns what it observed */
    uint32_t a, b, c;  /* arguments of fn */
    uint32_t want;     /* the value fn must return */
    const char *kind;  /* expected HM kind, or "none" */
    uint32_t addr;     /* expected HM addr (ADDR_PC: the instruction) */
    uint32_t status;   /* expected HM status (STATUS_ANY: not checked) */
    uint32_t modes;    /* M_GK and/or M_TASK */
};

static OS_KOBJ struct os_task task;
static OS_KOBJ volatile uint32_t own_gk_word = 7u;
static _Alignas(8) port_stack_t stack[1024];
static uint32_t failures;
static uint32_t expected_records;

static uint32_t do_read(uint32_t addr, uint32_t b, uint32_t c)
{
    (void)b;
    (void)c;
    uint32_t v = SENTINEL;
    __asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(addr) : "memory");
    return v;
}

static uint32_t do_write(uint32_t addr, uint32_t val, uint32_t c)
{
    (void)c;
    __asm__ volatile("str %0, [%1]" : : "r"(val), "r"(addr) : "memory");
    return 0u;
}

static uint32_t do_dacr_write(uint32_t a, uint32_t b, uint32_t c)
{
    (void)b;
    (void)c;
    __asm__ volatile("mcr p15, 0, %0, c3, c0, 0" : : "r"(a) : "memory");
    return 0u;
}

static uint32_t do_dacr_read(uint32_t a, uint32_t b, uint32_t c)
{
    (void)a;
    (void)b;
    (void)c;
    uint32_t v = SENTINEL;
    __asm__ volatile("mrc p15, 0, %0, c3, c0, 0" : "+r"(v) : : "memory");
    return v;
}

static uint32_t do_sctlr_write(uint32_t a, uint32_t b, uint32_t c)
{
    (void)b;
    (void)c;
    __asm__ volatile("mcr p15, 0, %0, c1, c0, 0" : : "r"(a) : "memory");
    return 0u;
}

static uint32_t do_ttbr_write(uint32_t a, uint32_t b, uint32_t c)
{
    (void)b;
    (void)c;
    __asm__ volatile("mcr p15, 0, %0, c2, c0, 0" : : "r"(a) : "memory");
    return 0u;
}

static uint32_t do_tlb_flush(uint32_t a, uint32_t b, uint32_t c)
{
    (void)b;
    (void)c;
    __asm__ volatile("mcr p15, 0, %0, c8, c7, 0" : : "r"(a) : "memory");
    return 0u;
}

static uint32_t do_cp15_wfi(uint32_t a, uint32_t b, uint32_t c)
{
    (void)b;
    (void)c;
    __asm__ volatile("mcr p15, 0, %0, c7, c0, 4" : : "r"(a) : "memory");
    return 0u;
}

static uint32_t cpsr_mode(void)
{
    uint32_t v;
    __asm__ volatile("mrs %0, cpsr" : "=r"(v));
    return v & 0x1fu;
}

/* cps #0x13 (SVC), an ARMv6 instruction: encoded by hand for ARMv5. */
static uint32_t do_cps_svc(uint32_t a, uint32_t b, uint32_t c)
{
    (void)a;
    (void)b;
    (void)c;
    __asm__ volatile(".inst 0xf1020013" : : : "memory");
    return cpsr_mode();
}

/* msr cpsr_c to SVC mode with IRQs and FIQs masked. */
static uint32_t do_msr_svc(uint32_t a, uint32_t b, uint32_t c)
{
    (void)a;
    (void)b;
    (void)c;
    __asm__ volatile("msr cpsr_c, #0xd3" : : : "memory");
    return cpsr_mode();
}

static uint32_t do_mrs_spsr(uint32_t a, uint32_t b, uint32_t c)
{
    (void)a;
    (void)b;
    (void)c;
    uint32_t v = SENTINEL;
    __asm__ volatile("mrs %0, spsr" : "+r"(v) : : "memory");
    return v;
}

static uint32_t do_svc(uint32_t nr, uint32_t a0, uint32_t a1)
{
    return (uint32_t)pv_svc(nr, a0, a1, 0u);
}

static const struct attempt attempts[] = {
    /* Memory. */
    {"read kernel RAM", do_read, KERNEL_RAM, 0, 0, SENTINEL, "data_abort",
     KERNEL_RAM, 0x0du, M_BOTH},
    {"write kernel RAM", do_write, KERNEL_RAM, 0xbad, 0, 0, "data_abort",
     KERNEL_RAM, 0x0du, M_BOTH},
    {"read other partition guest kernel", do_read, OTHER_GK, 0, 0, SENTINEL,
     "data_abort", OTHER_GK, FSR_DOMAIN(DOM_OTHER_GK), M_BOTH},
    {"write other partition guest kernel", do_write, OTHER_GK, 0xbad, 0, 0,
     "data_abort", OTHER_GK, FSR_DOMAIN(DOM_OTHER_GK), M_BOTH},
    {"read other partition user", do_read, OTHER_USER + 0x100u, 0, 0,
     SENTINEL, "data_abort", OTHER_USER + 0x100u, FSR_DOMAIN(DOM_OTHER_USER),
     M_BOTH},
    {"write other partition user", do_write, OTHER_USER + 0x100u, 0xbad, 0,
     0, "data_abort", OTHER_USER + 0x100u, FSR_DOMAIN(DOM_OTHER_USER),
     M_BOTH},
    {"read own guest kernel from task", do_read, 0, 0, 0, SENTINEL,
     "data_abort", 0, FSR_PERM(DOM_OWN_GK), M_TASK},
    {"write own guest kernel from task", do_write, 0, 0xbad, 0, 0,
     "data_abort", 0, FSR_PERM(DOM_OWN_GK), M_TASK},
    {"read unmapped address", do_read, UNMAPPED, 0, 0, SENTINEL,
     "data_abort", UNMAPPED, STATUS_ANY, M_BOTH},
    /* Devices. The board maps the peripherals only at the kernel's alias
     * (privileged-only, D1); their physical addresses are not mapped at
     * all. Through the alias a write would print, mask every interrupt or
     * stop the system timer. */
    {"write UART0 data register (physical)", do_write, UART0_DR, 'X', 0, 0,
     "data_abort", UART0_DR, 0x05u, M_BOTH},
    {"read VIC IRQ status (physical)", do_read, VIC_IRQSTATUS, 0, 0,
     SENTINEL, "data_abort", VIC_IRQSTATUS, 0x05u, M_BOTH},
    {"write UART0 data register (kernel alias)", do_write,
     UART0_DR_ALIAS, 'X', 0, 0, "data_abort", UART0_DR_ALIAS, FSR_PERM(1u),
     M_BOTH},
    {"read VIC IRQ status (kernel alias)", do_read, VIC_IRQSTATUS_ALIAS, 0,
     0, SENTINEL, "data_abort", VIC_IRQSTATUS_ALIAS, FSR_PERM(1u), M_BOTH},
    {"write VIC enable-clear, all (kernel alias)", do_write,
     VIC_INTENCLEAR_ALIAS, 0xffffffffu, 0, 0, "data_abort",
     VIC_INTENCLEAR_ALIAS, FSR_PERM(1u), M_BOTH},
    {"write SP804 timer 0 control (kernel alias)", do_write,
     TIMER0_CTRL_ALIAS, 0u, 0, 0, "data_abort", TIMER0_CTRL_ALIAS,
     FSR_PERM(1u), M_BOTH},
    /* Privileged instructions. */
    {"mcr DACR = all manager", do_dacr_write, 0xffffffffu, 0, 0, 0,
     "undefined", ADDR_PC, 0u, M_BOTH},
    {"mrc read DACR", do_dacr_read, 0, 0, 0, SENTINEL, "undefined", ADDR_PC,
     0u, M_BOTH},
    {"mcr control register (MMU off)", do_sctlr_write, 0u, 0, 0, 0,
     "undefined", ADDR_PC, 0u, M_BOTH},
    {"mcr TTBR", do_ttbr_write, 0x4000u, 0, 0, 0, "undefined", ADDR_PC, 0u,
     M_BOTH},
    {"mcr TLB invalidate", do_tlb_flush, 0u, 0, 0, 0, "undefined", ADDR_PC,
     0u, M_BOTH},
    {"mcr wait-for-interrupt (cp15 c7)", do_cp15_wfi, 0u, 0, 0, 0,
     "undefined", ADDR_PC, 0u, M_BOTH},
#if __ARM_ARCH >= 6
    /* ARMv6 and later execute CPS in User mode as a no-op. */
    {"cps #svc (a no-op in USR on ARMv6: mode stays 0x10)", do_cps_svc, 0, 0,
     0, 0x10u, "none", 0, 0, M_BOTH},
#else
    {"cps #svc (ARMv6 encoding)", do_cps_svc, 0, 0, 0, 0x10u, "undefined",
     ADDR_PC, 0u, M_BOTH},
#endif
    {"mrs spsr", do_mrs_spsr, 0, 0, 0, SENTINEL, "undefined", ADDR_PC, 0u,
     M_BOTH},
    {"msr cpsr_c to SVC (ignored in USR: mode stays 0x10)", do_msr_svc, 0,
     0, 0, 0x10u, "none", 0, 0, M_BOTH},
    /* Service calls. */
    {"svc unknown number 99", do_svc, 99u, 0, 0, (uint32_t)PK_ENOSYS,
     "bad_svc", 99u, (uint32_t)PK_ENOSYS, M_BOTH},
    {"svc number 0xffffffff", do_svc, 0xffffffffu, 0, 0,
     (uint32_t)PK_ENOSYS, "bad_svc", 0xffffffffu, (uint32_t)PK_ENOSYS,
     M_BOTH},
    {"svc number PK_SVC_COUNT", do_svc, PK_SVC_COUNT, 0, 0,
     (uint32_t)PK_ENOSYS, "bad_svc", PK_SVC_COUNT, (uint32_t)PK_ENOSYS,
     M_BOTH},
    {"svc timer_set from a task", do_svc, PK_SVC_TIMER_SET, 0, 0,
     (uint32_t)PK_EPERM, "bad_svc", PK_SVC_TIMER_SET, (uint32_t)PK_EPERM,
     M_TASK},
    {"svc upcall_return from a task", do_svc, PK_SVC_UPCALL_RETURN, 0, 0,
     (uint32_t)PK_EPERM, "bad_svc", PK_SVC_UPCALL_RETURN,
     (uint32_t)PK_EPERM, M_TASK},
    {"console_write from kernel RAM", do_svc, PK_SVC_CONSOLE_WRITE,
     KERNEL_RAM, 16u, (uint32_t)PK_EFAULT, "bad_pointer", KERNEL_RAM,
     (uint32_t)PK_EFAULT, M_BOTH},
    {"console_write from other guest kernel", do_svc, PK_SVC_CONSOLE_WRITE,
     OTHER_GK, 16u, (uint32_t)PK_EFAULT, "bad_pointer", OTHER_GK,
     (uint32_t)PK_EFAULT, M_BOTH},
    {"console_write from other user range", do_svc, PK_SVC_CONSOLE_WRITE,
     OTHER_USER, 16u, (uint32_t)PK_EFAULT, "bad_pointer", OTHER_USER,
     (uint32_t)PK_EFAULT, M_BOTH},
    {"console_write running past own user range", do_svc,
     PK_SVC_CONSOLE_WRITE, OWN_USER_END - 8u, 64u, (uint32_t)PK_EFAULT,
     "bad_pointer", OWN_USER_END - 8u, (uint32_t)PK_EFAULT, M_BOTH},
    {"console_write with wrapping length", do_svc, PK_SVC_CONSOLE_WRITE,
     OWN_USER, 0xfffffff0u, (uint32_t)PK_EFAULT, "bad_pointer", OWN_USER,
     (uint32_t)PK_EFAULT, M_BOTH},
    {"console_write from own guest kernel (task)", do_svc,
     PK_SVC_CONSOLE_WRITE, 0, 4u, (uint32_t)PK_EFAULT, "bad_pointer", 0,
     (uint32_t)PK_EFAULT, M_TASK},
    {"part_status into kernel RAM", do_svc, PK_SVC_PART_STATUS,
     (uint32_t)PK_SELF, KERNEL_RAM, (uint32_t)PK_EFAULT, "bad_pointer",
     KERNEL_RAM, (uint32_t)PK_EFAULT, M_BOTH},
    {"part_status into other user range", do_svc, PK_SVC_PART_STATUS,
     (uint32_t)PK_SELF, OTHER_USER, (uint32_t)PK_EFAULT, "bad_pointer",
     OTHER_USER, (uint32_t)PK_EFAULT, M_BOTH},
    {"part_status running past own user range", do_svc, PK_SVC_PART_STATUS,
     (uint32_t)PK_SELF, OWN_USER_END - 16u, (uint32_t)PK_EFAULT,
     "bad_pointer", OWN_USER_END - 16u, (uint32_t)PK_EFAULT, M_BOTH},
    {"part_status of partition 7 (no such partition)", do_svc,
     PK_SVC_PART_STATUS, 7u, OWN_USER, (uint32_t)PK_EINVAL, "none", 0, 0,
     M_BOTH},
};
#define N_ATTEMPTS (sizeof attempts / sizeof attempts[0])

static void fail(const char *why)
{
    printf("RESULT pk-iso FAIL %s\n", why);
    pv_test_exit(1);
}

static uint32_t own_faults(void)
{
    struct pk_part_status st;
    if (pv_part_status(PK_SELF, &st) != PK_OK)
        fail("part_status of self refused");
    return st.faults;
}

/* The address of own guest-kernel data stands in for a zero addr. */
static uint32_t fix_addr(uint32_t a)
{
    return a == 0u ? (uint32_t)(uintptr_t)&own_gk_word : a;
}

static void run_attempts(uint32_t mode)
{
    const char *tag = mode == M_GK ? "G" : "T";
    for (uint32_t i = 0; i < N_ATTEMPTS; i++) {
        const struct attempt *t = &attempts[i];
        if ((t->modes & mode) == 0u)
            continue;
        /* For do_svc, a is the call number and b the pointer. */
        uint32_t a = t->fn == do_svc ? t->a : fix_addr(t->a);
        uint32_t b = t->fn == do_svc ? fix_addr(t->b) : t->b;
        uint32_t want_addr = fix_addr(t->addr);
        bool hm = t->kind[0] != 'n';
        /* Two short lines: the kernel splits lines over 120 bytes. */
        printf("WHAT id=%s%02lu %s\n", tag, (unsigned long)i, t->what);
        printf("ATTEMPT id=%s%02lu expect=%s", tag, (unsigned long)i,
               t->kind);
        if (hm) {
            if (t->addr == ADDR_PC)
                printf(" addr=pc");
            else
                printf(" addr=0x%08lx", (unsigned long)want_addr);
            if (t->status == STATUS_ANY)
                printf(" status=any\n");
            else
                printf(" status=0x%lx\n",
                       (unsigned long)(t->fn == do_write ? t->status | DFSR_WNR
                                                         : t->status));
        } else {
            printf("\n");
        }
        uint32_t before = own_faults();
        uint32_t got = t->fn(a, b, t->c);
        uint32_t added = own_faults() - before;
        bool ok = got == t->want && added == (hm ? 1u : 0u);
        printf("OUTCOME id=%s%02lu result=0x%08lx hm=+%lu %s\n", tag,
               (unsigned long)i, (unsigned long)got, (unsigned long)added,
               ok ? "ok" : "BAD");
        if (hm)
            expected_records++;
        if (!ok)
            failures++;
    }
}

static void judge(void *arg)
{
    (void)arg;
    run_attempts(M_TASK);
    printf("attempts done: %lu refused with a record, %lu bad\n",
           (unsigned long)expected_records, (unsigned long)failures);
    if (failures != 0u)
        fail("an attempt was not stopped or not recorded");
    /* CPU-bound from here on, so the periodic partition depends on VIT. */
    uint64_t start = pv_time_ns();
    struct pk_part_status j, p, me;
    do {
        (void)pv_part_status(JUMPER, &j);
    } while ((j.restarts < JUMPER_ATTEMPTS || pv_time_ns() < RUN_NS) &&
             pv_time_ns() - start < 5000000000ull);
    (void)pv_part_status(JUMPER, &j);
    (void)pv_part_status(PERIODIC, &p);
    (void)pv_part_status(PK_SELF, &me);
    printf("isotest faults=%lu state=%lu; jumper restarts=%lu state=%lu; "
           "periodic faults=%lu state=%lu ticks=%lu\n",
           (unsigned long)me.faults, (unsigned long)me.state,
           (unsigned long)j.restarts, (unsigned long)j.state,
           (unsigned long)p.faults, (unsigned long)p.state,
           (unsigned long)p.ticks);
    if (me.faults != expected_records)
        fail("health-monitor records of isotest differ from the attempts");
    if (j.restarts != JUMPER_ATTEMPTS || j.state == PK_PART_STOPPED)
        fail("jumper not restarted once per attempt");
    if (p.faults != 0u || p.state == PK_PART_STOPPED)
        fail("periodic partition missed a deadline or faulted");
    if (p.ticks < 1000u)
        fail("periodic partition did not run");
    printf("RESULT pk-iso PASS\n");
    pv_test_exit(0);
}

int main(void)
{
    /* Guest-kernel mode: the attempts of the guest kernel itself. */
    if (cpsr_mode() != 0x10u)
        fail("guest kernel not in USR mode");
    run_attempts(M_GK);
    os_init();
    os_task_create(&task, "attack", judge, NULL, 1, stack, 1024u);
    os_start();
}
