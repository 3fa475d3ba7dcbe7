# Host unit tests of the IP drivers' pure parts: the PL110's DMA extent
# (bsp/drivers/pl110.c, bsp/include/bsp_dma.h).
HOST_TESTS += drivers_pl110_dma
drivers_pl110_dma_SRCS := tests/host/drivers/test_pl110_dma.c bsp/drivers/pl110.c
drivers_pl110_dma_CFLAGS := -Ibsp/include -Ibsp/drivers
