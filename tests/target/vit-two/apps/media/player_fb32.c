/* vit-two: apps/media/player_fb32.c, unchanged. */
#include "../../../../../apps/media/player_fb32.c"
