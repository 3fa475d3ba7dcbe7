/*
 * asm_offsets.c - compiled to assembly only (never linked): each marker
 * line "@@asm-offset NAME value" becomes a #define of the generated header
 * pk_asm_offsets.h (mk/partitioned.mk), so entry.S never types an offset.
 */
#include <stddef.h>

#include "pk_kernel.h"

#define PK_OFFSET(name, value) \
    __asm__ volatile("\n@@asm-offset " #name " %c0" : : "i"(value))

void pk_asm_offsets(void);

void pk_asm_offsets(void)
{
    PK_OFFSET(PK_REGS_R0, offsetof(struct pk_regs, r));
    PK_OFFSET(PK_REGS_PC, offsetof(struct pk_regs, r) + 15u * 4u);
    PK_OFFSET(PK_REGS_CPSR, offsetof(struct pk_regs, cpsr));
    PK_OFFSET(PK_PART_CTX, offsetof(struct pk_part, ctx));
}
