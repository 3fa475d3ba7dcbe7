/*
 * board.h - the Raspberry Pi 1 model A+ (BCM2835; QEMU -M raspi1ap): the
 * Pi Zero's board data (bsp/raspi0/board.h: memory map, clocks, roles) under
 * its own name. The A+ has 512 MiB like the Zero in QEMU 7.2 (256 MiB on
 * early boards: a smaller BOARD_RAM_SIZE there, and a frame buffer that the
 * firmware places lower, which the start-up reports).
 */
#ifndef BOARD_RASPI1AP_H
#define BOARD_RASPI1AP_H

#define BOARD_NAME "raspi1ap"
#include "../raspi0/board.h"

#endif /* BOARD_RASPI1AP_H */
