/*
 * devrestart.c - red-team guest kernel: what of an assigned device survives
 * a cold restart of its partition.
 *
 * The partition owns timer (SP804, source 5). Its first start programs
 * the timer to interrupt every 100 us, enables the source (IRQ_DONE), waits
 * until the kernel reports the interrupt (vcpu.pending, PK_EV_IRQ; upcalls
 * stay masked) and then asks for a cold restart (REPORT_ERROR with
 * on_fault = "restart"). The second start touches nothing of the device: it
 * reads its control register, enables the source as any driver would at
 * start, and waits 2 ms for an interrupt. It prints
 *   devrestart: start=<n> ctrl=0x<control> irq_seen=<0|1>
 * and ends the run with "RESULT rt-devrestart PASS" when the restarted
 * partition found its device reset and quiet, "FAIL ..." otherwise.
 */
#include "rtgk.h"

#define TIMER23 PK_DEVICE_TIMER_REGS
#define SP804_LOAD 0x00u
#define SP804_CTRL 0x08u
#define SP804_INTCLR 0x0Cu
#define SP804_CTRL_RUN 0xE2u /* enable, periodic, interrupt, 32-bit */

extern struct pk_vcpu pv_vcpu; /* linker/partition.ld */

static inline void reg_write(uint32_t off, uint32_t v)
{
    *(volatile uint32_t *)(uintptr_t)(TIMER23 + off) = v;
}

static inline uint32_t reg_read(uint32_t off)
{
    return *(volatile uint32_t *)(uintptr_t)(TIMER23 + off);
}

/* True if the kernel reported a device interrupt within wait_ns. */
static uint32_t wait_irq(uint32_t wait_ns)
{
    uint32_t t0 = rtgk_now32();
    while (rtgk_now32() - t0 < wait_ns)
        if ((pv_vcpu.pending & PK_EV_IRQ) != 0u)
            return 1u;
    return 0u;
}

void rtgk_attack(void);
void rtgk_attack(void)
{
    struct rtgk_line l = {.len = 0u};
    uint32_t start = pv_vcpu.restarts;
    uint32_t irq;
    if (start == 0u) {
        reg_write(SP804_LOAD, 100u);
        reg_write(SP804_CTRL, SP804_CTRL_RUN);
        (void)rtgk_svc(PK_SVC_IRQ_DONE, PK_DEVICE_TIMER_INDEX, 0u, 0u, 0);
        irq = wait_irq(2000000u);
    } else {
        (void)rtgk_svc(PK_SVC_IRQ_DONE, PK_DEVICE_TIMER_INDEX, 0u, 0u, 0);
        irq = wait_irq(2000000u);
    }
    uint32_t ctrl = reg_read(SP804_CTRL);
    rtgk_put(&l, "devrestart: start=");
    rtgk_put_u(&l, start);
    rtgk_put(&l, " ctrl=");
    rtgk_put_u(&l, ctrl);
    rtgk_put(&l, " irq_seen=");
    rtgk_put_u(&l, irq);
    rtgk_flush(&l);
    if (start == 0u)
        (void)rtgk_svc(PK_SVC_REPORT_ERROR, PK_GUEST_ERR_APP, 0u, 0u, 0);
    if (irq != 0u || (ctrl & 0x80u) != 0u)
        rtgk_put(&l, "RESULT rt-devrestart FAIL the device kept running "
                     "through the cold restart");
    else
        rtgk_put(&l, "RESULT rt-devrestart PASS");
    rtgk_flush(&l);
    (void)rtgk_svc(PK_SVC_TEST_EXIT, irq != 0u ? 1u : 0u, 0u, 0u, 0);
    for (;;) {
    }
}
