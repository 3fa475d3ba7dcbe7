/*
 * counter - demo partition: one CPU-bound task that counts as fast as it
 * can and reports, once a second of its own virtual time, how far it got
 * and how much CPU the kernel charged to the partition.
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

#ifndef OS_KOBJ
#define OS_KOBJ
#endif

#define STACK_WORDS 512u

static OS_KOBJ struct os_task count_task;
static _Alignas(8) port_stack_t count_stack[STACK_WORDS];

static void count(void *arg)
{
    (void)arg;
    volatile uint32_t n = 0;
    os_tick_t next = os_tick_count() + 100u; /* 1 s at 100 Hz */
    for (uint32_t report = 1;; ) {
        n++;
        if ((n & 0xFFFu) == 0u && (int32_t)(os_tick_count() - next) >= 0) {
            struct pk_part_status st;
            pv_part_status(PK_SELF, &st);
            printf("count %lu n=%lu cpu_ms=%lu\n", (unsigned long)report++,
                   (unsigned long)n, (unsigned long)(st.run_ns / 1000000u));
            next += 100u;
        }
    }
}

int main(void)
{
    os_init();
    os_task_create(&count_task, "count", count, NULL, 1, count_stack,
                   STACK_WORDS);
    printf("counter starting\n");
    os_start();
}
