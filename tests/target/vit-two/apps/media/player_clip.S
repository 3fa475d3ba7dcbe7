/* vit-two: apps/media/player_clip.S, unchanged. */
#include "../../../../../apps/media/player_clip.S"
