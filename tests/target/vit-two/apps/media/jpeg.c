/* vit-two: apps/media/jpeg.c, unchanged. */
#include "../../../../../apps/media/jpeg.c"
