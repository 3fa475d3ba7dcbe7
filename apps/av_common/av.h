/*
 * av.h - what the avionics demo's partitions share (apps/systems/avionics):
 * the two messages, the timing of the module, and the probe-pin hop marks.
 * Every time is the module's global clock (GET_TIME, ns), the same in all
 * partitions, so a partition can date another's message.
 */
#ifndef AV_H
#define AV_H

#include <stdint.h>
#include <stdio.h>

#include "apex.h"
#include "pv_svc.h"

#define AV_MS 1000000LL
/* The major frame, the sensor's period and the control's. */
#define AV_PERIOD_NS (20 * AV_MS)

/* Sensor -> control, sampling port "attitude": the attitude sampled at
 * t_sample_ns (milli-degrees). */
struct av_attitude {
    uint32_t seq;
    int32_t pitch_mdeg;
    int32_t roll_mdeg;
    uint32_t pad;
    int64_t t_sample_ns;
};

/* Control -> actuator, queuing port "command": the surface commands
 * computed from sample `seq` (milli-degrees of deflection). */
struct av_command {
    uint32_t seq;
    int32_t elevator_mdeg;
    int32_t aileron_mdeg;
    uint32_t control_starts; /* the control partition's starts so far */
    int64_t t_sample_ns;     /* the sample's time */
    int64_t t_sent_ns;       /* when control sent it */
};

/* The probe pin of each hop: a pulse at the sensor's write, the control's
 * send and the actuator's receive (docs/arinc653.md, "The avionics demo"). */
#define AV_PIN_SENSOR 3u
#define AV_PIN_CONTROL 4u
#define AV_PIN_ACTUATOR 5u

static inline void av_pulse(uint32_t pin)
{
    (void)pv_probe_set(pin, 1u);
    (void)pv_probe_set(pin, 0u);
}

static inline SYSTEM_TIME_TYPE av_now(void)
{
    SYSTEM_TIME_TYPE t = 0;
    RETURN_CODE_TYPE rc;
    GET_TIME(&t, &rc);
    return t;
}

static inline void av_name(NAME_TYPE n, const char *s)
{
    unsigned i = 0;
    for (; s[i] != '\0' && i < MAX_NAME_LENGTH; i++)
        n[i] = s[i];
    for (; i < MAX_NAME_LENGTH; i++)
        n[i] = '\0';
}

/* A failed APEX call at start-up: nothing can go on. */
static inline void av_require(const char *what, RETURN_CODE_TYPE rc)
{
    if (rc != NO_ERROR) {
        printf("AV FAIL %s: return code %d\n", what, (int)rc);
        for (;;)
            ;
    }
}

/* The attitude at sample n: two slow triangle waves (deterministic, so a
 * receiver can check every value it gets). */
static inline int32_t av_triangle(uint32_t n, uint32_t period, int32_t amp)
{
    uint32_t p = n % period, half = period / 2u;
    int32_t x = (int32_t)(p < half ? p : period - p); /* 0 .. half */
    return (int32_t)((int64_t)x * 2 * amp / (int32_t)half) - amp;
}

static inline void av_sample(uint32_t n, int32_t *pitch, int32_t *roll)
{
    *pitch = av_triangle(n, 200u, 10000); /* +-10 deg, 4 s */
    *roll = av_triangle(n + 37u, 300u, 20000); /* +-20 deg, 6 s */
}

/* The control law: proportional, clamped to +-25 deg of deflection. */
static inline int32_t av_clamp(int32_t v, int32_t lim)
{
    return v > lim ? lim : v < -lim ? -lim : v;
}

static inline void av_law(int32_t pitch, int32_t roll, int32_t *elev, int32_t *ail)
{
    *elev = av_clamp(-2 * pitch, 25000);
    *ail = av_clamp(-(roll * 3) / 2, 25000);
}

#endif /* AV_H */
