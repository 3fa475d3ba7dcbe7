/*
 * fault.c - register dump for unexpected exceptions and panics. Uses only
 * the polled console, never printf, so it works with any state broken.
 */
#include "fault.h"

#include "bsp.h"
#include "cpu.h"

void arm_puts(const char *s)
{
    while (*s != '\0') {
        if (*s == '\n') {
            bsp_console_putc('\r');
        }
        bsp_console_putc(*s++);
    }
}

void arm_puthex(uint32_t v)
{
    static const char digits[] = "0123456789abcdef";
    arm_puts("0x");
    for (int shift = 28; shift >= 0; shift -= 4) {
        bsp_console_putc(digits[(v >> shift) & 0xFu]);
    }
}

static const char *mode_name(uint32_t psr)
{
    switch (psr & CPU_MODE_MASK) {
    case CPU_MODE_USR: return "USR";
    case CPU_MODE_FIQ: return "FIQ";
    case CPU_MODE_IRQ: return "IRQ";
    case CPU_MODE_SVC: return "SVC";
    case CPU_MODE_ABT: return "ABT";
    case CPU_MODE_UND: return "UND";
    case CPU_MODE_SYS: return "SYS";
    default: return "???";
    }
}

static void field(const char *name, uint32_t v)
{
    arm_puts(name);
    arm_puthex(v);
}

void arm_fault_report(unsigned kind, const uint32_t *frame,
                      const uint32_t *usr, uint32_t spsr)
{
    static const char *const names[] = {
        "?", "undefined instruction", "unexpected SVC", "prefetch abort",
        "data abort", "unexpected IRQ", "unexpected FIQ",
    };
    cpu_irq_disable();
    /* The exception lr points past the faulting instruction by a
     * kind-specific amount: undef/SVC +4 (ARM), prefetch abort +4,
     * data abort +8, IRQ/FIQ +4 past the next instruction. */
    uint32_t lr_exc = frame[13];
    uint32_t pc = lr_exc - (kind == ARM_EXC_DABT ? 8u : 4u);
    arm_puts("\n*** FAULT: ");
    arm_puts(kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "?");
    arm_puts(" in ");
    arm_puts(mode_name(spsr));
    arm_puts(" mode\n");
    field("PC   ", pc);
    field("  SPSR ", spsr);
    field("  DFSR ", cpu_dfsr_read());
    field("  FAR ", cpu_far_read());
    field("  IFSR ", cpu_ifsr_read());
    arm_puts("\n");
    field("usr/sys SP ", usr[0]);
    field("  LR ", usr[1]);
    arm_puts("\n");
    for (unsigned i = 0; i < 13u; i++) {
        arm_puts("r");
        bsp_console_putc((char)('0' + i / 10u));
        bsp_console_putc((char)('0' + i % 10u));
        arm_puts(" ");
        arm_puthex(frame[i]);
        arm_puts((i % 4u) == 3u ? "\n" : "  ");
    }
    arm_puts("\n");
    bsp_exit(ARM_PANIC_STATUS);
}

void arm_panic(const char *why)
{
    uint32_t cpsr = cpu_cpsr_read();
    cpu_irq_disable();
    arm_puts("\n*** PANIC: ");
    arm_puts(why);
    arm_puts(" (mode ");
    arm_puts(mode_name(cpsr));
    arm_puts(", CPSR ");
    arm_puthex(cpsr);
    arm_puts(")\n");
    bsp_exit(ARM_PANIC_STATUS);
}
