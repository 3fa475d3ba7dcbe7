/* a9_timer.c - Cortex-A9 private timer (one-shot) and global timer. */
#include "a9_timer.h"

#define REG(base, off) (*(volatile uint32_t *)((base) + (off)))

void a9_timer_clear(uintptr_t base)
{
    REG(base, A9_TIMER_ISR) = A9_TIMER_ISR_EVENT;
}

void a9_timer_stop(uintptr_t base)
{
    REG(base, A9_TIMER_CONTROL) = 0u;
    REG(base, A9_TIMER_ISR) = A9_TIMER_ISR_EVENT;
}

int a9_timer_pending(uintptr_t base)
{
    return (REG(base, A9_TIMER_ISR) & A9_TIMER_ISR_EVENT) != 0u;
}

void a9_gt_init(uintptr_t base)
{
    REG(base, A9_GT_CONTROL) = A9_GT_CTRL_ENABLE;
}

uint64_t a9_gt_count64(uintptr_t base)
{
    uint32_t hi, lo, hi2;

    hi = REG(base, A9_GT_COUNTER_HI);
    for (;;) {
        lo = REG(base, A9_GT_COUNTER_LO);
        hi2 = REG(base, A9_GT_COUNTER_HI);
        if (hi2 == hi)
            break;
        hi = hi2;
    }
    return ((uint64_t)hi << 32) | lo;
}
