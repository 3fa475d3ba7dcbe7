/*
 * player_pl110.c - the PL110 driver, compiled into the media partition,
 * which owns the CLCD device (its system.toml: devices = ["display"]) and so
 * drives it directly from its user range. The driver exists once, in
 * bsp/drivers; this file only pulls it into the partition's build.
 */
#include "../../bsp/drivers/pl110.c"
