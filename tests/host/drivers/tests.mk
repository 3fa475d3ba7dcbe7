# Host unit tests of the IP drivers' pure parts: the PL110's DMA extent
# (bsp/drivers/pl110.c, bsp/include/bsp_dma.h) and the PL111's.
HOST_TESTS += drivers_pl110_dma
drivers_pl110_dma_SRCS := tests/host/drivers/test_pl110_dma.c bsp/drivers/pl110.c
drivers_pl110_dma_CFLAGS := -Ibsp/include -Ibsp/drivers

# The PL111's DMA extent (bsp/drivers/pl111.c): its own pixel sizes over
# the PL110's rules; pl110.c for the comparison with the PL110's extent.
HOST_TESTS += drivers_pl111_dma
drivers_pl111_dma_SRCS := tests/host/drivers/test_pl111_dma.c bsp/drivers/pl111.c bsp/drivers/pl110.c
drivers_pl111_dma_CFLAGS := -Ibsp/include -Ibsp/drivers

# The console over the board's UART (bsp/common/console.c): the write that
# waits, and the one that never does (the kernel's drains), over a fake
# UART with a transmit FIFO of a set room (tests/host/drivers/console).
HOST_TESTS += drivers_console
drivers_console_SRCS := tests/host/drivers/test_console.c bsp/common/console.c
drivers_console_CFLAGS := -Itests/host/drivers/console -Ibsp/include
