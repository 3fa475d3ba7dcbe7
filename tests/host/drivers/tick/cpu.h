/* cpu.h (host test) - the CPU calls bsp/common/clock.c and irq.c make. */
#ifndef CPU_H
#define CPU_H

#include <stdint.h>

#define CPU_MAX_CPUS 1u

static inline uint32_t cpu_irq_save(void) { return 0u; }
static inline void cpu_irq_restore(uint32_t old) { (void)old; }
static inline void cpu_irq_restore_same_mode(uint32_t old) { (void)old; }
static inline unsigned cpu_id(void) { return 0u; }

#endif /* CPU_H */
