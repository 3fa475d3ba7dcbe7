/*
 * gpio_vcd.c - a QEMU TCG plugin that acts as a logic analyzer on the GPIO
 * of the emulated board: it catches every store to the registers that set
 * the pin levels, stamps it with the number of guest instructions executed
 * so far, and writes the pin levels as a VCD when QEMU exits.
 *
 *   qemu-system-arm -M versatilepb ... \
 *     -icount shift=2,align=off,sleep=off \
 *     -plugin tools/qemu-plugin/gpio_vcd.so,arg=vcd=gpio.vcd,arg=shift=2
 *
 * Options (arg=name=value):
 *   vcd=FILE    output file (default gpio.vcd)
 *   shift=N     ns per instruction is 2^N, as in -icount shift=N (default 2)
 *   model=M     what the GPIO is (default pl061):
 *                 pl061    a PL061 (versatilepb), address-masked data
 *                          register: bits [9:2] of the offset say which
 *                          lines a store writes, the value their levels;
 *                 bcm2835  the BCM2835 GPIO (raspi0, raspi1ap): a store to
 *                          GPSET0/1 (+0x1c/+0x20) drives the lines of the
 *                          stored mask high, to GPCLR0/1 (+0x28/+0x2c) low;
 *                 reg      a plain register whose stored value is the level
 *                          of every line (vexpress-a9's SYS_LED);
 *   base=ADDR   physical base of the GPIO, or the register for model=reg
 *               (defaults: pl061 0x101e4000, GPIO0 of versatilepb;
 *               bcm2835 0x20200000; reg 0x10000008, SYS_LED)
 *   gpios=L:L:...  the line (bit) shown as each VCD pin, pin 0 first, up
 *               to 8 lines: 0..7 for pl061, 0..53 for bcm2835, 0..31 for
 *               reg (default 0:1:..:7; for bcm2835 the probe lines of
 *               bsp/drivers/bcm2835_gpio.h: 5:6:22:23:24:25:26:27). The
 *               separator is ':' because QEMU splits -plugin arguments at
 *               ','; a ',' doubled on the command line (",,") reaches the
 *               plugin as one ',' and is accepted too.
 *   pins=N      number of pins to dump, 1..8 (default 8, or the number of
 *               gpios= lines)
 *
 * The VCD names its pins gpio0..gpioN-1 whatever the model, so the tools
 * that read it see the probe pins by number; the line of each is given in
 * the file's $comment.
 *
 * Time: the instruction count times 2^shift is QEMU's virtual time only
 * under -icount with the CPU never halted (sleep=off and an idle loop that
 * spins instead of WFI): while halted, virtual time advances without
 * instructions. See docs/measuring.md.
 *
 * Levels: the address of a store says which register it writes (and, on
 * the PL061, which lines), the stored value the levels or the lines.
 * QEMU 7.2's plugin API (version 1) tells the address of a store but not the
 * value, so the value is recovered when translating: the stored register
 * must have been set in the same translation block by a MOV or MVN of an
 * immediate (what the board's probe-pin functions compile to). Under
 * -icount QEMU runs each device store in a block of its own, so what the
 * scan learnt when the store was first translated inside a longer block is
 * kept by address and reused; two different answers for one address make
 * it unknown. (A store reached by a branch from a path that loads another
 * constant would be misread; the probe functions have no such path.) A store
 * whose value cannot be recovered writes "x" (unknown) on every pin it may
 * have changed (PL061: those of its address mask; BCM2835: every pin whose
 * line is in the register's bank; reg: every pin), and the count of such
 * stores is printed at exit.
 *
 * QEMU installs no plugin header, so the few declarations used are written
 * below, matching include/qemu/qemu-plugin.h of QEMU 7.2 (API version 1).
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- QEMU 7.2 plugin API (subset) ---- */
#define QEMU_PLUGIN_EXPORT __attribute__((visibility("default")))
typedef uint64_t qemu_plugin_id_t;
typedef uint32_t qemu_plugin_meminfo_t;
typedef struct qemu_info_t {
    const char *target_name; /* "arm" */
    struct {
        int min; /* oldest API version QEMU accepts */
        int cur; /* API version of this QEMU */
    } version;
    bool system_emulation; /* true for qemu-system-* */
    union {
        struct {
            int smp_vcpus; /* initial vCPUs */
            int max_vcpus; /* maximum vCPUs */
        } system;
    };
} qemu_info_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
struct qemu_plugin_hwaddr;
enum qemu_plugin_cb_flags {
    QEMU_PLUGIN_CB_NO_REGS,
    QEMU_PLUGIN_CB_R_REGS,
    QEMU_PLUGIN_CB_RW_REGS,
};
enum qemu_plugin_mem_rw {
    QEMU_PLUGIN_MEM_R = 1,
    QEMU_PLUGIN_MEM_W,
    QEMU_PLUGIN_MEM_RW,
};
enum qemu_plugin_op {
    QEMU_PLUGIN_INLINE_ADD_U64,
};
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id,
                                               struct qemu_plugin_tb *tb);
typedef void (*qemu_plugin_vcpu_mem_cb_t)(unsigned int vcpu_index,
                                          qemu_plugin_meminfo_t info,
                                          uint64_t vaddr, void *userdata);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
                                           qemu_plugin_vcpu_tb_trans_cb_t cb);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id,
                                    qemu_plugin_udata_cb_t cb,
                                    void *userdata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb,
                                                 size_t idx);
const void *qemu_plugin_insn_data(const struct qemu_plugin_insn *insn);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn *insn);
size_t qemu_plugin_insn_size(const struct qemu_plugin_insn *insn);
void qemu_plugin_register_vcpu_insn_exec_inline(struct qemu_plugin_insn *insn,
                                                enum qemu_plugin_op op,
                                                void *ptr, uint64_t imm);
void qemu_plugin_register_vcpu_mem_cb(struct qemu_plugin_insn *insn,
                                      qemu_plugin_vcpu_mem_cb_t cb,
                                      enum qemu_plugin_cb_flags flags,
                                      enum qemu_plugin_mem_rw rw,
                                      void *userdata);
struct qemu_plugin_hwaddr *qemu_plugin_get_hwaddr(qemu_plugin_meminfo_t info,
                                                  uint64_t vaddr);
uint64_t qemu_plugin_hwaddr_phys_addr(const struct qemu_plugin_hwaddr *haddr);
void qemu_plugin_outs(const char *string);

QEMU_PLUGIN_EXPORT int qemu_plugin_version = 1;
QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info, int argc,
                                           char **argv);

/* ---- the analyzer ---- */

/* Offset of the last data-register alias; the direction register follows. */
#define PL061_DATA_END 0x400u
#define PL061_DEFAULT_BASE 0x101e4000u
#define PL061_LINES 8u
/* BCM2835 GPIO: set and clear registers of lines 0..31 and 32..53. */
#define BCM2835_DEFAULT_BASE 0x20200000u
#define BCM2835_GPSET0 0x1cu
#define BCM2835_GPSET1 0x20u
#define BCM2835_GPCLR0 0x28u
#define BCM2835_GPCLR1 0x2cu
#define BCM2835_LINES 54u
#define BCM2835_BANK_LINES 32u
/* A plain register (vexpress-a9 SYS_LED) holding the level of each line. */
#define REG_DEFAULT_BASE 0x10000008u
#define REG_LINES 32u
#define MAX_PINS 8u

enum gpio_model {
    MODEL_PL061,   /* address-masked data register */
    MODEL_BCM2835, /* set and clear registers */
    MODEL_REG,     /* one register, the whole state */
};

/* What translation learnt about one store instruction. */
struct store_site {
    bool value_known; /* the stored register holds a known constant */
    uint32_t value;   /* that constant */
};

/* One captured store to the data register. */
struct gpio_event {
    uint64_t insns;   /* instructions executed, the store included */
    uint8_t mask;     /* pins written (address bits [9:2]) */
    uint8_t value;    /* levels of those pins, when known */
    bool known;       /* false: levels unknown, dumped as x */
};

/* Instructions executed by the (single) vCPU, counted inline by TCG. */
static uint64_t insn_count;
static enum gpio_model model = MODEL_PL061;
static uint64_t gpio_base = PL061_DEFAULT_BASE;
static unsigned ns_shift = 2u;
static unsigned n_pins = MAX_PINS;
/* The line shown as each VCD pin; slots 0..n_mapped-1 are used (all
 * MAX_PINS unless gpios= gave fewer, so that with the default identity
 * map a PL061 store is recorded exactly as the lines it writes). */
static unsigned pin_line[MAX_PINS] = {0u, 1u, 2u, 3u, 4u, 5u, 6u, 7u};
static unsigned n_mapped = MAX_PINS;
static bool gpios_given;
static const char *vcd_path = "gpio.vcd";
static struct gpio_event *events;
static size_t n_events;
static size_t cap_events;
static size_t n_unknown;

/*
 * What the backward scans learnt per store address: open addressing over
 * a power-of-two table, never shrunk. state: 0 empty, 1 known value,
 * 2 unknown (the scans disagreed or could not tell).
 */
#define SITE_TABLE_SIZE 65536u
struct site_entry {
    uint64_t vaddr;  /* guest virtual address of the store */
    uint32_t value;  /* the value, when state is 1 */
    uint8_t state;   /* 0 empty, 1 known, 2 unknown */
};
static struct site_entry *site_table;
static size_t site_used;

static struct site_entry *site_lookup(uint64_t vaddr)
{
    size_t i = (size_t)((vaddr >> 2) * 2654435761u) & (SITE_TABLE_SIZE - 1u);

    if (site_table == NULL) {
        site_table = calloc(SITE_TABLE_SIZE, sizeof *site_table);
        if (site_table == NULL) {
            return NULL;
        }
    }
    for (size_t probes = 0u; probes < SITE_TABLE_SIZE; probes++) {
        struct site_entry *e = &site_table[i];
        if (e->state == 0u || e->vaddr == vaddr) {
            return e;
        }
        i = (i + 1u) & (SITE_TABLE_SIZE - 1u);
    }
    return NULL;
}

static uint32_t ror32(uint32_t v, unsigned r)
{
    r &= 31u;
    return r == 0u ? v : (v >> r) | (v << (32u - r));
}

/*
 * Is this ARM instruction a store of a single register (STR/STRB/STRH, any
 * addressing mode)? Sets *rt to the stored register.
 */
static bool arm_is_store(uint32_t w, unsigned *rt)
{
    if ((w >> 28) == 0xfu) {
        return false; /* unconditional space: no plain stores */
    }
    if ((w & 0x0c100000u) == 0x04000000u) {
        /* Single data transfer, L = 0 (and not a media instruction). */
        if ((w & 0x02000010u) == 0x02000010u) {
            return false;
        }
        *rt = (w >> 12) & 0xfu;
        return true;
    }
    if ((w & 0x0e1000f0u) == 0x000000b0u) {
        *rt = (w >> 12) & 0xfu; /* STRH */
        return true;
    }
    return false;
}

/*
 * Walk back from the store at index idx of the block for the instruction
 * that set register rt. Only an unconditional MOV/MVN immediate gives a
 * value; any other instruction that may write rt ends the search unknown.
 */
static struct store_site recover_value(const struct qemu_plugin_tb *tb,
                                       size_t idx, unsigned rt)
{
    struct store_site s = {false, 0u};

    while (idx-- > 0u) {
        const struct qemu_plugin_insn *in = qemu_plugin_tb_get_insn(tb, idx);
        uint32_t w;

        if (qemu_plugin_insn_size(in) != 4u) {
            return s;
        }
        memcpy(&w, qemu_plugin_insn_data(in), 4u);
        if ((w & 0x0fe00000u) == 0x03a00000u && ((w >> 12) & 0xfu) == rt) {
            /* MOV Rd, #imm (S bit either way). */
            if ((w >> 28) != 0xeu) {
                return s;
            }
            s.value = ror32(w & 0xffu, 2u * ((w >> 8) & 0xfu));
            s.value_known = true;
            return s;
        }
        if ((w & 0x0fe00000u) == 0x03e00000u && ((w >> 12) & 0xfu) == rt) {
            /* MVN Rd, #imm. */
            if ((w >> 28) != 0xeu) {
                return s;
            }
            s.value = ~ror32(w & 0xffu, 2u * ((w >> 8) & 0xfu));
            s.value_known = true;
            return s;
        }
        /* Conservative: a field naming rt as destination or base (base
         * write-back), a load/store multiple or a branch with link may
         * change it. */
        if (((w >> 12) & 0xfu) == rt || ((w >> 16) & 0xfu) == rt ||
            (w & 0x0e000000u) == 0x08000000u ||
            (w & 0x0f000000u) == 0x0b000000u) {
            unsigned st;
            /* A store naming rt as its data register reads it only. */
            if (arm_is_store(w, &st) && st == rt &&
                ((w >> 16) & 0xfu) != rt) {
                continue;
            }
            return s;
        }
    }
    return s;
}

/*
 * A store with instructions before it in its block records what the scan
 * found; a store that starts its block (no instruction to scan) takes what
 * an earlier translation found at the same address.
 */
static void remember_or_recall(uint64_t vaddr, size_t idx,
                               struct store_site *site)
{
    struct site_entry *e = site_lookup(vaddr);

    if (e == NULL) {
        return; /* table full: the scan's own answer stands */
    }
    if (idx == 0u) {
        if (e->state == 1u) {
            site->value_known = true;
            site->value = e->value;
        }
        return;
    }
    if (e->state == 0u) {
        if (site_used + 1u >= SITE_TABLE_SIZE) {
            return;
        }
        site_used++;
        e->vaddr = vaddr;
        e->state = site->value_known ? 1u : 2u;
        e->value = site->value;
    } else if (e->state == 1u &&
               (!site->value_known || e->value != site->value)) {
        e->state = 2u;
    }
}

static void record(uint8_t mask, uint8_t value, bool known)
{
    if (n_events == cap_events) {
        size_t n = cap_events ? 2u * cap_events : 1024u;
        struct gpio_event *e = realloc(events, n * sizeof *e);
        if (e == NULL) {
            qemu_plugin_outs("gpio_vcd: out of memory, capture truncated\n");
            return;
        }
        events = e;
        cap_events = n;
    }
    events[n_events].insns = insn_count;
    events[n_events].mask = mask;
    events[n_events].value = value;
    events[n_events].known = known;
    n_events++;
}

/* The VCD pins whose line is a bit of lines (bit n = line first + n). */
static uint8_t pins_of(uint64_t lines, unsigned first)
{
    uint8_t pins = 0u;

    for (unsigned p = 0u; p < n_mapped; p++) {
        unsigned l = pin_line[p];
        if (l >= first && l - first < 64u && ((lines >> (l - first)) & 1u)) {
            pins |= (uint8_t)(1u << p);
        }
    }
    return pins;
}

/* A store to a PL061 data alias at offset off. */
static void pl061_store(uint64_t off, const struct store_site *site)
{
    uint8_t lines = (uint8_t)(off >> 2);
    uint8_t mask = pins_of(lines, 0u);

    if (mask == 0u) {
        return; /* writes no pin */
    }
    if (!site->value_known) {
        n_unknown++;
    }
    record(mask, pins_of(site->value, 0u), site->value_known);
}

/* A store to a BCM2835 set or clear register at offset off. */
static void bcm2835_store(uint64_t off, const struct store_site *site)
{
    bool high = off == BCM2835_GPSET0 || off == BCM2835_GPSET1;
    unsigned first = (off == BCM2835_GPSET1 || off == BCM2835_GPCLR1)
                         ? BCM2835_BANK_LINES : 0u;
    uint8_t mask;

    if (!high && off != BCM2835_GPCLR0 && off != BCM2835_GPCLR1) {
        return; /* not a level register */
    }
    if (!site->value_known) {
        /* Any line of the bank may have changed. */
        mask = pins_of(0xffffffffu, first);
        if (mask != 0u) {
            n_unknown++;
            record(mask, 0u, false);
        }
        return;
    }
    mask = pins_of(site->value, first);
    if (mask != 0u) {
        record(mask, high ? mask : 0u, true);
    }
}

/* A store to the plain register: its value is every line's level. */
static void reg_store(const struct store_site *site)
{
    uint8_t all = pins_of(0xffffffffu, 0u);

    if (!site->value_known) {
        n_unknown++;
    }
    record(all, pins_of(site->value, 0u), site->value_known);
}

static void on_store(unsigned int vcpu_index, qemu_plugin_meminfo_t info,
                     uint64_t vaddr, void *userdata)
{
    const struct store_site *site = userdata;
    struct qemu_plugin_hwaddr *hw = qemu_plugin_get_hwaddr(info, vaddr);
    uint64_t pa = hw != NULL ? qemu_plugin_hwaddr_phys_addr(hw) : vaddr;

    (void)vcpu_index;
    if (pa < gpio_base) {
        return;
    }
    switch (model) {
    case MODEL_PL061:
        if (pa < gpio_base + PL061_DATA_END) {
            pl061_store(pa - gpio_base, site);
        }
        break;
    case MODEL_BCM2835:
        bcm2835_store(pa - gpio_base, site);
        break;
    case MODEL_REG:
        if (pa == gpio_base) {
            reg_store(site);
        }
        break;
    }
}

static void on_tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    size_t n = qemu_plugin_tb_n_insns(tb);

    (void)id;
    for (size_t i = 0u; i < n; i++) {
        struct qemu_plugin_insn *in = qemu_plugin_tb_get_insn(tb, i);
        uint32_t w;
        unsigned rt;

        /* Counted before the instruction runs, so a store's callback
         * (after the access) sees itself included. */
        qemu_plugin_register_vcpu_insn_exec_inline(
            in, QEMU_PLUGIN_INLINE_ADD_U64, &insn_count, 1u);
        if (qemu_plugin_insn_size(in) != 4u) {
            continue; /* Thumb: not decoded; such stores are not seen */
        }
        memcpy(&w, qemu_plugin_insn_data(in), 4u);
        if (!arm_is_store(w, &rt)) {
            continue;
        }
        /* The site lives as long as the translated block may run; blocks
         * are rarely retranslated, so they are simply never freed. */
        struct store_site *site = malloc(sizeof *site);
        if (site == NULL) {
            continue;
        }
        *site = recover_value(tb, i, rt);
        remember_or_recall(qemu_plugin_insn_vaddr(in), i, site);
        qemu_plugin_register_vcpu_mem_cb(in, on_store, QEMU_PLUGIN_CB_NO_REGS,
                                         QEMU_PLUGIN_MEM_W, site);
    }
}

static void write_vcd(qemu_plugin_id_t id, void *userdata)
{
    FILE *f = fopen(vcd_path, "w");
    char level[MAX_PINS];
    uint64_t last_time = 0u;
    char msg[256];

    (void)id;
    (void)userdata;
    if (f == NULL) {
        fprintf(stderr, "gpio_vcd: cannot write %s\n", vcd_path);
        return;
    }
    fprintf(f, "$version gpio_vcd QEMU plugin $end\n");
    if (model == MODEL_PL061 && !gpios_given) {
        fprintf(f, "$comment PL061 at 0x%" PRIx64 ", 2^%u ns per "
                   "instruction $end\n", gpio_base, ns_shift);
    } else {
        static const char *const names[] = {"PL061", "BCM2835 GPIO",
                                            "register"};
        fprintf(f, "$comment %s at 0x%" PRIx64 ", pins 0..%u = line",
                names[model], gpio_base, n_pins - 1u);
        for (unsigned p = 0u; p < n_pins; p++) {
            fprintf(f, " %u", pin_line[p]);
        }
        fprintf(f, ", 2^%u ns per instruction $end\n", ns_shift);
    }
    fprintf(f, "$timescale 1 ns $end\n$scope module gpio $end\n");
    for (unsigned p = 0u; p < n_pins; p++) {
        fprintf(f, "$var wire 1 %c gpio%u $end\n", '!' + p, p);
        level[p] = '0';
    }
    fprintf(f, "$upscope $end\n$enddefinitions $end\n#0\n$dumpvars\n");
    for (unsigned p = 0u; p < n_pins; p++) {
        fprintf(f, "0%c\n", '!' + p);
    }
    fprintf(f, "$end\n");
    for (size_t i = 0u; i < n_events; i++) {
        const struct gpio_event *e = &events[i];
        uint64_t t = e->insns << ns_shift;
        bool stamped = false;

        for (unsigned p = 0u; p < n_pins; p++) {
            char v;
            if ((e->mask & (1u << p)) == 0u) {
                continue;
            }
            v = !e->known ? 'x' : (e->value & (1u << p)) ? '1' : '0';
            if (v == level[p]) {
                continue;
            }
            if (!stamped && t != last_time) {
                fprintf(f, "#%" PRIu64 "\n", t);
                last_time = t;
            }
            stamped = true;
            fprintf(f, "%c%c\n", v, '!' + p);
            level[p] = v;
        }
    }
    if ((insn_count << ns_shift) > last_time) {
        fprintf(f, "#%" PRIu64 "\n", insn_count << ns_shift);
    }
    fclose(f);
    snprintf(msg, sizeof msg,
             "gpio_vcd: %zu GPIO stores (%zu of unknown value), "
             "%" PRIu64 " instructions, wrote %s\n",
             n_events, n_unknown, insn_count, vcd_path);
    qemu_plugin_outs(msg);
}

static bool parse_u64(const char *s, uint64_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 0);
    if (*s == '\0' || *end != '\0') {
        return false;
    }
    *out = v;
    return true;
}

/* gpios=L:L:... (or L,L,...): 1..MAX_PINS decimal lines into pin_line. */
static bool parse_gpios(const char *s)
{
    unsigned n = 0u;

    for (;;) {
        char *end;
        unsigned long v;
        if (*s < '0' || *s > '9' || n == MAX_PINS) {
            return false;
        }
        v = strtoul(s, &end, 10);
        if (v >= 64u) {
            return false;
        }
        pin_line[n++] = (unsigned)v;
        if (*end == '\0') {
            break;
        }
        if (*end != ':' && *end != ',') {
            return false;
        }
        s = end + 1;
    }
    n_mapped = n;
    return true;
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info, int argc,
                                           char **argv)
{
    if (!info->system_emulation) {
        fprintf(stderr, "gpio_vcd: needs system emulation\n");
        return -1;
    }
    static const unsigned bcm2835_probe_lines[MAX_PINS] = {
        5u, 6u, 22u, 23u, 24u, 25u, 26u, 27u};
    static const unsigned model_lines[] = {PL061_LINES, BCM2835_LINES,
                                           REG_LINES};
    bool base_given = false;
    bool pins_given = false;

    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        uint64_t v;
        if (strncmp(a, "vcd=", 4) == 0 && a[4] != '\0') {
            vcd_path = a + 4;
        } else if (strncmp(a, "shift=", 6) == 0 && parse_u64(a + 6, &v) &&
                   v <= 10u) {
            ns_shift = (unsigned)v;
        } else if (strncmp(a, "base=", 5) == 0 && parse_u64(a + 5, &v)) {
            gpio_base = v;
            base_given = true;
        } else if (strncmp(a, "pins=", 5) == 0 && parse_u64(a + 5, &v) &&
                   v >= 1u && v <= MAX_PINS) {
            n_pins = (unsigned)v;
            pins_given = true;
        } else if (strcmp(a, "model=pl061") == 0) {
            model = MODEL_PL061;
        } else if (strcmp(a, "model=bcm2835") == 0) {
            model = MODEL_BCM2835;
        } else if (strcmp(a, "model=reg") == 0) {
            model = MODEL_REG;
        } else if (strncmp(a, "gpios=", 6) == 0 && parse_gpios(a + 6)) {
            gpios_given = true;
        } else {
            fprintf(stderr, "gpio_vcd: bad argument '%s' (vcd=FILE, "
                            "shift=0..10, model=pl061|bcm2835|reg, "
                            "base=ADDR, gpios=L:L:..., pins=1..8)\n", a);
            return -1;
        }
    }
    if (!base_given) {
        gpio_base = model == MODEL_BCM2835 ? BCM2835_DEFAULT_BASE
                    : model == MODEL_REG   ? REG_DEFAULT_BASE
                                           : PL061_DEFAULT_BASE;
    }
    if (!gpios_given && model == MODEL_BCM2835) {
        memcpy(pin_line, bcm2835_probe_lines, sizeof pin_line);
    }
    for (unsigned p = 0u; p < n_mapped; p++) {
        if (pin_line[p] >= model_lines[model]) {
            fprintf(stderr, "gpio_vcd: gpios=: line %u does not exist on "
                            "this model (0..%u)\n", pin_line[p],
                    model_lines[model] - 1u);
            return -1;
        }
    }
    if (gpios_given) {
        if (!pins_given) {
            n_pins = n_mapped;
        } else if (n_pins > n_mapped) {
            fprintf(stderr, "gpio_vcd: pins=%u but gpios= names %u lines\n",
                    n_pins, n_mapped);
            return -1;
        }
    }
    qemu_plugin_register_vcpu_tb_trans_cb(id, on_tb_trans);
    qemu_plugin_register_atexit_cb(id, write_vcd, NULL);
    return 0;
}
