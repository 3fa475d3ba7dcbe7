# Board data: Raspberry Pi 1 model A+ (BCM2835, ARM1176JZF-S) under QEMU
# -M raspi1ap. The same SoC, memory map and roles as the Pi Zero: its
# board data (bsp/raspi0) with another QEMU machine. The sources stay
# raspi0's (BOARD_SRCS); board.h and board.toml are this folder's.
include bsp/raspi0/board.mk
BOARD_QEMU_MACHINE := raspi1ap
# The same SoC as raspi0, whose board runs the whole matrix: this machine
# runs the smoke set in the all-boards matrix (tools/run_tests.py,
# SYSTEM_SETS smoke).
BOARD_MATRIX := smoke
