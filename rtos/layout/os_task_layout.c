/*
 * os_task_layout.c - the layout of the tick core's task record as the
 * build exports it to the partitioning kernel and the host tools.
 *
 * Compiled to assembly only (never linked), once per partition with that
 * partition's own flags and os_config.h (mk/partitioned.mk): each marker
 * line "@@os-layout NAME value" becomes a word of the kernel's generated
 * table pk_tp_guests (partitions/tp.c), which the kernel uses to read a
 * guest's current task from the guest's memory, bounds-checked, and which
 * the gdb extension reads the same way. Nothing here trusts the guest: the
 * numbers come from the compiler, not from partition memory.
 */
#include <stddef.h>

#include "os.h"

#define OS_LAYOUT(name, value) \
    __asm__ volatile("\n@@os-layout " #name " %c0" : : "i"(value))

void os_task_layout(void);

void os_task_layout(void)
{
    OS_LAYOUT(SIZE, sizeof(struct os_task));
    OS_LAYOUT(ID, offsetof(struct os_task, id));
    OS_LAYOUT(PRIORITY, offsetof(struct os_task, priority));
    OS_LAYOUT(STATE, offsetof(struct os_task, state));
    OS_LAYOUT(NAME, offsetof(struct os_task, name));
}
