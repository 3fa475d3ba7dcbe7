/* media-screen: the PL110 driver as apps/media builds it. */
#include "../../../../../apps/media/player_pl110.c"
