/*
 * rtupstorm - red-team attacker (guest-kernel level, docs/redteam.md
 * rt-upstorm). main() runs in guest-kernel mode and never starts the RTOS.
 * It installs its own upcall handler (in its vCPU page: return at once)
 * and issues PK_SVC_UPCALL_RETURN in a tight loop with a context that
 * resumes right after the svc, its vcpu.tick_skip changing between 200 and
 * 0 each time, so that every return moves the earliest deadline between
 * its own stale tick and the others' (pk_kernel_exit_upcall,
 * partitions/time.c). Before the quick return checked the clock, each one
 * re-armed the one-shot for a deadline already passed, its countdown began
 * again and never ended, no exit looked at the clock, and the victim's VIT
 * wake-up came 2 s late. For RTUP_ATTACK_NS, then it spins.
 */
#include <stdint.h>
#include <string.h>

#include "pk_abi.h"
#include "pv_svc.h"

#define RTUP_ATTACK_NS 2000000000ull /* 2 s: the victim's whole run */

extern struct pk_vcpu pv_vcpu;

static void say(const char *s)
{
    (void)pv_console_write(s, (uint32_t)strlen(s));
}

static void put_u(uint32_t v)
{
    char b[12];
    int i = 11;
    b[i] = 0;
    do {
        b[--i] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0u);
    say(&b[i]);
}

/* UPCALL_RETURN with ctx the registers of this point: the return resumes
 * right after the svc, in guest-kernel mode. */
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

int main(void)
{
    volatile struct pk_vcpu *v = &pv_vcpu;
    uint32_t base = (uint32_t)(uintptr_t)&pv_vcpu;
    /* The upcall handler: mov r7, #UPCALL_RETURN; svc #0; b . */
    volatile uint32_t *stub = (volatile uint32_t *)(uintptr_t)(base + 2048u);
    stub[0] = 0xE3A07000u | PK_SVC_UPCALL_RETURN;
    stub[1] = 0xEF000000u;
    stub[2] = 0xEAFFFFFEu;
    v->upcall_entry = base + 2048u;
    v->upcall_sp = (base + 4000u) & ~7u;
    say("rtupstorm: start\n");
    uint64_t t0 = pv_time_ns();
    uint32_t n = 0;
    for (;;) {
        v->ctx_vmode = PK_VMODE_GUEST_KERNEL;
        v->tick_skip = (n & 1u) ? 200u : 0u;
        upcall_return_here((struct pk_regs *)&pv_vcpu.ctx);
        n++;
        if ((n & 0xFFFu) == 0u && pv_time_ns() - t0 >= RTUP_ATTACK_NS) {
            say("rtupstorm: returns=");
            put_u(n);
            say(", attack over\n");
            for (;;) {
            }
        }
    }
}
