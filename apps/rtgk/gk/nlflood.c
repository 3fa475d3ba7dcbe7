/*
 * nlflood.c - red-team guest kernel: console writes of 64 newlines.
 *
 * Every newline is a whole line for the kernel to label and queue
 * ("[attacker] "), and the kernel works with interrupts masked: before
 * CONSOLE_WRITE ended with the first line it completed, one call queued 64
 * labelled lines, about 50 us with interrupts masked, and the 1 kHz victim
 * was 50 us late. The partition blocks to a phase that moves by 2 us a
 * round across the victim's 1 ms period, so that some burst starts just
 * before the victim's VIT expiry, then writes its 64 newlines in as many
 * calls as it takes (the quota drains while it sleeps).
 */
#include "rt_upcall.h"
#include "rtgk.h"

static char nl[64];

/* One round: block to the next millisecond + 2 ms + phase, then flood. */
static void nlflood_round(uint64_t *phase)
{
    uint64_t target = (rtgk_now64() / 1000000u + 2u) * 1000000u + *phase;
    *phase = (*phase + 2000u) % 1000000u;
    (void)rtgk_svc(PK_SVC_BLOCK, (uint32_t)target, (uint32_t)(target >> 32), 0u, 0);
    /* All 64, in as many calls as the kernel makes of them (one did all
     * 64 before; each call now ends with its first completed line). */
    uint32_t done = 0;
    while (done < sizeof nl) {
        uint32_t r = rtgk_svc(PK_SVC_CONSOLE_WRITE, (uint32_t)(uintptr_t)(nl + done),
                              sizeof nl - done, 0u, 0);
        if (r == 0u || r > sizeof nl - done)
            break; /* its console share is full (or a refusal) */
        done += r;
    }
}

void rtgk_attack(void);
void rtgk_attack(void)
{
    for (unsigned i = 0; i < sizeof nl; i++)
        nl[i] = '\n';
    rt_upcall_install();
    uint64_t phase = 0;
    for (;;)
        nlflood_round(&phase);
}
