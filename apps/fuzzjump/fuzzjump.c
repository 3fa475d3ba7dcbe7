/*
 * fuzzjump - the fuzzer's partner for attempts that cannot be skipped
 * (tests/target/pk-fuzz), run with on_fault = "restart": one attempt per
 * cold start, chosen by the start count (vcpu.restarts, written by the
 * kernel), each announced by a line
 *   JUMP n=<n> <what>
 * From the guest kernel (main(), before os_start): jumps to the vectors,
 * the high vector page, kernel text in Thumb state, another partition's
 * code; forged upcall-return contexts (Thumb, privileged mode, unaligned
 * PC, bad virtual mode, a task context in guest-kernel memory); gate
 * returns with a bad and with a valid gate slot. From the task: jumps to
 * the vectors, the kernel's stacks, a gate in Thumb state, the middle of a
 * gate, the gate trampoline, another partition's code, the top of the
 * address space, and an ARM-state jump to a gate with garbage arguments;
 * service calls in Thumb state (a task's, the guest kernel's at the start
 * of its range and with flags set), which the kernel refuses as bad
 * contexts.
 * Each ends in a health-monitor record and a restart; after the last one
 * the partition sleeps. The fuzzer partition waits for FUZZ_JUMP_ATTEMPTS
 * restarts.
 */
#include <stdint.h>
#include <stdio.h>

#include "../fuzz/fuzz_map.h"
#include "os.h"
#include "pv_svc.h"

extern struct pk_vcpu pv_vcpu;
void pv_gate_trampoline(void);

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[512];
static _Alignas(8) port_stack_t landing_stack[128];

/* Thumb "svc #0" (r7 = TIME_GET) on a word and on a halfword boundary,
 * then a branch to itself. */
void thumb_svc_w(void);
void thumb_svc_h(void);
__asm__(".thumb\n.balign 4\n.global thumb_svc_w\n.type thumb_svc_w, %function\n"
        "thumb_svc_w:\n movs r7, #4\n svc #0\n1: b 1b\n"
        ".balign 4\n nop\n.global thumb_svc_h\n.type thumb_svc_h, %function\n"
        "thumb_svc_h:\n movs r7, #4\n svc #0\n2: b 2b\n.arm\n");

static void jump(uint32_t addr)
{
    /* bx: bit 0 selects Thumb state. */
    __asm__ volatile("bx %0" : : "r"(addr) : "memory");
}

/* Where a valid gate return lands (task mode): it must fault its way to
 * the next start, from task mode (a jump to the trampoline). */
static void landing(void)
{
    static const char msg[] = "JUMP landed in task mode\n";
    (void)pv_console_write(msg, sizeof msg - 1u);
    jump((uint32_t)(uintptr_t)pv_gate_trampoline);
}

static void forge_upcall(uint32_t pc, uint32_t cpsr, uint32_t vmode)
{
    pv_vcpu.ctx.r[13] = JUMPER_USER + 0x8000u;
    pv_vcpu.ctx.r[15] = pc;
    pv_vcpu.ctx.cpsr = cpsr;
    pv_vcpu.ctx_vmode = vmode;
    (void)pv_svc(PK_SVC_UPCALL_RETURN, 0u, 0u, 0u);
}

static void gate_return(uint32_t lr, uint32_t sp)
{
    pv_vcpu.gate_lr = lr;
    pv_vcpu.gate_sp = sp;
    /* The kernel takes an svc at the registered trampoline as the gate
     * return. */
    jump((uint32_t)(uintptr_t)pv_gate_trampoline);
}

static void announce(uint32_t n, const char *what)
{
    printf("JUMP n=%lu %s\n", (unsigned long)n, what);
}

static void work(void *arg)
{
    (void)arg;
    struct pk_part_status st;
    (void)pv_part_status(PK_SELF, &st); /* tasks cannot read the vCPU */
    uint32_t n = st.restarts;
    uint32_t gate = (uint32_t)(uintptr_t)os_tick_count;
    switch (n) {
    case 12: announce(n, "task jumps to the reset vector"); jump(0x0u); break;
    case 13: announce(n, "task jumps to the svc vector"); jump(0x8u); break;
    case 14: announce(n, "task jumps into kernel stacks"); jump(KERNEL_END - 0x1000u); break;
    case 15: announce(n, "task jumps to a gate in Thumb state"); jump(gate | 1u); break;
    case 16: announce(n, "task jumps into the middle of a gate"); jump(gate + 4u); break;
    case 17: announce(n, "task jumps to the gate trampoline"); jump((uint32_t)(uintptr_t)pv_gate_trampoline); break;
    case 18: announce(n, "task jumps into the victim's code"); jump(VICTIM_USER); break;
    case 19: announce(n, "task jumps to the top of the address space"); jump(0xfffffffcu); break;
    case 20: announce(n, "task jumps to the high vectors"); jump(HIGH_VECTORS); break;
    case 21: {
        announce(n, "task calls a gate in ARM state with garbage arguments");
        /* os_sem_give(garbage): refused by the object check, returns. */
        (void)os_sem_give((struct os_sem *)(uintptr_t)0xdeadbeefu);
        announce(n, "gate returned; now a fault");
        jump(0x0u);
        break;
    }
    case 22: announce(n, "task jumps to own guest-kernel data"); jump((uint32_t)(uintptr_t)&task); break;
    case 23: announce(n, "task issues svc in Thumb state (word boundary)"); jump((uint32_t)(uintptr_t)thumb_svc_w | 1u); break;
    case 24: announce(n, "task issues svc in Thumb state (halfword boundary)"); jump((uint32_t)(uintptr_t)thumb_svc_h | 1u); break;
    default:
        break;
    }
    /* Past the last attempt (FUZZ_JUMP_ATTEMPTS in apps/fuzz). */
    printf("JUMP all attempts made (%lu starts), idle\n", (unsigned long)n);
    for (;;)
        os_delay(1000u);
}

int main(void)
{
    uint32_t n = pv_vcpu.restarts;
    uint32_t own = (uint32_t)(uintptr_t)main;
    switch (n) {
    case 0: announce(n, "guest kernel jumps to the reset vector"); jump(0x0u); break;
    case 1: announce(n, "guest kernel jumps to the FIQ vector"); jump(0x1cu); break;
    case 2: announce(n, "guest kernel jumps to the high vectors"); jump(HIGH_VECTORS); break;
    case 3: announce(n, "guest kernel jumps to kernel text in Thumb state"); jump(0x1001u); break;
    case 4: announce(n, "guest kernel jumps into the victim's guest kernel"); jump(VICTIM_GK); break;
    case 5: announce(n, "upcall return to a Thumb context"); forge_upcall(own, 0x30u, PK_VMODE_GUEST_KERNEL); break;
    case 6: announce(n, "upcall return to SVC mode"); forge_upcall(own, 0x13u, PK_VMODE_GUEST_KERNEL); break;
    case 7: announce(n, "upcall return to an unaligned PC"); forge_upcall(own + 2u, 0x10u, PK_VMODE_GUEST_KERNEL); break;
    case 8: announce(n, "upcall return with virtual mode 2"); forge_upcall(own, 0x10u, 2u); break;
    case 9: announce(n, "upcall return to a task context in guest-kernel memory"); forge_upcall(JUMPER_GK + 0x100u, 0x10u, PK_VMODE_TASK); break;
    case 10: announce(n, "gate return to kernel memory"); gate_return(0x100u, JUMPER_USER + 0x1000u); break;
    case 25:
        /* Thumb "svc #0" over pv_entry, which has done its work (QEMU keeps
         * no separate instruction cache; hardware would need a clean that
         * this mode cannot do): the word before it is another partition's. */
        announce(n, "guest kernel issues svc in Thumb state at the start of its range");
        *(volatile uint32_t *)(uintptr_t)JUMPER_GK = 0xe7fedf00u;
        jump(JUMPER_GK | 1u);
        break;
    case 26:
        announce(n, "guest kernel issues svc in Thumb state with flags set");
        __asm__ volatile("msr cpsr_f, #0xf0000000" : : : "cc");
        jump((uint32_t)(uintptr_t)thumb_svc_w | 1u);
        break;
    case 11:
        announce(n, "gate return with a valid slot");
        gate_return((uint32_t)(uintptr_t)landing,
                    (uint32_t)(uintptr_t)&landing_stack[128]);
        break;
    default:
        break;
    }
    os_init();
    os_task_create(&task, "jump", work, NULL, 1, stack, 512u);
    os_start();
}
