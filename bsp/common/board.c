/*
 * board.c - bsp_init() and the rest of bsp.h for every board, from the
 * board's data (bsp/<board>/board.h: memory map, device windows, which
 * driver plays which role) and the generic parts in this folder.
 */
#include <stdint.h>

#include "board.h"
#include "bsp.h"
#include "bsp_common.h"
#include "cpu.h"
#include "mmu.h"

const char bsp_board_name[] = BOARD_NAME;

/* Defined with the newlib glue (syscalls.c): stdout unbuffered etc. */
void arm_stdio_init(void);

/* The board's device windows: physical base, size, kernel alias. */
static const struct {
    uint32_t pa;   /* physical base (1 MiB aligned) */
    uint32_t size; /* bytes (a multiple of 1 MiB) */
    uint32_t kva;  /* the kernel's privileged-only alias */
} dev_windows[] = BOARD_DEV_WINDOWS;

void bsp_cpu_idle(void)
{
    cpu_wfi();
}

void bsp_exit(int status)
{
    if (status < 0)
        status = 1;
    else if (status > 255)
        status = 255;
    BOARD_EXIT(status);
}

void bsp_init(void)
{
#ifdef BOARD_EARLY_INIT
    /* What the board does with the MMU (and caches) still off, at physical
     * addresses: e.g. a request to boot firmware in shared memory. */
    BOARD_EARLY_INIT();
#endif
    /* Flat map of RAM (cacheable) and the kernel's alias of each device
     * window (not cacheable); everything privileged-only in domain 0, a
     * client (permissions checked). Devices are touched only after this. */
    mmu_table_clear();
    mmu_map(BOARD_RAM_BASE, BOARD_RAM_BASE, BOARD_RAM_SIZE, MMU_AP_PRIV_ONLY,
            MMU_MEM_NORMAL, 0u);
    for (unsigned i = 0; i < sizeof dev_windows / sizeof dev_windows[0]; i++)
        mmu_map(dev_windows[i].kva, dev_windows[i].pa, dev_windows[i].size,
                MMU_AP_PRIV_ONLY, MMU_MEM_DEVICE, 0u);
    mmu_enable(MMU_DACR(0u, MMU_DOM_CLIENT));

    BOARD_CONSOLE_INIT();
    bsp_irq_init();
    BOARD_QUIESCE();
    bsp_probe_init();
    bsp_clock_init();
#ifdef BOARD_LATE_INIT
    BOARD_LATE_INIT();
#endif

    arm_stdio_init();
}
