/*
 * pk_tp.h - dynamic tracepoints (partitions/tp.c) and the emulator of the
 * instruction a tracepoint displaces (partitions/tp_emu.c).
 *
 * A tracepoint replaces one ARM instruction of a partition's code by the
 * trap PK_TP_TRAP (a permanently undefined encoding). A hit is an
 * undefined-instruction exception at a planted address: the kernel records
 * a trace event and emulates the saved instruction on the partition's
 * registers, every memory access checked against the memory the partition
 * may touch in its current virtual mode; the partition resumes after it.
 * The partition is never single-stepped and the displaced instruction never
 * runs with kernel privilege. docs/tracepoints.md has the whole design.
 */
#ifndef PK_TP_H
#define PK_TP_H

#include <stdbool.h>
#include <stdint.h>

#include "pk_abi.h"
#include "pk_trace.h"

/* The trap: "udf #0x7a5" (cond 1110, 0111 1111 imm12 1111 imm4). ARMv5 to
 * v7 treat the whole 0xe7f000f0 group as permanently undefined. */
#define PK_TP_TRAP 0xe7f7a0f5u

/* ---- The emulator (pure: no kernel state, host-testable) ---- */

/* Classes of displaced instructions (pk_tp_decode). */
enum pk_tp_class {
    PK_TP_UNSUPPORTED = 0, /* cannot be displaced: planting refuses it */
    PK_TP_DATA,            /* data processing, multiply, clz, movw/movt */
    PK_TP_LOAD_STORE,      /* ldr/str/ldrb/strb/ldrh/strh/ldrsb/ldrsh/ldrd/strd */
    PK_TP_PCREL_LOAD,      /* one of those with base register pc */
    PK_TP_LDM_STM,         /* ldm/stm (push, pop) without pc */
    PK_TP_LDM_PC,          /* ldm with pc in the list (a return) */
    PK_TP_BRANCH,          /* b */
    PK_TP_BRANCH_LINK,     /* bl */
    PK_TP_BX,              /* bx / blx register, data processing into pc */
    PK_TP_CLASS_COUNT
};

/* Memory the emulated instruction may touch: up to two ranges [base,
 * base + size) of guest addresses, reached at host address guest +
 * host_off (0 in the kernel, whose view is identity; a buffer in the host
 * tests). */
struct pk_tp_mem {
    uint32_t base[2];
    uint32_t size[2];
    unsigned n;
    intptr_t host_off;
};

/* Results of pk_tp_emulate. */
enum pk_tp_result {
    PK_TP_OK = 0,       /* executed (or condition failed): pc moved on */
    PK_TP_MEM_FAULT,    /* an access outside the allowed ranges or
                           misaligned: nothing was changed; *fault holds the
                           address */
    PK_TP_THUMB,        /* it would switch to Thumb state: nothing changed */
    PK_TP_UNDEF,        /* not an emulable instruction */
};

/* The class of insn, PK_TP_UNSUPPORTED if the emulator cannot execute it
 * (coprocessor, svc, status-register moves, exclusive or atomic accesses,
 * user-bank or exception-return forms, unconditional space, anything
 * UNPREDICTABLE the emulator does not model). */
enum pk_tp_class pk_tp_decode(uint32_t insn);

/* Executes insn, which was at address pc, on r (r->r[15] is ignored and
 * set to the next pc). A store that faults leaves memory unchanged: every
 * address of an instruction is checked before the first access. */
enum pk_tp_result pk_tp_emulate(uint32_t insn, uint32_t pc,
                                struct pk_regs *r, const struct pk_tp_mem *m,
                                uint32_t *fault);
/* The same with the class pk_tp_decode(insn) gave (the kernel decodes
 * once, at planting). */
enum pk_tp_result pk_tp_execute(uint32_t insn, enum pk_tp_class cls,
                                uint32_t pc, struct pk_regs *r,
                                const struct pk_tp_mem *m, uint32_t *fault);

/* ---- Tracepoints (tp.c) ---- */

/* Tracepoints planted at once, system-wide. */
#define PK_TP_MAX 16u

struct pk_part;

#if defined(PK_TRACE_ENABLED) && PK_TRACE_ENABLED
#define PK_TP_ENABLED 1
#else
#define PK_TP_ENABLED 0
#endif

#if PK_TP_ENABLED
/* Errors of pk_tp_plant / pk_tp_remove (the control channel prints them). */
enum pk_tp_error {
    PK_TP_E_OK = 0,
    PK_TP_E_PART,      /* no such partition */
    PK_TP_E_DENIED,    /* the configuration does not let the tracer reach it */
    PK_TP_E_ADDR,      /* not a word-aligned address inside its code */
    PK_TP_E_INSN,      /* the instruction there cannot be displaced */
    PK_TP_E_FULL,      /* PK_TP_MAX planted already */
    PK_TP_E_EXISTS,    /* one is planted there already */
    PK_TP_E_NONE,      /* no such tracepoint */
    PK_TP_E_LOADING,   /* the partition is being cold started */
};
/* Plants a tracepoint at addr in partition index part, recording the
 * registers of regmask (bit n = rn) at each hit; *id receives its number. */
enum pk_tp_error pk_tp_plant(unsigned part, uint32_t addr, uint32_t regmask,
                             unsigned *id);
/* Removes tracepoint id, restoring the original instruction. */
enum pk_tp_error pk_tp_remove(unsigned id);
/* An undefined instruction of the current partition at pc: true if it was
 * a tracepoint's hit (recorded, emulated, the partition may resume or was
 * handed to the health monitor); false: an ordinary undefined instruction. */
bool pk_tp_hit(struct pk_part *p, uint32_t pc);
/* p's ranges were just reloaded from its images: plant its tracepoints
 * again over the fresh code. */
void pk_tp_replant(struct pk_part *p);
/* The guest's current task id as read from its memory (TRACE_NO_TASK
 * when it cannot be read safely). */
unsigned pk_tp_current_task(const struct pk_part *p);
/* Prints the table for the control command tagged tag (ctl.c). */
void pk_tp_list_tagged(unsigned tag);
/* The control channel (ctl.c): reads and executes console input. */
void pk_ctl_poll(void);
/* Partitions whose records are kept (bit i = index i; ctl.c "parts"). */
extern uint32_t pk_ctl_parts;
/* One "PK tp end" line per tracepoint with its hits (end of a run). */
void pk_tp_report(void);
/* Hits recorded so far (tests, the control channel). */
uint32_t pk_tp_hits(unsigned id);
/* Whether a tracepoint is planted at addr of partition index part (the
 * invariant checks' comparison with the image skips it). */
bool pk_tp_planted_at(unsigned part, uint32_t addr);
#define PK_TP_HIT(p, pc) pk_tp_hit((p), (pc))
#define PK_TP_REPLANT(p) pk_tp_replant(p)
#define PK_TP_PLANTED_AT(part, addr) pk_tp_planted_at((part), (addr))
#else
#define PK_TP_PLANTED_AT(part, addr) false
#define PK_TP_HIT(p, pc) false
#define PK_TP_REPLANT(p) do { } while (0)
#endif

#endif /* PK_TP_H */
