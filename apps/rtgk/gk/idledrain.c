/*
 * idledrain.c - red-team guest kernels: the idle loop's console drain
 * against a partition woken by its own device interrupt alone.
 *
 * Built two ways (IDLEDRAIN_ROLE, apps/systems/rt-idledrain):
 * - victim (1, the judge): SP804 timer 2 (its device 0, `timer`) periodic
 *   at 1 kHz; each interrupt's upcall reads the latency from the timer's
 *   own count (Timer1Value counts down from 1000 us since the expiry),
 *   clears the source and acknowledges it (IRQ_DONE). Otherwise it sleeps
 *   in PK_SVC_BLOCK with no deadline: the kernel has none of its own for
 *   it. After 3000 interrupts it prints
 *     idledrain: irqs=<n> worst_latency_ns=<w> late50=<n>
 *     RESULT rt-idledrain PASS (worst <= 50 us) | FAIL
 * - filler (2): fills its console share (lines of 100 characters until a
 *   write takes nothing) and its health-monitor share (REPORT_ERROR with
 *   on_fault = "log"), then sleeps 3 ms. With nobody runnable the kernel's
 *   idle loop writes the ring; it drained it whole with interrupts masked,
 *   bounded only by the next kernel deadline, and the victim's interrupt
 *   waited up to 115 us; it now polls the interrupts between batches.
 */
#include "rtgk.h"

#if IDLEDRAIN_ROLE == 1
extern struct pk_vcpu pv_vcpu;
#define TMR ((volatile uint32_t *)(uintptr_t)PK_LAYOUT_DEV_TIMER)
#define PERIODS 3000u

static uint64_t upcall_stack[256];
static volatile uint32_t n_irq, worst, late50;

void idledrain_upcall(uint32_t events);
void idledrain_upcall(uint32_t events)
{
    if ((events & PK_EV_IRQ) == 0u)
        return;
    uint32_t lat_ns = (1000u - TMR[1]) * 1000u;
    TMR[3] = 1u; /* Timer1IntClr */
    if (n_irq > 5u) { /* past the start-up */
        if (lat_ns > worst)
            worst = lat_ns;
        if (lat_ns > 50000u)
            late50++;
    }
    n_irq++;
    (void)rtgk_svc(PK_SVC_IRQ_DONE, 0u, 0u, 0u, 0);
}

__attribute__((naked)) static void idledrain_entry(void)
{
    __asm__ volatile("bl idledrain_upcall\n\tmov r7, #6\n\tsvc #0\n1:\tb 1b");
}

void rtgk_attack(void);
void rtgk_attack(void)
{
    pv_vcpu.upcall_entry = (uint32_t)(uintptr_t)idledrain_entry;
    pv_vcpu.upcall_sp = (uint32_t)(uintptr_t)&upcall_stack[256];
    TMR[2] = 0u;    /* off */
    TMR[0] = 1000u; /* Load: 1 ms at 1 MHz */
    TMR[6] = 1000u; /* BGLoad */
    TMR[2] = 0xE2u; /* enable, periodic, interrupt, 32-bit */
    (void)rtgk_svc(PK_SVC_IRQ_DONE, 0u, 0u, 0u, 0);
    pv_vcpu.vmask = 0u;
    while (n_irq < PERIODS)
        (void)rtgk_svc(PK_SVC_BLOCK, 0xFFFFFFFFu, 0xFFFFFFFFu, 0u, 0);
    pv_vcpu.vmask = 1u;
    struct rtgk_line l = {.len = 0u};
    rtgk_put(&l, "idledrain: irqs=");
    rtgk_put_u(&l, n_irq);
    rtgk_put(&l, " worst_latency_ns=");
    rtgk_put_u(&l, worst);
    rtgk_put(&l, " late50=");
    rtgk_put_u(&l, late50);
    rtgk_flush(&l);
    rtgk_put(&l, worst <= 50000u ? "RESULT rt-idledrain PASS" : "RESULT rt-idledrain FAIL");
    rtgk_flush(&l);
    (void)rtgk_svc(PK_SVC_TEST_EXIT, worst <= 50000u ? 0u : 1u, 0u, 0u, 0);
    for (;;) {
    }
}
#else
#include "rt_upcall.h"

static char line[101];

void rtgk_attack(void);
void rtgk_attack(void)
{
    rt_upcall_install();
    for (unsigned i = 0; i < 100u; i++)
        line[i] = (char)('A' + i % 26u);
    line[100] = '\n';
    for (;;) {
        for (unsigned k = 0; k < 64u; k++) {
            uint32_t off = 0;
            while (off < sizeof line) {
                uint32_t n = rtgk_svc(PK_SVC_CONSOLE_WRITE, (uint32_t)(uintptr_t)line + off,
                                      sizeof line - off, 0u, 0);
                if (n == 0u || n > sizeof line - off)
                    break;
                off += n;
            }
            if (off < sizeof line)
                break; /* its share is full */
        }
        for (unsigned k = 0; k < 12u; k++)
            (void)rtgk_svc(PK_SVC_REPORT_ERROR, PK_GUEST_ERR_APP, k, 0u, 0);
        uint64_t t = rtgk_now64() + 3000000u;
        (void)rtgk_svc(PK_SVC_BLOCK, (uint32_t)t, (uint32_t)(t >> 32), 0u, 0);
    }
}
#endif
