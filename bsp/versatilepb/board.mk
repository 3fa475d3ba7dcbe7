# Board data: ARM Versatile PB (ARM926EJ-S) under QEMU -M versatilepb.
BOARD_ARCH := arm
BOARD_CPU_FLAGS := -mcpu=arm926ej-s -marm -mfloat-abi=soft
BOARD_DRIVERS := pl011 pl190 sp804 pl061 semihost
BOARD_SRCS := bsp/versatilepb/board.c
BOARD_NATIVE_PORT := arm926
BOARD_LDSCRIPT := linker/versatilepb.ld
BOARD_QEMU := qemu-system-arm
BOARD_QEMU_MACHINE := versatilepb
BOARD_QEMU_FLAGS := -audiodev none,id=snd0 -global pl041.audiodev=snd0
