/*
 * semihost.c - red-team guest kernel: semihosting calls from USR mode.
 *
 * QEMU runs with semihosting enabled (tools/qemu_run.py: the kernel ends a
 * run through it). If QEMU honoured "svc 0x123456" (ARM) or "svc 0xab"
 * (Thumb) from USR mode, a partition could print on the host console
 * unlabelled, read host files, or end the whole run with its own status.
 * With r7 = 99 (no such call), a trap into the partitioning kernel shows as
 * a bad_svc HM line instead. The partition tries SYS_WRITE0 in both states,
 * then SYS_EXIT, and prints
 *   semihost: arm=<r0> thumb=<r0> still running
 * if it is still there.
 */
#include "rtgk.h"

#define SYS_WRITE0 0x04u
#define SYS_EXIT 0x18u
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

static const char msg[] = "SEMIHOSTING REACHED THE HOST\n";

static uint32_t semihost_arm(uint32_t op, uint32_t arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register uint32_t r1 __asm__("r1") = arg;
    register uint32_t r7 __asm__("r7") = 99u;
    __asm__ volatile("svc #0x123456" : "+r"(r0) : "r"(r1), "r"(r7)
                     : "memory");
    return r0;
}

/* The same in Thumb state: bx into a Thumb stub and back. */
static uint32_t semihost_thumb(uint32_t op, uint32_t arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register uint32_t r1 __asm__("r1") = arg;
    register uint32_t r7 __asm__("r7") = 99u;
    __asm__ volatile("adr r3, 1f + 1\n"
                     "    bx r3\n"
                     "    .thumb\n"
                     "1:  svc #0xab\n"
                     "    .balign 4\n"
                     "    bx pc\n"
                     "    nop\n"
                     "    .arm\n"
                     : "+r"(r0) : "r"(r1), "r"(r7) : "r3", "memory");
    return r0;
}

void rtgk_attack(void);
void rtgk_attack(void)
{
    struct rtgk_line l = {.len = 0u};
    uint32_t a = semihost_arm(SYS_WRITE0, (uint32_t)(uintptr_t)msg);
    uint32_t t = semihost_thumb(SYS_WRITE0, (uint32_t)(uintptr_t)msg);
    static const uint32_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, 42u};
    (void)semihost_arm(SYS_EXIT, (uint32_t)(uintptr_t)block);
    rtgk_put(&l, "semihost: arm=");
    rtgk_put_u(&l, a);
    rtgk_put(&l, " thumb=");
    rtgk_put_u(&l, t);
    rtgk_put(&l, " still running");
    rtgk_flush(&l);
    for (;;)
        (void)rtgk_svc(PK_SVC_BLOCK, 0xFFFFFFFFu, 0xFFFFFFFFu, 0u, 0);
}
