/*
 * pk_arch.h - everything the partitioning kernel's core (the C files of partitions/ and
 * partitions/sched/) needs from the processor architecture, in one
 * interface. One implementation per architecture family, in
 * partitions/arch/<family>/ (today: arm, for ARMv5, ARMv6 and ARMv7 alike;
 * what differs between those versions is below it, in the board layer's
 * bsp/arch/arm/v<N>/). The core is compiled unchanged for each; the host
 * unit tests (tests/host/pk) build it against a fake of the same layer.
 *
 * The family's pk_arch_defs.h (found by include path) supplies the types
 * and inline parts: struct pk_arch_part, the partition CPSR rules, the
 * register that carries a service-call number.
 *
 * Address-space model. Each partition has two views: its guest kernel's
 * (both of its ranges reachable from USR mode) and its tasks' (the user
 * range only). The kernel's own view reaches no partition memory at all;
 * where the kernel must copy from or to a partition it opens a view of
 * every partition for a few instructions (pk_arch_view_open / _restore).
 * Switching views costs no TLB or cache maintenance (ARM: a DACR write).
 *
 * All functions run in the kernel with interrupts masked.
 */
#ifndef PK_ARCH_H
#define PK_ARCH_H

#include <stdbool.h>
#include <stdint.h>

#include "pk_arch_defs.h"

struct pk_part;

/* ---- Address spaces ---- */

/* Build the system's map at boot: the board's mappings kept (privileged
 * only), every partition's two ranges and assigned device pages added in
 * its own protection domains, then the kernel's view. Panics if a device
 * cannot be mapped. */
void pk_arch_mem_init(void);
/* Compute the two views of partition p (from p->index) into p->arch. */
void pk_arch_part_init(struct pk_part *p);
/* Enter p's view for its current virtual mode (p->vmode). */
void pk_arch_view_part(const struct pk_part *p);
/* The kernel's own view: no partition reachable. */
void pk_arch_view_kernel(void);
/* The kernel may read and write every partition's ranges until
 * pk_arch_view_restore(the returned value). */
pk_arch_view_t pk_arch_view_open(void);
void pk_arch_view_restore(pk_arch_view_t saved);
/* The same, and also partition p's assigned device pages (which only p's
 * own address space maps), until pk_arch_view_restore_part(the returned
 * value); for the kernel's accesses to p's devices from any context. */
pk_arch_view_t pk_arch_view_open_part(const struct pk_part *p);
void pk_arch_view_restore_part(pk_arch_view_t saved);
/* Whether the view in the hardware is the one p's virtual mode requires;
 * the values compared are given back for the report. */
bool pk_arch_view_is(const struct pk_part *p, uint32_t *have, uint32_t *want);

/* ---- CPU state a partition may write outside its context ---- */

/* At boot: close USR access to CPU state no partition may use (ARMv7:
 * ThumbEE's TEEHBR). */
void pk_arch_cpu_init(void);
/* The partition switch: the CPU state a partition may write in USR mode
 * besides its registers and CPSR flags (ARM: TPIDRURW, and the exclusive
 * monitor, cleared) becomes next's; the previous owner's is saved in its
 * p->arch. Nothing when next already owns it (per CPU). */
void pk_arch_cpu_state_switch(struct pk_part *next);
/* A restart: p's saved state is reset (zero), and what the CPU holds of
 * its old run is dropped, not saved. */
void pk_arch_cpu_state_reset(struct pk_part *p);

/* ---- Loading code ---- */

/* Make a line written by the kernel (at addr) visible to the memory
 * system (the table walk, DMA, the other caches). */
void pk_arch_clean_line(const void *addr);
/* After a partition's code was written: make it visible to instruction
 * fetches. */
void pk_arch_code_sync(void);

/* ---- Faults ---- */

/* The address and status of the data abort being handled. */
uint32_t pk_arch_data_fault(uint32_t *status);
/* The status of the prefetch abort being handled. */
uint32_t pk_arch_prefetch_fault(void);
/* Print the processor state a panic reports (pk_printf). */
void pk_arch_dump(void);

/* ---- CPU ---- */

/* Wait for an interrupt (interrupts stay masked: the kernel polls after). */
void pk_arch_idle(void);
/* Index of the executing CPU (0 on single-core boards). */
unsigned pk_arch_cpu_id(void);

/* ---- Invariant checks (partitions/invariants.c) ---- */

/* The translation map in parts (ARM: one table each) and a checksum of
 * part i taken in steps, so that no check keeps interrupts masked for
 * long: *pos is 0 at the start of the part, a step hashes about `words`
 * words and returns true when the part is done, *h then its checksum. */
unsigned pk_arch_map_parts(void);
bool pk_arch_map_sum_step(unsigned i, uint32_t *pos, uint32_t *h,
                          uint32_t words);
/* Debug only: break the map (1) or the current view (2) once, without any
 * maintenance, to prove the check that covers it. */
void pk_arch_debug_damage(int what);

/* ---- Assembly (partitions/arch/<family>/entry.S) ---- */

/* Resume the current partition (pk_cur_ctx); never returns. */
void pk_arch_resume(void) __attribute__((noreturn));

#endif /* PK_ARCH_H */
