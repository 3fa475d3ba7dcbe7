/*
 * sysled.h - probe pins on the user LED register SYS_LED of the ARM
 * Versatile Express system registers (motherboard, arm-sysctl in QEMU;
 * the block at 0x10000000 on vexpress-a9, SYS_LED at 0x10000008). The
 * board has no GPIO: bits 0..7 of SYS_LED are the 8 probe pins.
 *
 * SYS_LED is a plain register: a store writes every pin. So that a logic
 * analyzer outside the firmware (a QEMU TCG plugin, which sees store
 * addresses but not values) can tell the levels, every change is exactly
 * one store of the complete new pin state, a value loaded by a MOV
 * immediate in the same translation block as the store. The driver has one
 * 16-byte stub per state (256: `mov r1, #state; str r1, [r0, #SYSLED_LED];
 * bx lr`), each inside one 1 KiB block of code, and calls the stub of the
 * new state.
 *
 * The current state is kept in one word of RAM, with a lock bit (the
 * register holds all pins, so a change of one pin needs the others: the
 * hardware forces this one global). A change masks IRQs on its core, takes
 * the lock (LDREX/STREX; a core that finds it taken waits in WFE, which
 * also lets QEMU run the holder), computes the new state, makes the one
 * store, and publishes the state with the lock released (DSB, SEV). So
 * changes from any core and from interrupt handlers are serialized, and
 * SYS_LED never shows a state other than one a change meant: no
 * intermediate or stale value, no glitch on the analyzer. The lock is
 * held for about 20 instructions. Privileged modes only (the IRQ masking;
 * USR code cannot reach SYS_LED anyway). On silicon the word must be in
 * Normal memory (MMU on) for the exclusives.
 *
 * base is the system register block (kernel virtual address), not
 * SYS_LED itself. ARM state only (the stubs are A32 code).
 */
#ifndef SYSLED_H
#define SYSLED_H

#include <stdint.h>

/* Offset of SYS_LED in the system register block. */
#define SYSLED_LED 0x08u
/* Probe pins: bits 0 .. SYSLED_PINS - 1. */
#define SYSLED_PINS 8u
#define SYSLED_PIN_MASK 0xFFu

/* All pins low (one store of 0). */
void sysled_probe_init(uintptr_t base);

/* Pin (0..7; higher values wrap) high, the others unchanged: one store. */
void sysled_probe_set(uintptr_t base, unsigned pin);

/* Pin (0..7; higher values wrap) low, the others unchanged: one store. */
void sysled_probe_clear(uintptr_t base, unsigned pin);

/* Every pin to its bit of mask (bits 8 and up ignored): one store. */
void sysled_probe_write(uintptr_t base, unsigned mask);

#endif /* SYSLED_H */
