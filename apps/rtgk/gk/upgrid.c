/*
 * upgrid.c - red-team guest kernel against the quick upcall return
 * (pk_kernel_exit_upcall, partitions/time.c), which now arms the one-shot
 * from the clock reading it has just taken (bsp_timer_arm_from), and
 * against process_deadlines handling the VIT expiries before the plain
 * wake-ups of the same exit.
 *
 * The guest kernel returns from upcalls in a tight loop (its own upcall
 * handler returns at once), and at each return:
 *   - its tick_skip walks 0, 1, 2, 3, 0, ... (at 3 kHz its own ticks fall
 *     333 us apart, off and on the victim's 1 ms grid), so the earliest
 *     deadline moves each time by less than, about and more than the
 *     kernel's PK_TIMER_LAZY_NS (100 us) and the timer is re-armed from a
 *     fresh reading every few returns;
 *   - it sets warp_done (it has no warp: each return reads the clock to
 *     find none to end);
 *   - every 64th return it asks for a VIT expiry (no warp rights: a plain
 *     wake-up) and a virtual timer on the victim's next release, i.e. the
 *     next whole millisecond since its first reading, plus 0..2 us, so
 *     that its expiry, its timer and the victim's VIT expiry fall in one
 *     exit, in either request order;
 *   - every 1024th it blocks until that instant (blocked at the expiry).
 * For 2 s (the victim's run), then it spins.
 */
#include "rtgk.h"

extern struct pk_vcpu pv_vcpu;

static inline void upcall_return_here(struct pk_regs *ctx)
{
    __asm__ volatile(
        "stmia %0, {r0-r12}\n\t"
        "str sp, [%0, #52]\n\t"
        "str lr, [%0, #56]\n\t"
        "adr r1, 1f\n\t"
        "str r1, [%0, #60]\n\t"
        "mov r1, #0x10\n\t"
        "str r1, [%0, #64]\n\t"
        "mov r7, %1\n\t"
        "svc #0\n\t"
        "1:\n\t"
        :
        : "r"(ctx), "I"(PK_SVC_UPCALL_RETURN)
        : "r1", "r7", "memory", "cc");
}

static void svc64(uint32_t nr, uint64_t t, uint32_t a2)
{
    (void)rtgk_svc(nr, (uint32_t)t, (uint32_t)(t >> 32), a2, 0);
}

void rtgk_attack(void);
void rtgk_attack(void)
{
    volatile struct pk_vcpu *v = &pv_vcpu;
    uint32_t base = (uint32_t)(uintptr_t)&pv_vcpu;
    volatile uint32_t *stub = (volatile uint32_t *)(uintptr_t)(base + 2048u);
    stub[0] = 0xE3A07000u | PK_SVC_UPCALL_RETURN;
    stub[1] = 0xEF000000u;
    stub[2] = 0xEAFFFFFEu;
    v->upcall_entry = base + 2048u;
    v->upcall_sp = (base + 4000u) & ~7u;
    uint64_t t0 = rtgk_now64();
    uint32_t n = 0;
    for (;;) {
        v->ctx_vmode = PK_VMODE_GUEST_KERNEL;
        v->tick_skip = n & 3u;
        v->warp_done = 1u;
        upcall_return_here((struct pk_regs *)&pv_vcpu.ctx);
        n++;
        if ((n & 63u) == 0u) {
            uint64_t now = rtgk_now64();
            uint64_t ms = (now - t0) / 1000000u;
            uint64_t d = t0 + (ms + 1u) * 1000000u + (n >> 6) % 2001u;
            if ((n >> 6) & 1u) {
                svc64(PK_SVC_VIT_REQUEST, d, 0u);
                svc64(PK_SVC_TIMER_SET, d, 0u);
            } else {
                svc64(PK_SVC_TIMER_SET, d, 0u);
                svc64(PK_SVC_VIT_REQUEST, d, 0u);
            }
            if ((n & 1023u) == 0u) {
                v->vmask = 0u;
                svc64(PK_SVC_BLOCK, d, 0u);
                v->vmask = 1u;
            }
            if (now - t0 >= 2100000000ull)
                break;
        }
    }
    struct rtgk_line l = {.len = 0u};
    rtgk_put(&l, "upgrid: returns=");
    rtgk_put_u(&l, n);
    rtgk_put(&l, ", attack over");
    rtgk_flush(&l);
    for (;;) {
    }
}
