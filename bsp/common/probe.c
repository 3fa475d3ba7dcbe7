/*
 * probe.c - bsp.h's probe pins over the board's GPIO (BOARD_PROBE_* in
 * bsp/<board>/board.h).
 *
 * Each change is one store of a constant to the board's probe register.
 * The functions are aligned so that each lies within one 1 KiB block of
 * code: QEMU translates no block across such a boundary, and the emulated
 * logic analyzer (tools/qemu-plugin) learns the stored value from the
 * constant loaded in the same block as the store. So they stay functions
 * of their own wherever they are called from: never inlined or cloned,
 * also by the partitioning kernel's link-time optimisation (noipa).
 */
#include "board.h"
#include "bsp.h"
#include "bsp_common.h"

#define PROBE_FN_ALIGN __attribute__((aligned(32), noipa))

PROBE_FN_ALIGN void bsp_probe_set(unsigned pin)
{
    BOARD_PROBE_SET(pin);
}

PROBE_FN_ALIGN void bsp_probe_clear(unsigned pin)
{
    BOARD_PROBE_CLEAR(pin);
}

void bsp_probe_write(unsigned mask)
{
    BOARD_PROBE_WRITE(mask);
}

void bsp_probe_init(void)
{
    BOARD_PROBE_INIT();
}
