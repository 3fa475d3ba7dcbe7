# Board data: ARM Versatile PB (ARM926EJ-S) under QEMU -M versatilepb.
# Architecture family (bsp/arch/arm, partitions/arch/arm) and version
# (bsp/arch/arm/v5: caches, barriers, WFI, descriptor format).
BOARD_ARCH := arm
BOARD_ARCH_VERSION := v5
# Partitions separated by domains in one table (ARMv5's caches are
# virtually tagged: a table switch would cost a flush).
BOARD_PK_SPACE := domains
BOARD_CPU_FLAGS := -mcpu=arm926ej-s -marm -mfloat-abi=soft
BOARD_DRIVERS := pl011 pl190 sp804 pl061 semihost
BOARD_SRCS :=
BOARD_NATIVE_PORT := arm
BOARD_QEMU := qemu-system-arm
BOARD_QEMU_MACHINE := versatilepb
BOARD_QEMU_FLAGS := -audiodev none,id=snd0 -global pl041.audiodev=snd0
# What the board has, for the tests (tools/run_tests.py: a test whose
# SYSTEM_NEEDS the board lacks is reported as not applicable).
BOARD_HAS := aux_timer display dma gpio plugin timer uart
