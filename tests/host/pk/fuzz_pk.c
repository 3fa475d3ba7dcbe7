/*
 * fuzz_pk.c - libFuzzer harness of the partitioning kernel on the host.
 *
 * Each input boots a fresh kernel (pk_env.c) and is read as a sequence of
 * 24-byte steps; each step is what a partition can do to the kernel: let
 * time pass, write a field of its vCPU page (guest-kernel mode only, as on
 * the target), then take an exception (service call with r7 and r0-r3,
 * prefetch abort at an address, data abort, undefined instruction, IRQ)
 * from a CPU state the input chooses (Thumb, Jazelle, big-endian, masked
 * bits are all possible from USR mode). Addresses are drawn near the edges
 * of every range, where the checks are.
 *
 * After every step the harness checks what must hold whatever the input:
 *   - the kernel never ends the run (bsp_exit) except for TEST_EXIT or
 *     once every partition is stopped;
 *   - the partition about to be resumed is runnable, in plain USR mode and
 *     ARM state, with its pc in memory its virtual mode may execute;
 *   - the DACR is exactly the one of its virtual mode (recomputed here from
 *     the domain plan of docs/memory.md, not taken from the kernel);
 *   - no partition's memory changed unless its domains were accessible at
 *     some point of the step (checksums), and the kernel never touched
 *     memory the DACR closed (the fake board makes it PROT_NONE: a crash).
 * A scheduler invariant failure aborts (a finding).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmu.h"
#include "pk_env.h"

#define STEP_BYTES 24u
#define MAX_STEPS 64u

/* Little-endian reads from the input. */
static uint32_t rd32(const uint8_t *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
           (uint32_t)b[3] << 24;
}

/* An address near an edge of a range: the selector picks a range (the
 * guest-kernel and user ranges of each partition, the kernel's RAM, zero)
 * and where in it (start, end, vCPU page), the rest is a small signed
 * offset. Raw values pass through when the top bits say so. */
static uint32_t shape_addr(uint32_t v)
{
    uint32_t sel = v >> 28;
    if (sel >= 12u)
        return v; /* raw */
    uint32_t part = (sel % 6u) / 2u, user = sel % 2u;
    uint32_t base = user ? PKT_USER_BASE(part) : PKT_GK_BASE(part);
    int32_t off = (int32_t)((v >> 8) & 0xFFFu) - 0x800;
    switch ((v >> 20) & 3u) {
    case 0:
        return base + (uint32_t)off;
    case 1:
        return base + PKT_RANGE + (uint32_t)off;
    case 2:
        return base + PKT_RANGE - PK_VCPU_PAGE_SIZE + (uint32_t)off;
    default:
        return sel >= 6u ? FAKE_KRAM_BASE + (uint32_t)off : (v & 0xFFu);
    }
}

/* CPU states a partition can be found in. */
static const uint32_t cpsrs[8] = {
    CPU_MODE_USR, CPU_MODE_USR, CPU_MODE_USR | CPU_PSR_FLAGS,
    CPU_MODE_USR | CPU_PSR_T, CPU_MODE_USR | CPU_PSR_J,
    CPU_MODE_USR | CPU_PSR_E, CPU_MODE_USR | CPU_PSR_I, CPU_MODE_SVC,
};

/* The DACR partition p must run under in its virtual mode: its guest
 * kernel is manager of its own domain and client of its user domain (so
 * that a bus master's read-only pages stay read-only to it too); its
 * tasks are client of both. */
static uint32_t expected_dacr(const struct pk_part *p)
{
    uint32_t gk = p->vmode == PK_VMODE_TASK ? MMU_DOM_CLIENT : MMU_DOM_MANAGER;
    return MMU_DACR(PK_DOMAIN_KERNEL, MMU_DOM_CLIENT) |
           MMU_DACR(PK_DOMAIN_IO, MMU_DOM_CLIENT) |
           MMU_DACR(PK_DOMAIN_GUEST_KERNEL(p->index), gk) |
           MMU_DACR(PK_DOMAIN_USER(p->index), MMU_DOM_CLIENT);
}

static bool in(uint32_t a, uint32_t base)
{
    return a - base < PKT_RANGE;
}

/* A checksum of partition i's two ranges (both must be readable). */
static uint64_t mem_sum(unsigned i)
{
    uint64_t h = 1469598103934665603ull;
    const uint64_t *w = (const uint64_t *)(uintptr_t)PKT_GK_BASE(i);
    for (uint32_t k = 0; k < 2u * PKT_RANGE / 8u; k++)
        h = (h ^ w[k]) * 1099511628211ull;
    return h;
}

static void finding(const char *what)
{
    fprintf(stderr, "pk fuzz: invariant broken: %s\n%s\n", what,
            env_console_text());
    abort();
}

/* A place of p's own code for its virtual mode: the pc of an svc (the
 * address after it), data abort or undefined instruction. */
static uint32_t code_pc(const struct pk_part *p, uint32_t v)
{
    bool user = p->vmode == PK_VMODE_TASK || (v & 1u) != 0u;
    uint32_t base = user ? p->cfg->user_base : p->cfg->kernel_base;
    return base + 4u + ((v >> 1) % (PKT_RANGE / 4u - 3u)) * 4u;
}

/* One step; false when the run is over (test exit, idle forever). */
static bool step(const uint8_t *s)
{
    struct pk_part *p = pk_cur;
    uint32_t op = s[0] % 8u;
    uint32_t cpsr = cpsrs[s[1] & 7u];
    uint32_t a = rd32(s + 4), b = rd32(s + 8), c = rd32(s + 12);
    uint32_t d = rd32(s + 16), e = rd32(s + 20);

    /* Time passes while the partition runs (0 .. ~16 ms). */
    fake_clock_set(fake_now_ns + ((uint64_t)s[2] << (s[3] % 17u)));

    /* The guest kernel writes one word of its vCPU page (or of its gate
     * table area) before trapping. */
    if (p->vmode == PK_VMODE_GUEST_KERNEL && (s[1] & 0x80u) != 0u) {
        uint32_t word = (s[1] >> 3) & 0xFu;
        static const uint32_t offs[16] = {
            0, 4, 8, 12, 16 + 13 * 4, 16 + 14 * 4, 16 + 15 * 4, 16 + 16 * 4,
            84, 124, 128, 132, 0x100, 0x104, 0x108, 0x10C};
        uint32_t at = p->cfg->kernel_base + PKT_RANGE - PK_VCPU_PAGE_SIZE +
                      offs[word];
        if (word >= 12u) /* a gate table in the guest kernel's data */
            at = p->cfg->kernel_base + 0x1000u + (word - 12u) * 4u;
        *(volatile uint32_t *)(uintptr_t)at =
            word == 8u ? e % 3u : shape_addr(e);
    }

    jmp_buf exited, idle;
    fake_exit_jmp = &exited;
    fake_idle_jmp = &idle;
    if (setjmp(exited) != 0) {
        fake_exit_jmp = fake_idle_jmp = NULL;
        return false; /* checked by the caller */
    }
    if (setjmp(idle) != 0) {
        fake_exit_jmp = fake_idle_jmp = NULL;
        return false; /* nothing can ever run again: a legal end */
    }
    p->ctx.cpsr = cpsr;
    p->ctx.r[13] = shape_addr(d);
    p->ctx.r[14] = shape_addr(e);
    switch (op) {
    case 0:
    case 1:
    case 2: { /* a service call; r7 mostly in range */
        uint32_t nr = (s[1] & 0x40u) ? d : (uint32_t)(s[2] % (PK_SVC_COUNT + 1u));
        uint32_t pc = code_pc(p, c);
        if ((s[3] & 0x20u) != 0u && p->n_gates != 0u)
            pc = p->gate_trampoline + 4u;
        env_svc_at(p, pc, nr, shape_addr(a), (s[3] & 0x40u) ? b : shape_addr(b),
                   (s[3] & 0x80u) ? c : shape_addr(c) & 0xFFFu, d);
        break;
    }
    case 3: /* a prefetch abort: at a gate, or anywhere */
        p->ctx.r[15] = (p->n_gates != 0u && (a & 1u) != 0u)
                           ? p->gates[(a >> 1) % p->n_gates] + ((a >> 8) & 4u)
                           : shape_addr(a);
        pk_trap_pabt();
        break;
    case 4:
        p->ctx.r[15] = code_pc(p, c);
        fake_cpu_far = shape_addr(a);
        fake_cpu_dfsr = b & 0xFFu;
        pk_trap_dabt();
        break;
    case 5:
        p->ctx.r[15] = code_pc(p, c);
        pk_trap_undef();
        break;
    default: /* an interrupt: the timer when due, maybe the device */
        p->ctx.r[15] = code_pc(p, c);
        if ((a & 1u) != 0u)
            fake_irq_pending |= 1ull << PKT_DEV_IRQ;
        pk_trap_irq();
        break;
    }
    fake_exit_jmp = fake_idle_jmp = NULL;
    return true;
}

static void check_resumable(void)
{
    const struct pk_part *q = pk_cur;
    if (q == NULL)
        finding("no partition to resume");
    if (q->state != PK_STATE_READY)
        finding("resuming a partition that is not ready");
    uint32_t cpsr = q->ctx.cpsr;
    if ((cpsr & CPU_MODE_MASK) != CPU_MODE_USR ||
        (cpsr & (CPU_PSR_T | CPU_PSR_J | CPU_PSR_E | CPU_PSR_I | CPU_PSR_F |
                 CPU_PSR_A)) != 0u)
        finding("resumed context is not plain USR mode, ARM state");
    uint32_t pc = q->ctx.r[15];
    bool pc_ok = q->vmode == PK_VMODE_TASK
                     ? in(pc, q->cfg->user_base)
                     : q->vmode == PK_VMODE_GUEST_KERNEL &&
                           (in(pc, q->cfg->user_base) ||
                            in(pc, q->cfg->kernel_base));
    if (!pc_ok || (pc & 3u) != 0u)
        finding("resumed pc outside the memory its virtual mode executes");
    if (fake_cpu_dacr != expected_dacr(q))
        finding("DACR does not match the virtual mode");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!env_boot())
        finding("boot failed");
    check_resumable();
    uint64_t sums[PK_MAX_PARTITIONS];
    for (size_t n = 0; n + STEP_BYTES <= size && n / STEP_BYTES < MAX_STEPS;
         n += STEP_BYTES) {
        const uint8_t *s = data + n;
        bool checksums = (s[0] & 0x80u) != 0u; /* costly: some steps */
        if (checksums) {
            fake_mem_open();
            for (unsigned i = 0; i < pk_system.n_partitions; i++)
                sums[i] = mem_sum(i);
            fake_mem_guard();
        }
        fake_dacr_union = fake_cpu_dacr;
        unsigned exits = fake_exit_calls;
        bool go_on = step(s);
        if (fake_exit_calls != exits) {
            /* Only TEST_EXIT may end the run, with the caller's status, or
             * a test kernel whose partitions are all stopped (after any
             * fault, with status 4). */
            const char *t = env_console_text();
            if (strstr(t, "PK all partitions stopped") != NULL) {
                for (unsigned i = 0; i < pk_system.n_partitions; i++)
                    if (pk_parts[i].state != PK_STATE_STOPPED)
                        finding("all-stopped exit with a partition left");
                if (fake_exit_status != 4)
                    finding("all-stopped exit with another status");
                return 0;
            }
            if ((s[0] % 8u) > 2u)
                finding("bsp_exit outside a service call");
            if (strstr(t, "PK test exit") == NULL)
                finding("bsp_exit without TEST_EXIT (a panic?)");
            return 0;
        }
        if (checksums) {
            fake_mem_open();
            for (unsigned i = 0; i < pk_system.n_partitions; i++) {
                uint32_t doms =
                    (fake_dacr_union >> (2u * PK_DOMAIN_GUEST_KERNEL(i))) & 0xFu;
                if (doms == 0u && mem_sum(i) != sums[i])
                    finding("memory of a partition changed while closed");
            }
            fake_mem_guard();
        }
        if (!go_on)
            return 0;
        check_resumable();
        env_console_clear();
    }
    return 0;
}
