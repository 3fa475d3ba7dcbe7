/*
 * survey.c - red-team guest kernel: how long the kernel keeps interrupts
 * masked for each kind of entry a partition can make.
 *
 * Every service call (and a data abort, on_fault = "log") is made ROUNDS
 * times, each timed on the global clock from the partition (two TIME_GET
 * calls around it; their own cost, the first line, is included in every
 * figure). Alone on the CPU, the least time of a kind is what one such
 * kernel entry costs; the kernel runs it with IRQs masked. One line each:
 *   survey: <what> min_ns=<t> max_ns=<t>
 * then the partition ends the run (test kernels).
 */
#include "rtgk.h"

#define ROUNDS 50u

static uint32_t table[64];
static char line120[120];

/* One probe: make the entry kind `what` once. */
static void probe(uint32_t what)
{
    uint32_t base = (uint32_t)(uintptr_t)&table[0];
    switch (what) {
    case 0:
        break;
    case 1:
        (void)rtgk_svc(PK_SVC_YIELD, 0u, 0u, 0u, 0);
        break;
    case 2: {
        static struct pk_part_status st __attribute__((aligned(8)));
        (void)rtgk_svc(PK_SVC_PART_STATUS, 0xFFFFFFFFu,
                       (uint32_t)(uintptr_t)&st, 0u, 0);
        break;
    }
    case 3:
        (void)rtgk_svc(PK_SVC_VIT_REQUEST, 1u, 0u, 0u, 0);
        break;
    case 4:
        (void)rtgk_svc(PK_SVC_TIMER_SET, 0xFFFFFFFFu, 0xFFFFFFFFu, 0u, 0);
        break;
    case 5:
        (void)rtgk_svc(PK_SVC_EVENT_RAISE, 0u, 0u, 0u, 0);
        break;
    case 6:
        (void)rtgk_svc(PK_SVC_BLOCK, 1u, 0u, 0u, 0); /* deadline passed */
        break;
    case 7:
        (void)rtgk_svc(PK_SVC_IRQ_DONE, 31u, 0u, 0u, 0);
        break;
    case 8:
        (void)rtgk_svc(PK_SVC_CONSOLE_WRITE, (uint32_t)(uintptr_t)line120,
                       120u, 0u, 0);
        break;
    case 9:
        (void)rtgk_svc(PK_SVC_GATE_SETUP, base, 64u, base, 0);
        break;
    case 10:
        (void)rtgk_svc(PK_SVC_REPORT_ERROR, PK_GUEST_ERR_APP, 0u, 0u, 0);
        break;
    case 11:
    {
        /* A load from kernel RAM, through a register so that the compiler
         * sees no constant address. */
        uint32_t a = 0x100u, v;
        __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(a) : "memory");
        (void)v;
        break;
    }
    default:
        (void)rtgk_svc(99u, 0u, 0u, 0u, 0); /* unknown call */
        break;
    }
}

static const char *const names[] = {
    "time_get_pair", "yield", "part_status", "vit_request_past",
    "timer_set_never", "event_raise_0", "block_past", "irq_done_bad",
    "console_write_120", "gate_setup_sorted_then_refused",
    "report_error_hm_line", "data_abort_hm_line", "unknown_svc_hm_line",
};

void rtgk_attack(void);
void rtgk_attack(void)
{
    uint32_t base = (uint32_t)(uintptr_t)&table[0];
    for (uint32_t i = 0; i < 63u; i++)
        table[i] = base + 4u * (63u - i);
    table[63] = base + 2u;
    for (uint32_t i = 0; i < 119u; i++)
        line120[i] = 'x';
    line120[119] = '\n';
    struct rtgk_line l = {.len = 0u};
    for (uint32_t w = 0; w < sizeof names / sizeof names[0]; w++) {
        uint32_t min = 0xFFFFFFFFu, max = 0u;
        for (uint32_t n = 0; n < ROUNDS; n++) {
            uint32_t t0 = rtgk_now32();
            probe(w);
            uint32_t dt = rtgk_now32() - t0;
            if (dt < min)
                min = dt;
            if (dt > max)
                max = dt;
        }
        rtgk_put(&l, "survey: ");
        rtgk_put(&l, names[w]);
        rtgk_put(&l, " min_ns=");
        rtgk_put_u(&l, min);
        rtgk_put(&l, " max_ns=");
        rtgk_put_u(&l, max);
        rtgk_flush(&l);
    }
    rtgk_put(&l, "RESULT rt-survey PASS");
    rtgk_flush(&l);
    (void)rtgk_svc(PK_SVC_TEST_EXIT, 0u, 0u, 0u, 0);
    for (;;) {
    }
}
