/*
 * pk-boot, partition "beta": CPU-bound, prints once per second of its own
 * virtual time, so the log shows both partitions interleaved by line.
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"

static OS_KOBJ struct os_task spin_task;
static _Alignas(8) port_stack_t spin_stack[512];

static void spin(void *arg)
{
    (void)arg;
    os_tick_t next = os_tick_count() + 25u;
    for (uint32_t n = 0;; n++) {
        if ((n & 0x3FFu) == 0u && (int32_t)(os_tick_count() - next) >= 0) {
            printf("beta alive tick=%lu\n", (unsigned long)os_tick_count());
            next += 25u;
        }
    }
}

int main(void)
{
    os_init();
    os_task_create(&spin_task, "spin", spin, NULL, 1, spin_stack, 512u);
    printf("beta up\n");
    os_start();
}
