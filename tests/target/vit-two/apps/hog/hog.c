/* vit-two, partition "hog": apps/hog unchanged. */
#include "../../../../../apps/hog/hog.c"
