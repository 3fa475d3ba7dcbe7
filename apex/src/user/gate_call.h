/* gate_call.h - what the user-range stubs share: the gate and its ops. */
#ifndef APEX_GATE_CALL_H
#define APEX_GATE_CALL_H

#include <setjmp.h>
#include "apex_internal.h"

#define W(x) ((uint32_t)(uintptr_t)(x))
#define TLO(t) ((uint32_t)(uint64_t)(t))
#define THI(t) ((uint32_t)((uint64_t)(t) >> 32))

static inline void apex_rc(RETURN_CODE_TYPE *rc, int32_t r)
{
    if (rc != NULL)
        *rc = (RETURN_CODE_TYPE)r;
}

/* STOP_SELF came back: the caller is the error handler, whose handling
 * ends: back to its loop (hm_stubs.c), which set apex_eh_stop and
 * apex_eh_self. */
void apex_error_handler_stop(void) __attribute__((noreturn));
extern jmp_buf apex_eh_stop;
extern struct os_task *apex_eh_self;

#endif
