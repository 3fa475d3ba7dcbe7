/* media-screen: the decoder of apps/media, unchanged. */
#include "../../../../../apps/media/jpeg.c"
