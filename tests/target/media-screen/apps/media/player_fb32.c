/* The player's 32-bit frame-buffer backend (apps/media/player_fb32.c). */
#include "../../../../../apps/media/player_fb32.c"
