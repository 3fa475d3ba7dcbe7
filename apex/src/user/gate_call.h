/* gate_call.h - what the user-range stubs share: the gate and its ops. */
#ifndef APEX_GATE_CALL_H
#define APEX_GATE_CALL_H

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
 * ends (hm_stubs.c). */
void apex_error_handler_stop(void) __attribute__((noreturn));

#endif
