/* The suite (apps/tm/tm.c), unchanged. */
#include "../../../../../apps/tm/tm.c"
