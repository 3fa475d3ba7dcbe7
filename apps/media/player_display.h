/*
 * player_display.h - what the media player (player.c) needs of its display:
 * one backend per display model, chosen by the model define that
 * tools/pkconfig.py emits for the partition's "display" device
 * (PK_DEVICE_DISPLAY_MODEL_<MODEL>): player_pl110.c for a PL110 CLCD,
 * player_fb32.c for a linear 32-bit frame buffer (the Raspberry Pi's).
 * Every backend file is compiled into the partition; the one whose model
 * is not the board's compiles to nothing.
 *
 * A frame is PLAYER_W x PLAYER_H pixels of RGB565 (what jpeg.c decodes),
 * rows PLAYER_W pixels apart, in the partition's memory.
 */
#ifndef PLAYER_DISPLAY_H
#define PLAYER_DISPLAY_H

#include <stdint.h>

#define PLAYER_W 320u
#define PLAYER_H 240u

/* Opens the display (PK_DEVICE_DISPLAY_REGS) showing frame fb. Returns 0,
 * or -1 if the display refused the set-up. */
int player_display_init(const uint16_t *fb);

/* Work on frame fb that may be done before its presentation time (e.g. a
 * pixel-format conversion), so that showing it is quick. */
void player_display_prepare(const uint16_t *fb);

/* Shows frame fb, prepared by player_display_prepare(), at once. */
void player_display_show(const uint16_t *fb);

#endif /* PLAYER_DISPLAY_H */
