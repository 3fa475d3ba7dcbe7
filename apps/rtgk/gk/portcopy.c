/*
 * portcopy.c - red-team guest kernel: keeps the kernel busy with interrupts
 * masked through the largest port copy.
 *
 * A port call makes one copy of at most PK_PORT_MSG_MAX (4096) bytes
 * between the caller's memory and the kernel's buffer (partitions/port.c):
 * by blocks of eight words when the caller's buffer is word-aligned, byte
 * by byte (about four instructions each) when it is not, which the kernel
 * takes only up to PK_PORT_UNALIGNED_MAX bytes. The partition's
 * configuration gives it a sampling source port "big" of 4096 bytes (no
 * channel is needed to write it); it writes it in a loop, in turn: the
 * whole port from an odd address (to be refused), the longest unaligned
 * message from an odd address, the whole port from an aligned one. It
 * times each call on the global clock and prints every REPORT_EVERY calls
 *   portcopy: calls=<n> refused=<r> last_ns=<t> max_ns=<m>
 */
#include "rtgk.h"

#define REPORT_EVERY 500u
#define MSG 4096u
#define UNALIGNED_MAX 256u /* PK_PORT_UNALIGNED_MAX */

static uint8_t data[MSG + 8u] __attribute__((aligned(8)));
static struct pk_port_info info;

/* A service call with four arguments (r0-r3). */
static __attribute__((noinline)) uint32_t svc4(uint32_t nr, uint32_t a0,
                                               uint32_t a1, uint32_t a2,
                                               uint32_t a3)
{
    register uint32_t r0 __asm__("r0") = a0;
    register uint32_t r1 __asm__("r1") = a1;
    register uint32_t r2 __asm__("r2") = a2;
    register uint32_t r3 __asm__("r3") = a3;
    register uint32_t r7 __asm__("r7") = nr;
    __asm__ volatile("svc #0"
                     : "+r"(r0), "+r"(r1)
                     : "r"(r2), "r"(r3), "r"(r7)
                     : "memory");
    return r0;
}

void rtgk_attack(void);
void rtgk_attack(void)
{
    struct rtgk_line l = {.len = 0u};
    static const char name[] = "big";
    uint32_t port = rtgk_svc(PK_SVC_PORT_OPEN, (uint32_t)(uintptr_t)name,
                             sizeof name - 1u, (uint32_t)(uintptr_t)&info, 0);
    rtgk_put(&l, "portcopy: open=");
    rtgk_put_u(&l, port);
    rtgk_put(&l, " max=");
    rtgk_put_u(&l, info.max_message_size);
    rtgk_flush(&l);
    for (uint32_t i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)i;
    uint32_t max = 0, refused = 0;
    for (uint32_t n = 1;; n++) {
        uint32_t addr = (uint32_t)(uintptr_t)&data[n % 3u == 2u ? 0u : 1u];
        uint32_t len = n % 3u == 1u ? UNALIGNED_MAX : MSG;
        uint32_t t0 = rtgk_now32();
        uint32_t r = svc4(PK_SVC_SAMPLING_WRITE, port, addr, len, 0u);
        uint32_t dt = rtgk_now32() - t0;
        if (dt > max)
            max = dt;
        if (r != 0u)
            refused++;
        if (n % REPORT_EVERY == 0u) {
            rtgk_put(&l, "portcopy: calls=");
            rtgk_put_u(&l, n);
            rtgk_put(&l, " refused=");
            rtgk_put_u(&l, refused);
            rtgk_put(&l, " last_ns=");
            rtgk_put_u(&l, dt);
            rtgk_put(&l, " max_ns=");
            rtgk_put_u(&l, max);
            rtgk_flush(&l);
        }
    }
}
