/*
 * rttpflood - attacker for a live trace session: a partition whose code the
 * host traces (tracepoints = true). main() runs in guest-kernel mode and
 * calls tp_spot() in a loop; with a tracepoint planted at tp_spot and every
 * register asked for (tools/trace/ctl ... tp attacker tp_spot --regs
 * r0,...,pc), each call is a hit: one tp_hit and 16 tp_reg records into the
 * kernel's own buffer, about 2,500 instructions a hit, much faster than the
 * kernel drains them. The partition decides how often the tracepoint it
 * was given is hit: the host's tracepoint becomes the partition's flood.
 */
#include <stdint.h>

volatile uint32_t tp_sink;

__attribute__((noinline)) void tp_spot(uint32_t x)
{
    tp_sink = x;
}

int main(void)
{
    for (uint32_t i = 0;; i++)
        tp_spot(i);
}
