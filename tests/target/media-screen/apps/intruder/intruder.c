/*
 * media-screen, partition "intruder": reads the display's control register
 * (+0x18 on a PL110/PL111), which belongs to the media partition. The read must fault; the health
 * monitor then stops this partition, and the player checks that it did.
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"

#define CLCD_CONTROL (PK_LAYOUT_DEV_DISPLAY + 0x18u) /* board.toml */

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[256];

static void intrude(void *arg)
{
    (void)arg;
    uint32_t v = *(volatile uint32_t *)(uintptr_t)CLCD_CONTROL;
    printf("intruder: read the CLCD control register: 0x%08lx\n",
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
