/*
 * phases.h - the timeline of the hostile-partition test (pk-hostile),
 * shared by its partitions: phase k runs from PHASE_START_MS[k] to
 * PHASE_START_MS[k + 1] of global time after boot. Every partition reads
 * the global clock, so all agree on the phase without talking to each
 * other (they cannot: that is the point).
 */
#ifndef HOSTILE_PHASES_H
#define HOSTILE_PHASES_H

#include <stdint.h>

enum phase {
    PHASE_CALM = 0,     /* attackers only spin: the victim's baseline */
    PHASE_CONSOLE,      /* hostile floods the console */
    PHASE_YIELD,        /* hostile yields in a loop */
    PHASE_TIMERS,       /* hostile floods VIT requests, timers, blocks */
    PHASE_FAULTS,       /* faultstorm: aborts, undefined, bad calls */
    PHASE_FUZZ,         /* faultstorm: random service calls */
    PHASE_RESTARTS,     /* hostile faults at once after every restart */
    PHASE_END,          /* hostile stopped by its restart limit; calm */
    PHASE_COUNT
};

/* Phase starts in ms after boot; the last entry is the end of the run. */
static const uint32_t PHASE_START_MS[PHASE_COUNT + 1] = {
    0, 300, 600, 900, 1200, 1500, 1800, 4800, 5100,
};

static inline unsigned phase_at(uint64_t t_ns)
{
    uint64_t ms = t_ns / 1000000u;
    unsigned k = 0;
    while (k < PHASE_COUNT && ms >= PHASE_START_MS[k + 1])
        k++;
    return k;
}

#endif
