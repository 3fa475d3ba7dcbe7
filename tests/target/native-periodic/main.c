/*
 * native-periodic: a 10 ms periodic task (os_delay_until, 1 kHz tick) over
 * 1,000 periods while a lower-priority task keeps the CPU busy. Release
 * jitter of period k = start time - (first start + k * 10 ms), from the
 * 64-bit clock. Checked: |jitter| <= 20 us for every period, and no period
 * overran. Also checks that the clock advanced by 10 s within 1 ms, i.e.
 * the tick never drifts against the clock.
 */
#include <stdio.h>

#include "bsp.h"
#include "os.h"
#include "tn.h"

#define PERIOD_TICKS 10u
#define PERIOD_NS 10000000u
#define PERIODS 1000u
#define LIMIT_NS 20000
#define STACK_WORDS 1024u

static struct os_task periodic, busy;
static port_stack_t stack_p[STACK_WORDS] __attribute__((aligned(8)));
static port_stack_t stack_b[STACK_WORDS] __attribute__((aligned(8)));
static volatile uint32_t busy_count;

static void periodic_task(void *arg)
{
    (void)arg;
    os_tick_t wake = os_tick_count();
    TN_CHECK(os_delay_until(&wake, PERIOD_TICKS) == OS_OK);
    uint64_t first = bsp_clock_ns();
    int32_t min = INT32_MAX, max = INT32_MIN;
    int64_t sum = 0;
    for (uint32_t k = 1; k <= PERIODS; k++) {
        if (os_delay_until(&wake, PERIOD_TICKS) != OS_OK) {
            tn_fail("period %lu overran", (unsigned long)k);
        }
        uint64_t now = bsp_clock_ns();
        int32_t jitter = (int32_t)(int64_t)(now - (first + (uint64_t)k * PERIOD_NS));
        if (jitter < min) min = jitter;
        if (jitter > max) max = jitter;
        sum += jitter;
    }
    printf("release jitter over %u periods of 10 ms: min %ld ns, mean %ld ns, max %ld ns\n",
           PERIODS, (long)min, (long)(sum / (int64_t)PERIODS), (long)max);
    printf("background task loops: %lu\n", (unsigned long)busy_count);
    TN_CHECK(busy_count > 0u);
    if (max > LIMIT_NS || min < -LIMIT_NS) {
        tn_fail("jitter out of +-%d ns", LIMIT_NS);
    }
    tn_pass();
}

static void busy_task(void *arg)
{
    (void)arg;
    for (;;) {
        busy_count++;
    }
}

int main(void)
{
    bsp_init();
    tn_begin("native-periodic");
    os_init();
    TN_CHECK(os_task_create(&periodic, "periodic", periodic_task, NULL, 3, stack_p, STACK_WORDS) == OS_OK);
    TN_CHECK(os_task_create(&busy, "busy", busy_task, NULL, 1, stack_b, STACK_WORDS) == OS_OK);
    os_start();
}
