/*
 * cpustate.c - red-team guest kernels: CPU state a partition may write in
 * USR mode outside its registers, carried to the next partition.
 *
 * Built three ways (CPUSTATE_ROLE, apps/systems/rt-cpustate):
 * - sender (1): writes 0xC0DE0000 | n into TPIDRURW (CP15 c13 c0 2,
 *   ARMv6K/ARMv7, USR read/write), yields, and checks that it finds its own
 *   value again.
 * - receiver (2, the judge): writes its own value, yields, and reads
 *   TPIDRURW back: it must find its own value, never the sender's; after
 *   1 s prints
 *     receiver: rounds=<n> crossed=<n> lost=<n>
 *     RESULT rt-cpustate PASS | FAIL
 *   and ends the run.
 * - thumbee (3): writes ThumbEE's handler base TEEHBR (CP14 6 c1 c0 0), an
 *   undefined instruction once the kernel has closed USR access (TEECR.XED)
 *   or where there is no ThumbEE: the health monitor stops it.
 * Before the kernel switched this state with the partition, TPIDRURW
 * carried a 32-bit channel between partitions that share nothing. (The
 * exclusive monitor, cleared at every switch too, cannot be shown here:
 * QEMU's compares addresses, and partitions share none; the host test
 * svc_user_cpu_state_per_partition checks the clear.)
 */
#include <stdbool.h>

#include "rtgk.h"

static inline uint32_t tid_read(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c13, c0, 2" : "=r"(v));
    return v;
}

static inline void tid_write(uint32_t v)
{
    __asm__ volatile("mcr p15, 0, %0, c13, c0, 2" : : "r"(v) : "memory");
}

void rtgk_attack(void);
void rtgk_attack(void)
{
#if CPUSTATE_ROLE == 1
    uint32_t lost = 0;
    struct rtgk_line l = {.len = 0u};
    for (uint32_t n = 0;; n++) {
        uint32_t v = 0xC0DE0000u | (n & 0xFFFFu);
        tid_write(v);
        (void)rtgk_svc(PK_SVC_YIELD, 0u, 0u, 0u, 0);
        if (tid_read() != v && lost++ == 0u) {
            rtgk_put(&l, "sender: its TPIDRURW was not kept");
            rtgk_flush(&l);
        }
    }
#elif CPUSTATE_ROLE == 2
    uint32_t crossed = 0, lost = 0, rounds = 0;
    uint32_t t0 = rtgk_now32();
    while (rtgk_now32() - t0 < 1000000000u) {
        uint32_t mine = 0x5EC00000u | (rounds++ & 0xFFFFu);
        tid_write(mine);
        (void)rtgk_svc(PK_SVC_YIELD, 0u, 0u, 0u, 0);
        uint32_t v = tid_read();
        if ((v >> 16) == 0xC0DEu)
            crossed++;
        else if (v != mine)
            lost++;
    }
    struct rtgk_line l = {.len = 0u};
    bool pass = crossed == 0u && lost == 0u && rounds > 100u;
    rtgk_put(&l, "receiver: rounds=");
    rtgk_put_u(&l, rounds);
    rtgk_put(&l, " crossed=");
    rtgk_put_u(&l, crossed);
    rtgk_put(&l, " lost=");
    rtgk_put_u(&l, lost);
    rtgk_flush(&l);
    rtgk_put(&l, pass ? "RESULT rt-cpustate PASS" : "RESULT rt-cpustate FAIL");
    rtgk_flush(&l);
    (void)rtgk_svc(PK_SVC_TEST_EXIT, pass ? 0u : 1u, 0u, 0u, 0);
    for (;;) {
    }
#else
    struct rtgk_line l = {.len = 0u};
    rtgk_put(&l, "thumbee: writing TEEHBR");
    rtgk_flush(&l);
    __asm__ volatile("mcr p14, 6, %0, c1, c0, 0" : : "r"(0xC0DE0000u) : "memory");
    rtgk_put(&l, "thumbee: TEEHBR written");
    rtgk_flush(&l);
    for (;;)
        (void)rtgk_svc(PK_SVC_YIELD, 0u, 0u, 0u, 0);
#endif
}
