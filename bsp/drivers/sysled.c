/*
 * sysled.c - probe pins on SYS_LED: one store of a MOV-loaded constant per
 * change (see sysled.h). The functions are assembly, because the contract
 * is about instructions: which register is stored, where its value comes
 * from, and which code shares a translation block with the store.
 */
#include "sysled.h"

/* The same values as plain numbers for the assembler (no C suffixes). */
#define SYSLED_LED_IMM 8         /* SYSLED_LED */
#define SYSLED_PIN_MASK_IMM 255  /* SYSLED_PIN_MASK */
#define SYSLED_PIN_NUM_IMM 7     /* SYSLED_PINS - 1: pin numbers wrap */
#define SYSLED_STUB_SHIFT_IMM 4  /* log2 of the stub size */
#define SYSLED_STATES_IMM 256    /* one stub per pin state */
#define SYSLED_LOCK_IMM 256      /* the state word's lock bit */

/* QEMU translates no block across a 1 KiB boundary of guest code. */
#define SYSLED_TB_LIMIT 1024u

_Static_assert(SYSLED_LED_IMM == SYSLED_LED, "stub offset is SYS_LED");
_Static_assert(SYSLED_PIN_MASK_IMM == SYSLED_PIN_MASK, "pin mask");
_Static_assert(SYSLED_PIN_NUM_IMM + 1 == SYSLED_PINS, "pin numbers");
_Static_assert(SYSLED_STATES_IMM == SYSLED_PIN_MASK + 1u, "a stub per state");
_Static_assert((SYSLED_LOCK_IMM & SYSLED_PIN_MASK) == 0u,
               "the lock bit is not a pin");
_Static_assert(SYSLED_TB_LIMIT % (1u << SYSLED_STUB_SHIFT_IMM) == 0u,
               "aligned stubs never cross a 1 KiB block");

#define SYSLED_STR_(x) #x
#define SYSLED_STR(x) SYSLED_STR_(x)

/*
 * The state word: bits 7:0 the pins as last stored, bit 8 set while a
 * change is under way (the lock). Zero before sysled_probe_init(),
 * matching SYS_LED's reset value.
 */
static uint32_t sysled_word __attribute__((used));

/*
 * sysled_update(base r0, pins to clear r2, pins to set r3): the one path
 * every change takes.
 *   1. Mask IRQs (the old CPSR kept in r8): no handler on this core can
 *      come in while the lock is held.
 *   2. Take the lock: LDREX the word; if the lock bit is set another core
 *      holds it, so WFE and look again; else STREX it with the lock bit.
 *      DMB: nothing below is done before the lock is ours.
 *   3. The new pins are (old & ~r2) | r3. Call their stub:
 *      `mov r1, #new; str r1, [r0, #8]; bx lr`, the only store to
 *      SYS_LED. It leaves r1 = new.
 *   4. DSB: the pin store is complete before the next holder can make its
 *      own, so SYS_LED changes in lock order.
 *   5. Store the new pins with the lock bit clear (releases the lock),
 *      DSB, SEV to wake a core waiting in 2, restore the CPSR.
 * r1, r2, r3, r12 are scratch (AAPCS); r4..r8 are saved.
 *
 * The stubs are 16 bytes, 16-byte aligned (the fourth word is a trap that
 * is never reached), so none crosses a 1 KiB block; the stub of state v
 * is at sysled_stubs + 16 * v.
 */
__asm__(
    "    .pushsection .text.sysled_probe, \"ax\", %progbits\n"
    "    .arm\n"
    "    .syntax unified\n"
    "    .balign 4\n"
    "    .global sysled_probe_init\n"
    "    .type sysled_probe_init, %function\n"
    "sysled_probe_init:\n"
    "    mov r2, #" SYSLED_STR(SYSLED_PIN_MASK_IMM) "\n"
    "    mov r3, #0\n"
    "    b sysled_update\n"
    "    .size sysled_probe_init, . - sysled_probe_init\n"
    "\n"
    "    .global sysled_probe_set\n"
    "    .type sysled_probe_set, %function\n"
    "sysled_probe_set:\n"
    "    and r1, r1, #" SYSLED_STR(SYSLED_PIN_NUM_IMM) "\n"
    "    mov r2, #1\n"
    "    lsl r2, r2, r1\n"
    "    mov r3, r2\n"
    "    b sysled_update\n"
    "    .size sysled_probe_set, . - sysled_probe_set\n"
    "\n"
    "    .global sysled_probe_clear\n"
    "    .type sysled_probe_clear, %function\n"
    "sysled_probe_clear:\n"
    "    and r1, r1, #" SYSLED_STR(SYSLED_PIN_NUM_IMM) "\n"
    "    mov r2, #1\n"
    "    lsl r2, r2, r1\n"
    "    mov r3, #0\n"
    "    b sysled_update\n"
    "    .size sysled_probe_clear, . - sysled_probe_clear\n"
    "\n"
    "    .global sysled_probe_write\n"
    "    .type sysled_probe_write, %function\n"
    "sysled_probe_write:\n"
    "    mov r2, #" SYSLED_STR(SYSLED_PIN_MASK_IMM) "\n"
    "    and r3, r1, r2\n"
    "    b sysled_update\n"
    "    .size sysled_probe_write, . - sysled_probe_write\n"
    "\n"
    "    .type sysled_update, %function\n"
    "sysled_update:\n"
    "    push {r4, r5, r6, r7, r8, lr}\n"
    "    mrs r8, cpsr\n"
    "    cpsid i\n"
    "    movw r4, #:lower16:sysled_word\n"
    "    movt r4, #:upper16:sysled_word\n"
    "1:  ldrex r5, [r4]\n"
    "    tst r5, #" SYSLED_STR(SYSLED_LOCK_IMM) "\n"
    "    bne 2f\n"
    "    orr r6, r5, #" SYSLED_STR(SYSLED_LOCK_IMM) "\n"
    "    strex r7, r6, [r4]\n"
    "    cmp r7, #0\n"
    "    bne 1b\n"
    "    dmb\n"
    "    bic r1, r5, r2\n"
    "    orr r1, r1, r3\n"
    "    and r1, r1, #" SYSLED_STR(SYSLED_PIN_MASK_IMM) "\n"
    "    movw r6, #:lower16:sysled_stubs\n"
    "    movt r6, #:upper16:sysled_stubs\n"
    "    add r12, r6, r1, lsl #" SYSLED_STR(SYSLED_STUB_SHIFT_IMM) "\n"
    "    blx r12\n"
    "    dsb\n"
    "    str r1, [r4]\n"
    "    dsb\n"
    "    sev\n"
    "    msr cpsr_c, r8\n"
    "    pop {r4, r5, r6, r7, r8, pc}\n"
    "2:  wfe\n"
    "    b 1b\n"
    "    .size sysled_update, . - sysled_update\n"
    "\n"
    "    .balign 1 << " SYSLED_STR(SYSLED_STUB_SHIFT_IMM) "\n"
    "sysled_stubs:\n"
    "    .set sysled_stub_value, 0\n"
    "    .rept " SYSLED_STR(SYSLED_STATES_IMM) "\n"
    "    mov r1, #sysled_stub_value\n"
    "    str r1, [r0, #" SYSLED_STR(SYSLED_LED_IMM) "]\n"
    "    bx lr\n"
    "    udf #0\n"
    "    .set sysled_stub_value, sysled_stub_value + 1\n"
    "    .endr\n"
    "    .size sysled_stubs, . - sysled_stubs\n"
    "    .popsection\n");
