/*
 * entry.c - the user-range pieces of APEX processes: their stacks and
 * their first code (docs/arinc653.md, "Processes").
 */
#include "gate_call.h"

/* Every process's stack is carved from here at CREATE_PROCESS. */
_Alignas(16) uint32_t apex_stack_pool[APEX_CONFIG_STACK_POOL_BYTES / 4u];

/* A process starts here in task mode: it waits for a delayed release,
 * runs its entry point and, should that return, stops. */
void apex_process_entry(void *entry)
{
    (void)apex_gate(APEX_OP_BEGIN, 0u, 0u, 0u, 0u, 0u, 0u, 0u);
    ((void (*)(void))entry)();
    STOP_SELF();
}
