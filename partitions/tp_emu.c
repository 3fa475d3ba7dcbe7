/*
 * tp_emu.c - the emulator of an instruction displaced by a tracepoint
 * (pk_tp.h). It runs in the kernel on the partition's saved USR registers;
 * every load and store is checked against the ranges the partition may
 * touch in its current virtual mode before any access is made, so the
 * instruction can reach nothing its own execution in USR mode could not.
 *
 * What is emulated (ARM state, ARMv5 to ARMv7 user-mode semantics):
 * data processing with every shifter operand (flags included), multiply
 * and long multiply, clz, movw/movt, bx/blx register, b/bl, the single
 * loads and stores (word, byte, halfword, signed, doubleword; immediate or
 * register offset; pre/post-indexed, write-back), ldm/stm in the four
 * modes with write-back, pc included in loads. A value written to pc with
 * bit 0 set would enter Thumb state, which the partition ABI forbids: it
 * is reported (PK_TP_THUMB), as the next kernel entry would. Everything
 * else is refused at planting (pk_tp_decode): coprocessor and status
 * register accesses, svc, swp and exclusives, the user-bank and
 * exception-return forms of ldm/stm, the unconditional space, and the
 * UNPREDICTABLE uses of pc and write-back.
 */
#include "pk_tp.h"

#define BIT(i, n) (((i) >> (n)) & 1u)
#define FIELD(i, lo, w) (((i) >> (lo)) & ((1u << (w)) - 1u))
#define RN(i) FIELD(i, 16, 4)
#define RD(i) FIELD(i, 12, 4)
#define RS(i) FIELD(i, 8, 4)
#define RM(i) FIELD(i, 0, 4)

#define PSR_N (1u << 31)
#define PSR_Z (1u << 30)
#define PSR_C (1u << 29)
#define PSR_V (1u << 28)

/* ---- Decoding ---- */

static bool is_bx(uint32_t i) /* bx / blx register */
{
    return (i & 0x0ffffff0u) == 0x012fff10u || (i & 0x0ffffff0u) == 0x012fff30u;
}

static bool is_clz(uint32_t i)
{
    return (i & 0x0fff0ff0u) == 0x016f0f10u;
}

static bool is_movw_movt(uint32_t i)
{
    return (i & 0x0fb00000u) == 0x03000000u;
}

/* Multiply class: bits 27:24 0000, 7:4 1001. */
static enum pk_tp_class decode_multiply(uint32_t i)
{
    uint32_t op = FIELD(i, 21, 3);
    if (RM(i) == 15u || RS(i) == 15u)
        return PK_TP_UNSUPPORTED;
    if (op <= 1u) { /* mul, mla: rd in 19:16, rn in 15:12 */
        if (RN(i) == 15u || (op == 1u && RD(i) == 15u))
            return PK_TP_UNSUPPORTED;
        return PK_TP_DATA;
    }
    if (op >= 4u) { /* umull, umlal, smull, smlal: RdHi 19:16, RdLo 15:12 */
        if (RN(i) == 15u || RD(i) == 15u || RN(i) == RD(i))
            return PK_TP_UNSUPPORTED;
        return PK_TP_DATA;
    }
    return PK_TP_UNSUPPORTED; /* umaal, mls (v6/v7 only): not modelled */
}

/* Extra loads and stores: bits 27:25 000, bit 7 and 4 set, 6:5 != 00. */
static enum pk_tp_class decode_extra_ls(uint32_t i)
{
    uint32_t sh = FIELD(i, 5, 2);
    bool load = BIT(i, 20);
    bool p = BIT(i, 24), w = BIT(i, 21);
    bool imm = BIT(i, 22);
    uint32_t rn = RN(i), rt = RD(i);
    if (!p && w)
        return PK_TP_UNSUPPORTED; /* ldrht and friends */
    if (!imm && (BIT(i, 11) | BIT(i, 10) | BIT(i, 9) | BIT(i, 8)))
        return PK_TP_UNSUPPORTED; /* should-be-zero bits */
    if (!imm && RM(i) == 15u)
        return PK_TP_UNSUPPORTED;
    bool dual = !load && sh >= 2u; /* ldrd (sh 2), strd (sh 3) */
    if (dual) {
        if ((rt & 1u) != 0u || rt == 14u)
            return PK_TP_UNSUPPORTED;
        if (!imm && (RM(i) == rt || RM(i) == rt + 1u))
            return PK_TP_UNSUPPORTED;
        if ((!p || w) && (rn == 15u || rn == rt || rn == rt + 1u))
            return PK_TP_UNSUPPORTED;
    } else {
        if (rt == 15u)
            return PK_TP_UNSUPPORTED;
        if ((!p || w) && (rn == 15u || rn == rt))
            return PK_TP_UNSUPPORTED;
    }
    if (!imm && !p && RM(i) == rn)
        return PK_TP_UNSUPPORTED;
    return rn == 15u ? PK_TP_PCREL_LOAD : PK_TP_LOAD_STORE;
}

static enum pk_tp_class decode_data(uint32_t i)
{
    uint32_t op = FIELD(i, 21, 4);
    bool s = BIT(i, 20);
    bool imm = BIT(i, 25);
    if (!imm && BIT(i, 4) && BIT(i, 7)) {
        if (FIELD(i, 5, 2) == 0u)
            return FIELD(i, 24, 1) == 0u ? decode_multiply(i)
                                         : PK_TP_UNSUPPORTED; /* swp, ldrex */
        return decode_extra_ls(i);
    }
    /* Opcodes 8..11 without S: the miscellaneous space (mrs, msr, bx,
     * clz, movw, movt, ...). */
    if (op >= 8u && op <= 11u && !s) {
        if (is_bx(i))
            return RM(i) == 15u ? PK_TP_UNSUPPORTED : PK_TP_BX;
        if (is_clz(i))
            return RD(i) == 15u || RM(i) == 15u ? PK_TP_UNSUPPORTED
                                                : PK_TP_DATA;
        if (is_movw_movt(i))
            return RD(i) == 15u ? PK_TP_UNSUPPORTED : PK_TP_DATA;
        return PK_TP_UNSUPPORTED;
    }
    /* Shift by register: no operand may be pc. */
    if (!imm && BIT(i, 4) &&
        (RM(i) == 15u || RS(i) == 15u || RN(i) == 15u || RD(i) == 15u))
        return PK_TP_UNSUPPORTED;
    if (RD(i) == 15u) {
        /* Writes of the flags' results into pc with S copy the SPSR:
         * an exception return, never legitimate in USR mode. */
        if (s || (op >= 8u && op <= 11u))
            return PK_TP_UNSUPPORTED;
        return PK_TP_BX;
    }
    return PK_TP_DATA;
}

static enum pk_tp_class decode_ls(uint32_t i)
{
    bool p = BIT(i, 24), w = BIT(i, 21), load = BIT(i, 20);
    uint32_t rn = RN(i), rt = RD(i);
    if (BIT(i, 25) && BIT(i, 4))
        return PK_TP_UNSUPPORTED; /* media instructions */
    if (BIT(i, 25) && RM(i) == 15u)
        return PK_TP_UNSUPPORTED;
    if ((!p || w) && (rn == 15u || rn == rt))
        return PK_TP_UNSUPPORTED; /* write-back of pc or of the loaded reg */
    if (BIT(i, 25) && !p && RM(i) == rn)
        return PK_TP_UNSUPPORTED;
    if (rt == 15u && (BIT(i, 22) || !load))
        return PK_TP_UNSUPPORTED; /* ldrb pc; str pc (stored value is
                                     implementation defined) */
    if (load && rt == 15u)
        return PK_TP_BX;
    return rn == 15u ? PK_TP_PCREL_LOAD : PK_TP_LOAD_STORE;
}

static enum pk_tp_class decode_lsm(uint32_t i)
{
    uint32_t list = i & 0xffffu;
    bool load = BIT(i, 20), w = BIT(i, 21);
    uint32_t rn = RN(i);
    if (BIT(i, 22) || list == 0u || rn == 15u)
        return PK_TP_UNSUPPORTED; /* user bank / exception return */
    if (w && BIT(list, rn))
        return PK_TP_UNSUPPORTED; /* write-back of a listed base */
    if (!load && BIT(list, 15))
        return PK_TP_UNSUPPORTED; /* stores pc: implementation defined */
    if (load && BIT(list, 15))
        return PK_TP_LDM_PC;
    return PK_TP_LDM_STM;
}

enum pk_tp_class pk_tp_decode(uint32_t i)
{
    if (FIELD(i, 28, 4) == 15u)
        return PK_TP_UNSUPPORTED; /* unconditional space */
    switch (FIELD(i, 25, 3)) {
    case 0u:
    case 1u:
        return decode_data(i);
    case 2u:
    case 3u:
        return decode_ls(i);
    case 4u:
        return decode_lsm(i);
    case 5u:
        return BIT(i, 24) ? PK_TP_BRANCH_LINK : PK_TP_BRANCH;
    default:
        return PK_TP_UNSUPPORTED; /* coprocessor, svc */
    }
}

/* ---- Execution ---- */

static bool cond_passed(uint32_t cond, uint32_t psr)
{
    bool n = (psr & PSR_N) != 0u, z = (psr & PSR_Z) != 0u;
    bool c = (psr & PSR_C) != 0u, v = (psr & PSR_V) != 0u;
    bool r;
    switch (cond >> 1) {
    case 0: r = z; break;
    case 1: r = c; break;
    case 2: r = n; break;
    case 3: r = v; break;
    case 4: r = c && !z; break;
    case 5: r = n == v; break;
    case 6: r = !z && n == v; break;
    default: return true; /* AL (15 is excluded by decoding) */
    }
    return (cond & 1u) ? !r : r;
}

/* A register as an operand: pc reads as the instruction's address + 8. */
static inline uint32_t reg(const struct pk_regs *r, uint32_t n, uint32_t pc)
{
    return n == 15u ? pc + 8u : r->r[n];
}

/* [addr, addr + len) inside one allowed range, aligned to align. */
static bool mem_ok(const struct pk_tp_mem *m, uint32_t addr, uint32_t len,
                   uint32_t align)
{
    if ((addr & (align - 1u)) != 0u)
        return false;
    for (unsigned k = 0; k < m->n && k < 2u; k++) {
        uint32_t off = addr - m->base[k];
        if (off < m->size[k] && len <= m->size[k] - off)
            return true;
    }
    return false;
}

static inline void *host(const struct pk_tp_mem *m, uint32_t addr)
{
    return (void *)((intptr_t)addr + m->host_off);
}

static uint32_t ld32(const struct pk_tp_mem *m, uint32_t a)
{
    return *(volatile const uint32_t *)host(m, a);
}

static void st32(const struct pk_tp_mem *m, uint32_t a, uint32_t v)
{
    *(volatile uint32_t *)host(m, a) = v;
}

/* The shifter operand and its carry (c_in: the C flag). */
static uint32_t shifter(uint32_t i, const struct pk_regs *r, uint32_t pc,
                        uint32_t c_in, uint32_t *c_out)
{
    *c_out = c_in;
    if (BIT(i, 25)) {
        uint32_t rot = FIELD(i, 8, 4) * 2u, v = i & 0xffu;
        if (rot != 0u) {
            v = (v >> rot) | (v << (32u - rot));
            *c_out = v >> 31;
        }
        return v;
    }
    uint32_t v = reg(r, RM(i), pc);
    uint32_t type = FIELD(i, 5, 2);
    uint32_t amount;
    if (BIT(i, 4)) {
        amount = r->r[RS(i)] & 0xffu;
        if (amount == 0u)
            return v;
        switch (type) {
        case 0u: /* lsl */
            if (amount < 32u) {
                *c_out = (v >> (32u - amount)) & 1u;
                return v << amount;
            }
            *c_out = amount == 32u ? (v & 1u) : 0u;
            return 0u;
        case 1u: /* lsr */
            if (amount < 32u) {
                *c_out = (v >> (amount - 1u)) & 1u;
                return v >> amount;
            }
            *c_out = amount == 32u ? (v >> 31) : 0u;
            return 0u;
        case 2u: /* asr */
            if (amount < 32u) {
                *c_out = (v >> (amount - 1u)) & 1u;
                return (uint32_t)((int32_t)v >> amount);
            }
            *c_out = v >> 31;
            return (v >> 31) ? 0xffffffffu : 0u;
        default: /* ror */
            amount &= 31u;
            if (amount == 0u) {
                *c_out = v >> 31;
                return v;
            }
            *c_out = (v >> (amount - 1u)) & 1u;
            return (v >> amount) | (v << (32u - amount));
        }
    }
    amount = FIELD(i, 7, 5);
    switch (type) {
    case 0u: /* lsl #n */
        if (amount == 0u)
            return v;
        *c_out = (v >> (32u - amount)) & 1u;
        return v << amount;
    case 1u: /* lsr #n, #0 meaning #32 */
        if (amount == 0u) {
            *c_out = v >> 31;
            return 0u;
        }
        *c_out = (v >> (amount - 1u)) & 1u;
        return v >> amount;
    case 2u: /* asr #n, #0 meaning #32 */
        if (amount == 0u) {
            *c_out = v >> 31;
            return (v >> 31) ? 0xffffffffu : 0u;
        }
        *c_out = (v >> (amount - 1u)) & 1u;
        return (uint32_t)((int32_t)v >> amount);
    default: /* ror #n; #0 is rrx */
        if (amount == 0u) {
            *c_out = v & 1u;
            return (v >> 1) | (c_in << 31);
        }
        *c_out = (v >> (amount - 1u)) & 1u;
        return (v >> amount) | (v << (32u - amount));
    }
}

/* a + b + carry with the C and V flags. */
static uint32_t add_c(uint32_t a, uint32_t b, uint32_t carry, uint32_t *c,
                      uint32_t *v)
{
    uint64_t u = (uint64_t)a + b + carry;
    uint32_t res = (uint32_t)u;
    *c = (uint32_t)(u >> 32);
    *v = ((~(a ^ b) & (a ^ res)) >> 31) & 1u;
    return res;
}

static enum pk_tp_result exec_data(uint32_t i, uint32_t pc, struct pk_regs *r)
{
    uint32_t psr = r->cpsr;
    uint32_t cin = (psr >> 29) & 1u;
    uint32_t op = FIELD(i, 21, 4);
    bool s = BIT(i, 20);
    uint32_t sc;
    uint32_t b = shifter(i, r, pc, cin, &sc);
    uint32_t a = reg(r, RN(i), pc);
    uint32_t res, c = sc, v = (psr >> 28) & 1u;
    bool logical = false, write = true;
    switch (op) {
    case 0x0: res = a & b; logical = true; break;                 /* and */
    case 0x1: res = a ^ b; logical = true; break;                 /* eor */
    case 0x2: res = add_c(a, ~b, 1u, &c, &v); break;              /* sub */
    case 0x3: res = add_c(b, ~a, 1u, &c, &v); break;              /* rsb */
    case 0x4: res = add_c(a, b, 0u, &c, &v); break;               /* add */
    case 0x5: res = add_c(a, b, cin, &c, &v); break;              /* adc */
    case 0x6: res = add_c(a, ~b, cin, &c, &v); break;             /* sbc */
    case 0x7: res = add_c(b, ~a, cin, &c, &v); break;             /* rsc */
    case 0x8: res = a & b; logical = true; write = false; break;  /* tst */
    case 0x9: res = a ^ b; logical = true; write = false; break;  /* teq */
    case 0xa: res = add_c(a, ~b, 1u, &c, &v); write = false; break; /* cmp */
    case 0xb: res = add_c(a, b, 0u, &c, &v); write = false; break;  /* cmn */
    case 0xc: res = a | b; logical = true; break;                 /* orr */
    case 0xd: res = b; logical = true; break;                     /* mov */
    case 0xe: res = a & ~b; logical = true; break;                /* bic */
    default: res = ~b; logical = true; break;                     /* mvn */
    }
    if (s) {
        psr &= ~(PSR_N | PSR_Z | PSR_C | PSR_V);
        psr |= res & PSR_N;
        psr |= res == 0u ? PSR_Z : 0u;
        psr |= c ? PSR_C : 0u;
        if (!logical)
            psr |= v ? PSR_V : 0u;
        else
            psr |= r->cpsr & PSR_V;
    }
    if (write && RD(i) == 15u) {
        /* ARMv7 interworks here (ALUWritePC), ARMv5 aligns: the result
         * with bit 0 set is refused on both. */
        if ((res & 1u) != 0u)
            return PK_TP_THUMB;
        r->r[15] = res & ~3u;
        return PK_TP_OK;
    }
    if (write)
        r->r[RD(i)] = res;
    r->cpsr = psr;
    r->r[15] = pc + 4u;
    return PK_TP_OK;
}

static void exec_multiply(uint32_t i, struct pk_regs *r)
{
    uint32_t op = FIELD(i, 21, 3);
    uint32_t rm = r->r[RM(i)], rs = r->r[RS(i)];
    uint32_t psr = r->cpsr & ~(PSR_N | PSR_Z);
    if (op <= 1u) {
        uint32_t res = rm * rs + (op == 1u ? r->r[RD(i)] : 0u);
        r->r[RN(i)] = res;
        psr |= (res & PSR_N) | (res == 0u ? PSR_Z : 0u);
    } else {
        uint64_t res;
        if (op & 2u) /* signed */
            res = (uint64_t)((int64_t)(int32_t)rm * (int32_t)rs);
        else
            res = (uint64_t)rm * rs;
        if (op & 1u) /* accumulate */
            res += ((uint64_t)r->r[RN(i)] << 32) | r->r[RD(i)];
        r->r[RD(i)] = (uint32_t)res;
        r->r[RN(i)] = (uint32_t)(res >> 32);
        psr |= ((uint32_t)(res >> 32) & PSR_N) | (res == 0u ? PSR_Z : 0u);
    }
    if (BIT(i, 20))
        r->cpsr = psr;
}

static uint32_t clz32(uint32_t v)
{
    uint32_t n = 0;
    if (v == 0u)
        return 32u;
    while ((v & 0x80000000u) == 0u) {
        v <<= 1;
        n++;
    }
    return n;
}

static enum pk_tp_result exec_ls(uint32_t i, uint32_t pc, struct pk_regs *r,
                                 const struct pk_tp_mem *m, uint32_t *fault)
{
    bool p = BIT(i, 24), u = BIT(i, 23), byte = BIT(i, 22);
    bool w = BIT(i, 21), load = BIT(i, 20);
    uint32_t base = reg(r, RN(i), pc);
    uint32_t off;
    if (BIT(i, 25)) {
        uint32_t c;
        /* A register offset shifted by an immediate (bit 4 is 0). */
        off = shifter(i & ~(1u << 25), r, pc, (r->cpsr >> 29) & 1u, &c);
    } else {
        off = i & 0xfffu;
    }
    uint32_t offaddr = u ? base + off : base - off;
    uint32_t addr = p ? offaddr : base;
    uint32_t size = byte ? 1u : 4u;
    if (!mem_ok(m, addr, size, size)) {
        *fault = addr;
        return PK_TP_MEM_FAULT;
    }
    uint32_t rt = RD(i);
    uint32_t val = 0;
    if (load)
        val = byte ? *(volatile const uint8_t *)host(m, addr) : ld32(m, addr);
    if (load && rt == 15u && (val & 1u) != 0u)
        return PK_TP_THUMB; /* before anything is written */
    if (!load && byte)
        *(volatile uint8_t *)host(m, addr) = (uint8_t)r->r[rt];
    else if (!load)
        st32(m, addr, r->r[rt]);
    if (!p || w)
        r->r[RN(i)] = offaddr;
    if (load && rt == 15u) {
        r->r[15] = val & ~3u;
        return PK_TP_OK;
    }
    if (load)
        r->r[rt] = val;
    r->r[15] = pc + 4u;
    return PK_TP_OK;
}

static enum pk_tp_result exec_extra_ls(uint32_t i, uint32_t pc,
                                       struct pk_regs *r,
                                       const struct pk_tp_mem *m,
                                       uint32_t *fault)
{
    bool p = BIT(i, 24), u = BIT(i, 23), w = BIT(i, 21), load = BIT(i, 20);
    uint32_t sh = FIELD(i, 5, 2);
    uint32_t base = reg(r, RN(i), pc);
    uint32_t off = BIT(i, 22) ? (FIELD(i, 8, 4) << 4) | FIELD(i, 0, 4)
                              : r->r[RM(i)];
    uint32_t offaddr = u ? base + off : base - off;
    uint32_t addr = p ? offaddr : base;
    uint32_t rt = RD(i);
    bool dual = !load && sh >= 2u;
    uint32_t size = dual ? 8u : (sh == 2u && load) ? 1u : 2u;
    if (!mem_ok(m, addr, size, dual ? 4u : size)) {
        *fault = addr;
        return PK_TP_MEM_FAULT;
    }
    void *h = host(m, addr);
    if (dual && sh == 2u) { /* ldrd */
        uint32_t lo = ld32(m, addr), hi = ld32(m, addr + 4u);
        r->r[rt] = lo;
        r->r[rt + 1u] = hi;
    } else if (dual) { /* strd */
        st32(m, addr, r->r[rt]);
        st32(m, addr + 4u, r->r[rt + 1u]);
    } else if (!load) { /* strh */
        *(volatile uint16_t *)h = (uint16_t)r->r[rt];
    } else if (sh == 1u) { /* ldrh */
        r->r[rt] = *(volatile const uint16_t *)h;
    } else if (sh == 2u) { /* ldrsb */
        r->r[rt] = (uint32_t)(int32_t)*(volatile const int8_t *)h;
    } else { /* ldrsh */
        r->r[rt] = (uint32_t)(int32_t)*(volatile const int16_t *)h;
    }
    if (!p || w)
        r->r[RN(i)] = offaddr;
    r->r[15] = pc + 4u;
    return PK_TP_OK;
}

static enum pk_tp_result exec_lsm(uint32_t i, uint32_t pc, struct pk_regs *r,
                                  const struct pk_tp_mem *m, uint32_t *fault)
{
    uint32_t list = i & 0xffffu;
    uint32_t n = 0;
    for (uint32_t l = list; l != 0u; l &= l - 1u)
        n++;
    bool p = BIT(i, 24), u = BIT(i, 23), w = BIT(i, 21), load = BIT(i, 20);
    uint32_t base = r->r[RN(i)];
    /* Lowest address: IA base, IB base + 4, DA base - 4n + 4, DB base - 4n. */
    uint32_t lo = u ? base + (p ? 4u : 0u) : base - 4u * n + (p ? 0u : 4u);
    if (!mem_ok(m, lo, 4u * n, 4u)) {
        *fault = lo;
        return PK_TP_MEM_FAULT;
    }
    uint32_t newpc = pc + 4u;
    /* A Thumb target is refused before anything is written. */
    if (load && BIT(list, 15) && (ld32(m, lo + 4u * (n - 1u)) & 1u) != 0u)
        return PK_TP_THUMB;
    /* The listed registers only, lowest first (a push of four registers
     * is four stores). */
    volatile uint32_t *h = (volatile uint32_t *)host(m, lo);
    if (load) {
        for (uint32_t l = list & 0x7fffu; l != 0u; l &= l - 1u)
            r->r[__builtin_ctz(l)] = *h++;
        if (BIT(list, 15))
            newpc = *h;
    } else {
        for (uint32_t l = list; l != 0u; l &= l - 1u)
            *h++ = r->r[__builtin_ctz(l)];
    }
    if (w)
        r->r[RN(i)] = u ? base + 4u * n : base - 4u * n;
    r->r[15] = load && BIT(list, 15) ? newpc & ~3u : newpc;
    return PK_TP_OK;
}

enum pk_tp_result pk_tp_emulate(uint32_t i, uint32_t pc, struct pk_regs *r,
                                const struct pk_tp_mem *m, uint32_t *fault)
{
    return pk_tp_execute(i, pk_tp_decode(i), pc, r, m, fault);
}

enum pk_tp_result pk_tp_execute(uint32_t i, enum pk_tp_class cls,
                                uint32_t pc, struct pk_regs *r,
                                const struct pk_tp_mem *m, uint32_t *fault)
{
    if (cls == PK_TP_UNSUPPORTED)
        return PK_TP_UNDEF;
    if (!cond_passed(i >> 28, r->cpsr)) {
        r->r[15] = pc + 4u;
        return PK_TP_OK;
    }
    switch (FIELD(i, 25, 3)) {
    case 0u:
    case 1u:
        if (!BIT(i, 25) && BIT(i, 4) && BIT(i, 7)) {
            if (FIELD(i, 5, 2) == 0u) {
                exec_multiply(i, r);
                r->r[15] = pc + 4u;
                return PK_TP_OK;
            }
            return exec_extra_ls(i, pc, r, m, fault);
        }
        if (is_bx(i)) {
            uint32_t target = r->r[RM(i)];
            if ((target & 1u) != 0u)
                return PK_TP_THUMB;
            if (BIT(i, 5)) /* blx */
                r->r[14] = pc + 4u;
            r->r[15] = target & ~3u;
            return PK_TP_OK;
        }
        if (is_clz(i)) {
            r->r[RD(i)] = clz32(r->r[RM(i)]);
            r->r[15] = pc + 4u;
            return PK_TP_OK;
        }
        if (is_movw_movt(i)) {
            uint32_t imm = (FIELD(i, 16, 4) << 12) | (i & 0xfffu);
            if (BIT(i, 22)) /* movt */
                r->r[RD(i)] = (r->r[RD(i)] & 0xffffu) | (imm << 16);
            else
                r->r[RD(i)] = imm;
            r->r[15] = pc + 4u;
            return PK_TP_OK;
        }
        return exec_data(i, pc, r);
    case 2u:
    case 3u:
        return exec_ls(i, pc, r, m, fault);
    case 4u:
        return exec_lsm(i, pc, r, m, fault);
    default: { /* b, bl */
        uint32_t off = (uint32_t)((int32_t)(i << 8) >> 6);
        if (BIT(i, 24))
            r->r[14] = pc + 4u;
        r->r[15] = pc + 8u + off;
        return PK_TP_OK;
    }
    }
}
