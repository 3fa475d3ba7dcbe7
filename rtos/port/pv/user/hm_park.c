/*
 * hm_park.c - where the para-virtual port parks a process that failed with
 * a fault the kernel detected (rtos/port/pv/pv_hm.h): user-range code, so
 * that a task context may resume here; it suspends itself through the
 * gate and never runs on.
 */
#include "os.h"

void pv_hm_park(void) __attribute__((noreturn));

void pv_hm_park(void)
{
    for (;;)
        (void)os_task_suspend(NULL);
}
