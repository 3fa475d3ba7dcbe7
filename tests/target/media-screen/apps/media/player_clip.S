/* media-screen: the clip as apps/media embeds it. */
#include "../../../../../apps/media/player_clip.S"
