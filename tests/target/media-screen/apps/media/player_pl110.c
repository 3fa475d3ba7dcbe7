/* media-screen: the PL110 backend as apps/media builds it. */
#include "../../../../../apps/media/player_pl110.c"
