/* vit-two: apps/media/player_pl110.c, unchanged. */
#include "../../../../../apps/media/player_pl110.c"
