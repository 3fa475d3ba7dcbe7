/*
 * lib_gates.c - the default (empty) gate table of a guest-kernel library
 * (port.c registers it after the tick core's gates). A library linked into
 * the guest kernel, such as the APEX (apex/src/gate.c), defines its own,
 * which replaces these weak ones.
 */
#include <stdint.h>

typedef void (*pv_fn)(void);
__attribute__((weak)) const pv_fn pv_lib_gates[1] = {0};
__attribute__((weak)) const uint32_t pv_lib_gate_count = 0u;
