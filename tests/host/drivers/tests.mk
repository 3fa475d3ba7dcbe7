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

# The tick on the counter grid (bsp/common/clock.c) through the interrupt
# dispatch (bsp/common/irq.c) over a fake counter, one-shot and controller
# (tests/host/drivers/tick): the dispatch's fast path for the usual expiry
# and the catch-up, deferral and remainder cases it leaves to the general
# path. Twice: the controller's claim in two steps (BOARD_INTC_PEEK*, as
# versatilepb and raspi0), and one claim and a compare (as vexpress-a9).
HOST_TESTS += drivers_tick
drivers_tick_SRCS := tests/host/drivers/test_tick.c bsp/common/clock.c bsp/common/irq.c
drivers_tick_CFLAGS := -Itests/host/drivers/tick -Ibsp/include -Ibsp/common -DBSP_TICK_FAST=1

HOST_TESTS += drivers_tick_claim
drivers_tick_claim_SRCS := $(drivers_tick_SRCS)
drivers_tick_claim_CFLAGS := $(drivers_tick_CFLAGS) -DFAKE_NO_PEEK
