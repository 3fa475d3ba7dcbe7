/* pk-dma: the PL110 driver, compiled into the CLCD's owner. */
#include "../../../../../bsp/drivers/pl110.c"
