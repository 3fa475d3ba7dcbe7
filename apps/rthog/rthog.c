/*
 * rthog - the baseline attacker of the red-team systems: a CPU-bound
 * partition that only computes. main() runs in guest-kernel mode and never
 * starts the tick core, so the partition makes no service call at all; the
 * victim's lateness beside it is what the scheduler alone costs.
 */
#include <stdint.h>

static volatile uint32_t sink;

int main(void)
{
    uint32_t x = 1u;
    for (uint32_t i = 0;; i++) {
        x = x * 1103515245u + 12345u + i;
        sink = x;
    }
}
