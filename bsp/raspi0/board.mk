# Board data: Raspberry Pi Zero (BCM2835, ARM1176JZF-S) under QEMU -M raspi0,
# and the real board (make BOARD=raspi0 sdcard, docs/boards.md).
# Architecture family (bsp/arch/arm, partitions/arch/arm) and version
# (bsp/arch/arm/v6: CP15 barriers, VBAR, the XP=1 descriptor format).
BOARD_ARCH := arm
BOARD_ARCH_VERSION := v6
# Partitions separated by a translation table and an ASID each (up to 32
# partitions; board.toml says the same: address_spaces = "asid"). Domains
# still split a partition's guest kernel from its tasks (docs/memory.md).
BOARD_PK_SPACE := asid
BOARD_CPU_FLAGS := -mcpu=arm1176jzf-s -marm -mfloat-abi=soft
BOARD_DRIVERS := pl011 bcm2835_intc bcm2835_st bcm2835_gpio bcm2835_mbox semihost
BOARD_SRCS := bsp/raspi0/raspi.c
BOARD_NATIVE_PORT := arm
BOARD_QEMU := qemu-system-arm
BOARD_QEMU_MACHINE := raspi0
BOARD_QEMU_FLAGS :=
# No assignable gpio, uart or timer: the GPIO block holds the kernel's
# probe pins, the system timer's page holds the kernel's compare, and the
# second UART (the mini UART) shares its page with the SPI masters' AUX
# enables. The display is the firmware's frame buffer (board.toml).
BOARD_HAS := aux_timer display plugin
# The emulated logic analyzer's arguments for this board's probe register
# (tools/qemu-plugin/gpio_vcd.c): GPSET0/GPCLR0 at 0x20200000, whose
# default pin map is the probe lines of bsp/drivers/bcm2835_gpio.h.
BOARD_PLUGIN_ARGS := model=bcm2835

# The real board: HW=1 builds for the Pi's firmware instead of QEMU (no
# semihosting; bsp_exit prints the status and halts). `make sdcard` does
# that build in $(BUILD)/hw and writes the card's files (mk/sdcard.mk).
ifeq ($(HW),1)
BOARD_CPU_FLAGS += -DBOARD_HW=1
endif
BOARD_SDCARD := 1
# In the all-boards matrix of `make test`: every target test (the set
# "board", SYSTEM_SETS, is the tests that depend on the board).
BOARD_MATRIX := full
