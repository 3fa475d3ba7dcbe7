/*
 * pk_arch_defs.h (ARM) - the types and inline parts of pk_arch.h for the
 * ARM family (ARMv5, ARMv6, ARMv7 in AArch32): the protection domains of a
 * partition, the CPSR rules of a partition context, where a service call
 * carries its number. Included through partitions/pk_arch.h only.
 */
#ifndef PK_ARCH_DEFS_H
#define PK_ARCH_DEFS_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu_bits.h"

/*
 * Address spaces (chosen by the board, BOARD_PK_SPACE, which defines
 * PK_ARCH_ASID for "asid"):
 * - domains (space_domains.c, ARMv5): one table; D0 kernel RAM, D1 devices
 *   (both privileged-only), then two per partition: its guest kernel's
 *   range and its user range with its assigned device pages. ARM has 16,
 *   so at most 7 partitions (tools/pkconfig.py checks the board's
 *   `domains` against the count).
 * - asid (space_asid.c, ARMv6/ARMv7): a table per partition; D0, D1 as
 *   above, D2 the running partition's guest kernel, D3 its user range, D4
 *   every other partition's ranges (kernel only).
 */
#define PK_DOMAIN_KERNEL 0u
#define PK_DOMAIN_IO 1u
#ifdef PK_ARCH_ASID
#define PK_DOMAIN_GUEST_KERNEL(p) ((void)(p), 2u) /* its tick core */
#define PK_DOMAIN_USER(p) ((void)(p), 3u)         /* its tasks */
#define PK_DOMAIN_OTHERS 4u
#else
#define PK_DOMAIN_GUEST_KERNEL(p) (2u + 2u * (p)) /* partition p's tick core */
#define PK_DOMAIN_USER(p) (3u + 2u * (p))         /* partition p's tasks */
#endif

/* A saved view (pk_arch_view_open): the DACR. */
typedef uint32_t pk_arch_view_t;

/* The architecture's part of a partition (struct pk_part.arch). */
struct pk_arch_part {
    uint32_t dacr_gk;   /* DACR while its guest kernel runs: its two
                         * domains, the guest kernel's as manager */
    uint32_t dacr_task; /* DACR while one of its tasks runs: both client
                         * (the guest-kernel range is privileged-only) */
#ifdef PK_ARCH_ASID
    unsigned space;     /* its translation table (mmu.h space) */
    unsigned asid;      /* its address-space identifier (1..255) */
#endif
    uint32_t user_tid;  /* its TPIDRURW while another partition runs
                         * (ARMv6, ARMv7; pk_arch_cpu_state_switch) */
};

/*
 * The CPU state a partition may run in (docs/memory.md, "CPU state"): USR
 * mode, ARM state (no Thumb, no Jazelle), little-endian, interrupts and
 * aborts unmasked. Of the CPSR only the condition flags (and the ARMv6 GE
 * flags) are the partition's own; every other bit must be exactly that of
 * plain USR mode. Every kernel entry checks the state the partition was in
 * (trap.c), and every context the kernel resumes at an address it chose
 * (gate, upcall, restart) gets a clean CPSR, so no partition-chosen state
 * (e.g. Thumb) ever reaches guest-kernel code or the kernel's decoding.
 */
#define PK_CPSR_OWN (CPU_PSR_FLAGS | CPU_PSR_GE)
/* The CPSR a partition starts in. */
#define PK_CPSR_START CPU_MODE_USR
static inline bool pk_cpsr_ok(uint32_t cpsr)
{
    return (cpsr & ~PK_CPSR_OWN) == CPU_MODE_USR;
}
static inline uint32_t pk_cpsr_clean(uint32_t cpsr)
{
    return (cpsr & PK_CPSR_OWN) | CPU_MODE_USR;
}
/* Whether a context (as saved) is in USR mode with IRQs and FIQs
 * enabled, and whether it is in Thumb state (invariant checks). */
static inline bool pk_cpsr_usr_unmasked(uint32_t cpsr)
{
    return (cpsr & CPU_MODE_MASK) == CPU_MODE_USR &&
           (cpsr & (CPU_PSR_I | CPU_PSR_F)) == 0u;
}
static inline bool pk_cpsr_thumb(uint32_t cpsr)
{
    return (cpsr & CPU_PSR_T) != 0u;
}

/* Service calls: the number is in r7; the saved PC is the address after
 * the svc instruction, which is 4 bytes long in ARM state (the entry check
 * refuses any other state first). */
#define PK_ARCH_SVC_NR_REG 7u
static inline uint32_t pk_arch_svc_addr(uint32_t saved_pc)
{
    return saved_pc - 4u;
}

#endif /* PK_ARCH_DEFS_H */
