/*
 * iso32.h - the isolation half of tests/target/pk-32, run by every one of
 * its 32 partitions before it starts spinning: a read of the next
 * partition's user range and a write to its guest-kernel range (the last
 * partition's next is the first). Both must be refused by the MMU (data
 * aborts the health monitor logs: the partitions run with on_fault =
 * "log", which resumes after the faulting instruction), leave the read's
 * register untouched and the neighbour's memory unchanged, and count two
 * faults in the kernel's PART_STATUS of this partition. It prints
 *   iso: index=<i> next=<kernel range of the next> faults=<n> <ok|BAD>
 * for the host check.
 *
 * Every partition of pk-32 has two 1 MiB ranges placed one after the other
 * by pkconfig (PK_LAYOUT_*), so the next partition's ranges follow one's
 * own user range; the static assertions below hold the test to that.
 */
#ifndef ISO32_H
#define ISO32_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "pv_svc.h"

#define ISO32_RANGE 0x00100000u
#define ISO32_SENTINEL 0x15032032u

_Static_assert(PK_LAYOUT_SELF_KERNEL_SIZE == ISO32_RANGE &&
                   PK_LAYOUT_SELF_USER_SIZE == ISO32_RANGE &&
                   PK_LAYOUT_SELF_USER_BASE ==
                       PK_LAYOUT_SELF_KERNEL_BASE + ISO32_RANGE,
               "pk-32 partitions: two 1 MiB ranges in a row");
_Static_assert(PK_LAYOUT_P31_USER_BASE ==
                   PK_LAYOUT_P00_KERNEL_BASE + 63u * ISO32_RANGE,
               "pk-32: the 32 partitions one after the other");

static inline uint32_t iso32_read(uint32_t addr)
{
    register uint32_t v __asm__("r0") = ISO32_SENTINEL;
    __asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(addr) : "memory");
    return v;
}

static inline void iso32_write(uint32_t addr, uint32_t v)
{
    __asm__ volatile("str %0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

static inline void iso32_attack(void)
{
    struct pk_part_status st;
    (void)pv_part_status(PK_SELF, &st);
    uint32_t next_gk = PK_LAYOUT_SELF_USER_BASE + ISO32_RANGE;
    if (PK_LAYOUT_SELF_KERNEL_BASE == PK_LAYOUT_P31_KERNEL_BASE)
        next_gk = PK_LAYOUT_P00_KERNEL_BASE;
    uint32_t faults0 = st.faults;
    uint32_t got = iso32_read(next_gk + ISO32_RANGE + 0x100u);
    iso32_write(next_gk + 0x200u, 0xbadc0de5u);
    (void)pv_part_status(PK_SELF, &st);
    bool ok = got == ISO32_SENTINEL && st.faults == faults0 + 2u;
    printf("iso: index=%lu next=0x%08lx faults=%lu %s\n",
           (unsigned long)st.index, (unsigned long)next_gk,
           (unsigned long)(st.faults - faults0), ok ? "ok" : "BAD");
}

#endif /* ISO32_H */
