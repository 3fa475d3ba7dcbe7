# Board data: ARM Versatile Express with the CoreTile Express A9x4
# (Cortex-A9 MPCore) under QEMU -M vexpress-a9, one core.
# Architecture family (bsp/arch/arm, partitions/arch/arm) and version
# (bsp/arch/arm/v7: DSB/ISB/WFI instructions, VBAR, set/way cache
# invalidation, the ARMv6 descriptor format with XN on device memory).
BOARD_ARCH := arm
BOARD_ARCH_VERSION := v7
# Partitions separated by a translation table and an ASID each (up to 32
# partitions; board.toml says the same: address_spaces = "asid"). Domains
# still split a partition's guest kernel from its tasks (docs/memory.md).
BOARD_PK_SPACE := asid
# -mword-relocations: a symbol's address is one literal load, not a
# movw/movt pair (ARMv7's default): one instruction instead of two wherever
# the code names a global, the way the ARMv5/v6 boards build it (yield
# switch 82.5 -> 77.5 instructions, the tick 93 -> 87.5, docs/benchmarks.md).
BOARD_CPU_FLAGS := -mcpu=cortex-a9 -marm -mfloat-abi=soft -mword-relocations
BOARD_DRIVERS := pl011 gic a9_timer sp804 sysled semihost
BOARD_SRCS :=
BOARD_NATIVE_PORT := arm
BOARD_QEMU := qemu-system-arm
BOARD_QEMU_MACHINE := vexpress-a9
BOARD_QEMU_FLAGS := -audiodev none,id=snd0 -global pl041.audiodev=snd0
# What the board has, for the tests (tools/run_tests.py). No gpio: the
# board has no GPIO block (the probe pins are SYS_LED's bits).
BOARD_HAS := aux_timer display dma plugin timer uart
# The emulated logic analyzer's arguments for this board's probe register
# (tools/qemu-plugin/gpio_vcd.c, comma-separated): SYS_LED, a plain
# register whose bits 0..7 are the probe pins.
BOARD_PLUGIN_ARGS := model=reg,base=0x10000008
# The libraries (newlib, libgcc) linked: the toolchain's ARM-state build.
# For -mcpu=cortex-a9 it would pick its Thumb-2 ARMv7-A build, and a
# partition interrupted in Thumb code is refused by the kernel (ARM state
# only, docs/memory.md "CPU state"). The ARMv4T ARM code runs on the A9.
BOARD_LIB_FLAGS := -marm -mfloat-abi=soft
# In the all-boards matrix of `make test`: every target test (the set
# "board", SYSTEM_SETS, is the tests that depend on the board).
BOARD_MATRIX := full
