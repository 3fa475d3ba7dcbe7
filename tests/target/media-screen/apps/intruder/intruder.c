/*
 * media-screen, partition "intruder": reads a word of the display, which
 * belongs to the media partition (versatilepb: the CLCD's control
 * register; another board names its display's address with
 * -DINTRUDER_TARGET, tests/target/media-screen/system.mk). The read must fault; the health
 * monitor then stops this partition, and the player checks that it did.
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"

#ifndef INTRUDER_TARGET
#define INTRUDER_TARGET 0x10120018u /* PL110 control, versatilepb */
#endif

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[256];

static void intrude(void *arg)
{
    (void)arg;
    uint32_t v = *(volatile uint32_t *)(uintptr_t)INTRUDER_TARGET;
    printf("intruder: read the display: 0x%08lx\n",
           (unsigned long)v);
    for (;;)
        os_delay(1000u);
}

int main(void)
{
    os_init();
    os_task_create(&task, "intrude", intrude, NULL, 1, stack, 256u);
    os_start();
}
