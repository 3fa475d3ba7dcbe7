/*
 * asm_offsets.c - compiled to assembly only (never linked): each ASM_DEFINE
 * leaves a marker line that the build turns into a #define of the generated
 * header asm_offsets.h, so the port's assembly never types a C offset.
 */
#include <stddef.h>

#include "os.h"

#define ASM_DEFINE(sym, val) __asm__ volatile("\n@@asm-offset " #sym " %c0" : : "i"(val))

void port_asm_offsets(void);

void port_asm_offsets(void)
{
    ASM_DEFINE(OS_TASK_SP, offsetof(struct os_task, sp));
    ASM_DEFINE(OS_TASK_SIZE, sizeof(struct os_task));
}
