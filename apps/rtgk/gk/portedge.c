/*
 * portedge.c - red-team guest kernel: the boundaries of the port, mode,
 * health-monitor-log and schedule calls (16..28), each with the result
 * docs/abi.md and pk_abi.h promise. The partition's configuration
 * (apps/systems/rt-portedge) gives it a sampling channel s -> d and a
 * queuing channel q -> r of 16-byte messages (r: 2 slots), no right over
 * the victim (partition 0, whose port v is index 0), no hm_log and no
 * schedule_control; on_fault = "log", so every refused call returns.
 *
 * Buffers exactly at the end of the user range, one byte past, wrapping
 * past 2^32, in the guest-kernel range with PK_PORT_AS_TASK, in the
 * victim's and the kernel's memory; other partitions' ports, a source used
 * as a destination and the other way round, indices out of range and
 * negative; lengths above the port's and below the message; status
 * structures unaligned and at the end of the range; modes and rights.
 * A sampling read into a too-small buffer must leave it untouched. Every
 * check that gets another result prints
 *   portedge: check <n> got <r> want <w>
 * and the run ends with RESULT rt-portedge PASS (status 0) or FAIL.
 */
#include "rtgk.h"

#define USER_END (PK_LAYOUT_SELF_USER_BASE + PK_LAYOUT_SELF_USER_SIZE)
#define VICTIM_USER PK_LAYOUT_VICTIM_USER_BASE
#define VICTIM_GK PK_LAYOUT_VICTIM_KERNEL_BASE

static uint32_t gk_buf[16] __attribute__((aligned(8)));
static uint32_t st[10] __attribute__((aligned(8)));
static uint32_t bad;
static struct rtgk_line l;

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

static void flush_all(void)
{
    if (l.len < sizeof l.buf)
        l.buf[l.len++] = '\n';
    for (uint32_t done = 0; done < l.len;)
        done += rtgk_svc(PK_SVC_CONSOLE_WRITE,
                         (uint32_t)(uintptr_t)&l.buf[done], l.len - done,
                         0u, 0);
    l.len = 0u;
}

static void expect(uint32_t n, uint32_t got, int32_t want)
{
    if (got == (uint32_t)want)
        return;
    bad++;
    rtgk_put(&l, "portedge: check ");
    rtgk_put_u(&l, n);
    rtgk_put(&l, " got ");
    rtgk_put_u(&l, got);
    rtgk_put(&l, " want ");
    rtgk_put_u(&l, (uint32_t)want);
    flush_all();
}

static uint32_t open_port(const char *name, uint32_t len)
{
    return svc4(PK_SVC_PORT_OPEN, (uint32_t)(uintptr_t)name, len,
                (uint32_t)(uintptr_t)st, 0u);
}

void rtgk_attack(void);
void rtgk_attack(void)
{
    uint32_t s = open_port("s", 1u), d = open_port("d", 1u);
    uint32_t q = open_port("q", 1u), r = open_port("r", 1u);
    expect(1, s, 1);
    expect(2, d, 2);
    expect(3, q, 3);
    expect(4, r, 4);
    expect(5, open_port("v", 1u), PK_ENOENT); /* the victim's name */
    expect(6, svc4(PK_SVC_PORT_OPEN, PK_LAYOUT_KERNEL_BASE, 1u,
                   (uint32_t)(uintptr_t)st, 0u), PK_EFAULT);
    expect(7, svc4(PK_SVC_PORT_OPEN, (uint32_t)(uintptr_t)"s", 1u,
                   (uint32_t)(uintptr_t)st + 2u, 0u), PK_EFAULT);
    expect(8, svc4(PK_SVC_PORT_OPEN, (uint32_t)(uintptr_t)"s", 1u,
                   USER_END - 36u, 0u), PK_EFAULT); /* 40 bytes, 4 past */
    expect(9, svc4(PK_SVC_PORT_OPEN, (uint32_t)(uintptr_t)"s", 1u,
                   USER_END - 40u, 0u), 1);         /* exactly at the end */
    /* Word- but not doubleword-aligned: the 64-bit refresh_ns member would
     * be a doubleword store by the kernel at a misaligned address. */
    static uint32_t st4[12] __attribute__((aligned(8)));
    expect(62, svc4(PK_SVC_PORT_OPEN, (uint32_t)(uintptr_t)"s", 1u,
                    (uint32_t)(uintptr_t)&st4[1], 0u), PK_EFAULT);
    /* A name longer than the port's, NUL-padded: not that port. */
    expect(63, svc4(PK_SVC_PORT_OPEN, (uint32_t)(uintptr_t)"s\0\0\0", 4u,
                    (uint32_t)(uintptr_t)st, 0u), PK_ENOENT);

    /* Sampling write: where the buffer is. */
    uint8_t *end = (uint8_t *)(uintptr_t)(USER_END - 16u);
    for (uint32_t i = 0; i < 16u; i++)
        end[i] = (uint8_t)(0xA0u + i);
    expect(10, svc4(PK_SVC_SAMPLING_WRITE, s, USER_END - 16u, 16u, 0u), 0);
    expect(11, svc4(PK_SVC_SAMPLING_WRITE, s, USER_END - 15u, 16u, 0u),
           PK_EFAULT);
    expect(12, svc4(PK_SVC_SAMPLING_WRITE, s, 0xFFFFFFF8u, 16u, 0u),
           PK_EFAULT);
    expect(13, svc4(PK_SVC_SAMPLING_WRITE, s, (uint32_t)(uintptr_t)gk_buf,
                    16u, PK_PORT_AS_TASK), PK_EFAULT);
    expect(14, svc4(PK_SVC_SAMPLING_WRITE, s, VICTIM_USER, 16u, 0u),
           PK_EFAULT);
    expect(15, svc4(PK_SVC_SAMPLING_WRITE, s, VICTIM_GK, 16u, 0u), PK_EFAULT);
    expect(16, svc4(PK_SVC_SAMPLING_WRITE, s, PK_LAYOUT_KERNEL_BASE, 16u, 0u),
           PK_EFAULT);
    expect(17, svc4(PK_SVC_SAMPLING_WRITE, s, USER_END - 16u, 0xFFFFFFF0u,
                    0u), PK_EMSGSIZE);
    /* Which port, how long, which flags. */
    expect(18, svc4(PK_SVC_SAMPLING_WRITE, 0u, USER_END - 16u, 16u, 0u),
           PK_EPERM); /* the victim's port */
    expect(19, svc4(PK_SVC_SAMPLING_WRITE, d, USER_END - 16u, 16u, 0u),
           PK_EPERM); /* a destination as source */
    expect(20, svc4(PK_SVC_SAMPLING_WRITE, 1000u, USER_END - 16u, 16u, 0u),
           PK_EINVAL);
    expect(21, svc4(PK_SVC_SAMPLING_WRITE, 0xFFFFFFFFu, USER_END - 16u, 16u,
                    0u), PK_EINVAL);
    expect(22, svc4(PK_SVC_SAMPLING_WRITE, s, USER_END - 16u, 17u, 0u),
           PK_EMSGSIZE);
    expect(23, svc4(PK_SVC_SAMPLING_WRITE, s, USER_END - 16u, 0u, 0u),
           PK_EINVAL);
    expect(24, svc4(PK_SVC_SAMPLING_WRITE, s, USER_END - 16u, 16u, 4u),
           PK_EINVAL);
    /* Sampling read: a too-small buffer stays untouched. */
    for (uint32_t i = 0; i < 16u; i++)
        gk_buf[i] = 0x5A5A5A5Au;
    expect(25, svc4(PK_SVC_SAMPLING_READ, d, (uint32_t)(uintptr_t)gk_buf, 15u,
                    0u), PK_EMSGSIZE);
    expect(26, gk_buf[0] == 0x5A5A5A5Au && gk_buf[3] == 0x5A5A5A5Au, 1);
    expect(27, svc4(PK_SVC_SAMPLING_READ, s, (uint32_t)(uintptr_t)gk_buf, 16u,
                    0u), PK_EPERM); /* a source as destination */
    expect(28, svc4(PK_SVC_SAMPLING_READ, d, USER_END - 15u, 16u, 0u),
           PK_EFAULT);
    expect(29, svc4(PK_SVC_SAMPLING_READ, d, (uint32_t)(uintptr_t)gk_buf, 16u,
                    PK_PORT_AS_TASK), PK_EFAULT);
    expect(30, svc4(PK_SVC_SAMPLING_READ, d, (uint32_t)(uintptr_t)gk_buf, 16u,
                    0u), 16);
    expect(31, gk_buf[0], (int32_t)0xA3A2A1A0u);
    /* Status: alignment and the end of the range. */
    expect(32, svc4(PK_SVC_PORT_STATUS, d, (uint32_t)(uintptr_t)st + 4u, 0u,
                    0u), PK_EFAULT);
    expect(33, svc4(PK_SVC_PORT_STATUS, d, USER_END - 32u, 0u, 0u), 0);
    expect(34, svc4(PK_SVC_PORT_STATUS, d, USER_END - 24u, 0u, 0u),
           PK_EFAULT);
    expect(35, svc4(PK_SVC_PORT_STATUS, 0u, (uint32_t)(uintptr_t)st, 0u, 0u),
           PK_EPERM);
    /* Queuing. */
    expect(36, svc4(PK_SVC_QUEUING_SEND, q, USER_END - 16u, 16u, 0u), 0);
    expect(37, svc4(PK_SVC_QUEUING_SEND, q, USER_END - 16u, 16u, 0u), 0);
    expect(38, svc4(PK_SVC_QUEUING_SEND, q, USER_END - 16u, 16u, 0u),
           PK_EFULL);
    expect(39, svc4(PK_SVC_QUEUING_RECEIVE, r, (uint32_t)(uintptr_t)gk_buf,
                    8u, 0u), PK_EMSGSIZE);
    expect(40, svc4(PK_SVC_QUEUING_RECEIVE, q, (uint32_t)(uintptr_t)gk_buf,
                    16u, 0u), PK_EPERM);
    expect(41, svc4(PK_SVC_QUEUING_CLEAR, q, 0u, 0u, 0u), PK_EPERM);
    expect(42, svc4(PK_SVC_QUEUING_SEND, r, USER_END - 16u, 16u, 0u),
           PK_EPERM);
    expect(43, svc4(PK_SVC_QUEUING_RECEIVE, r, 0xFFFFFFF0u, 16u, 0u),
           PK_EFAULT);
    expect(44, svc4(PK_SVC_QUEUING_RECEIVE, r, (uint32_t)(uintptr_t)gk_buf,
                    16u, 0u), 16);
    expect(45, svc4(PK_SVC_QUEUING_CLEAR, r, 0u, 0u, 0u), 0);
    expect(46, svc4(PK_SVC_QUEUING_RECEIVE, r, (uint32_t)(uintptr_t)gk_buf,
                    16u, 0u), PK_EEMPTY);
    /* Modes, the HM log and schedules without the rights. */
    expect(47, svc4(PK_SVC_SET_MODE, 0u, PK_MODE_IDLE, 0u, 0u), PK_EPERM);
    expect(48, svc4(PK_SVC_SET_MODE, 0u, PK_MODE_COLD_START, 0u, 0u),
           PK_EPERM);
    expect(49, svc4(PK_SVC_SET_MODE, 7u, PK_MODE_IDLE, 0u, 0u), PK_EINVAL);
    expect(50, svc4(PK_SVC_SET_MODE, 0xFFFFFFFEu, PK_MODE_IDLE, 0u, 0u),
           PK_EINVAL);
    expect(51, svc4(PK_SVC_SET_MODE, (uint32_t)PK_SELF, 9u, 0u, 0u),
           PK_EINVAL);
    expect(52, svc4(PK_SVC_SET_MODE, (uint32_t)PK_SELF, PK_MODE_WARM_START,
                    0u, 0u), PK_EMODE);
    expect(53, svc4(PK_SVC_MODE_STATUS, 0u, (uint32_t)(uintptr_t)st, 0u, 0u),
           PK_EPERM);
    expect(54, svc4(PK_SVC_MODE_STATUS, (uint32_t)PK_SELF, VICTIM_USER, 0u,
                    0u), PK_EFAULT);
    expect(55, svc4(PK_SVC_MODE_STATUS, (uint32_t)PK_SELF, USER_END - 28u,
                    0u, 0u), PK_EFAULT);
    expect(56, svc4(PK_SVC_HM_LOG_READ, 0u, (uint32_t)(uintptr_t)st, 0u, 0u),
           PK_EPERM);
    expect(57, svc4(PK_SVC_SCHEDULE_SET, 0u, 0u, 0u, 0u), PK_EPERM);
    expect(58, svc4(PK_SVC_SCHEDULE_STATUS, (uint32_t)(uintptr_t)st + 4u, 0u,
                    0u, 0u), PK_EFAULT);
    expect(59, svc4(PK_SVC_SCHEDULE_STATUS, USER_END - 16u, 0u, 0u, 0u), 0);
    expect(60, svc4(23u, 0u, 0u, 0u, 0u), PK_ENOSYS);
    expect(61, svc4(30u, 0u, 0u, 0u, 0u), PK_ENOSYS);
    /* SCHEDULE_ID's name: the kernel's memory, one byte past the end,
     * exactly at the end (then the policy: not cyclic), bad lengths. */
    uint8_t *e4 = (uint8_t *)(uintptr_t)(USER_END - 4u);
    e4[0] = 'm', e4[1] = 'a', e4[2] = 'i', e4[3] = 'n';
    expect(64, svc4(PK_SVC_SCHEDULE_ID, PK_LAYOUT_KERNEL_BASE, 4u, 0u, 0u),
           PK_EFAULT);
    expect(65, svc4(PK_SVC_SCHEDULE_ID, USER_END - 3u, 4u, 0u, 0u), PK_EFAULT);
    expect(66, svc4(PK_SVC_SCHEDULE_ID, USER_END - 4u, 4u, 0u, 0u), PK_EINVAL);
    expect(67, svc4(PK_SVC_SCHEDULE_ID, USER_END - 4u, 0u, 0u, 0u), PK_EINVAL);
    expect(68, svc4(PK_SVC_SCHEDULE_ID, USER_END - 32u, 32u, 0u, 0u),
           PK_EINVAL);
    expect(69, svc4(PK_SVC_SCHEDULE_ID, 0xFFFFFFFEu, 4u, 0u, 0u), PK_EFAULT);

    rtgk_put(&l, bad == 0u ? "RESULT rt-portedge PASS"
                           : "RESULT rt-portedge FAIL checks=");
    if (bad != 0u)
        rtgk_put_u(&l, bad);
    flush_all();
    (void)rtgk_svc(PK_SVC_TEST_EXIT, bad == 0u ? 0u : 1u, 0u, 0u, 0);
    for (;;)
        (void)rtgk_svc(PK_SVC_YIELD, 0u, 0u, 0u, 0);
}
