/*
 * player_pl110.c - the player's display backend for a PL110 CLCD
 * (versatilepb): the driver, compiled into the media partition, which owns
 * the CLCD (its system.toml: devices = ["display"]) and drives it from its
 * user range. The driver exists once, in bsp/drivers; this file pulls it
 * into the partition's build when the board's display is a PL110 or a
 * PL111 (pl110_init tells them apart by the peripheral ID).
 *
 * The CLCD reads memory by DMA, so its registers are read-only to the
 * partition and the driver writes them through the PK_SVC_DEV_WRITE
 * service call, which the kernel checks (docs/memory.md). The frames are
 * shown in place: showing one is a base-address write.
 */
#include "player_display.h"

#if defined(PK_DEVICE_DISPLAY_MODEL_PL110) || defined(PK_DEVICE_DISPLAY_MODEL_PL111)
#include "pv_svc.h"

#include "../../bsp/drivers/pl110.c"

/* The driver's register writes: one service call each. */
static void player_clcd_write(uint32_t off, uint32_t value)
{
    (void)pv_dev_write(PK_DEVICE_DISPLAY_INDEX, off, value);
}

int player_display_init(const uint16_t *fb)
{
    pl110_set_reg_write(player_clcd_write);
    return pl110_init(PK_DEVICE_DISPLAY_REGS, fb, PLAYER_W, PLAYER_H);
}

void player_display_prepare(const uint16_t *fb)
{
    (void)fb;
}

void player_display_show(const uint16_t *fb)
{
    pl110_set_framebuffer(fb);
}
#endif /* PK_DEVICE_DISPLAY_MODEL_PL110 || _PL111 */
