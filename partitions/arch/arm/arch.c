/*
 * arch.c (ARM) - the parts of pk_arch.h that do not depend on how address
 * spaces are separated: code loading, faults, idle, the CPU number, the
 * map's checksum. The address spaces are space_domains.c (ARMv5: one table,
 * a partition switch is a DACR write) or space_asid.c (ARMv6, ARMv7: one
 * table per partition, tagged by ASID), chosen by the board
 * (BOARD_PK_SPACE).
 */
#include "pk_kernel.h"

#include "cpu.h"
#include "mmu.h"

void pk_arch_clean_line(const void *addr)
{
    cpu_dcache_clean_line(addr);
}

void pk_arch_code_sync(void)
{
    cpu_dsb();
    cpu_icache_invalidate_all();
    cpu_dsb();
    cpu_isb();
}

uint32_t pk_arch_data_fault(uint32_t *status)
{
    *status = cpu_dfsr_read();
    return cpu_far_read();
}

uint32_t pk_arch_prefetch_fault(void)
{
    return cpu_ifsr_read();
}

void pk_arch_dump(void)
{
    pk_printf("  cpsr=0x%08x dfsr=0x%08x far=0x%08x ifsr=0x%08x "
              "dacr=0x%08x\n", cpu_cpsr_read(), cpu_dfsr_read(),
              cpu_far_read(), cpu_ifsr_read(), cpu_dacr_read());
}

void pk_arch_idle(void)
{
    cpu_wfi();
}

/* The partition whose user-writable CPU state each CPU holds (NULL: none,
 * or that of a partition restarted since, which is dropped). */
static struct pk_part *cpu_state_owner[CPU_MAX_CPUS];

void pk_arch_cpu_init(void)
{
    cpu_user_thumbee_lock();
}

void pk_arch_cpu_state_switch(struct pk_part *next)
{
    struct pk_part **owner = &cpu_state_owner[cpu_id()];
    if (*owner == next)
        return;
    if (CPU_HAS_USER_TID) {
        if (*owner != NULL)
            (*owner)->arch.user_tid = cpu_user_tid_read();
        cpu_user_tid_write(next->arch.user_tid);
    }
    /* A LDREX of the previous partition must not let a STREX of this one
     * succeed (nor leave it a bit to read). */
    cpu_clear_exclusive();
    *owner = next;
}

void pk_arch_cpu_state_reset(struct pk_part *p)
{
    p->arch.user_tid = 0u;
    for (unsigned c = 0; c < CPU_MAX_CPUS; c++)
        if (cpu_state_owner[c] == p)
            cpu_state_owner[c] = NULL;
}

unsigned pk_arch_cpu_id(void)
{
    return cpu_id();
}

unsigned pk_arch_map_parts(void)
{
    return mmu_table_count();
}

bool pk_arch_map_sum_step(unsigned i, uint32_t *pos, uint32_t *h,
                          uint32_t words)
{
    if (*pos == 0u)
        *h = MMU_SUM_START;
    return mmu_table_sum_step(i, pos, h, words);
}
