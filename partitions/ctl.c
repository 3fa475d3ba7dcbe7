/*
 * ctl.c - the live control channel of a trace build (docs/tracepoints.md,
 * "Control channel"): framed commands on the console input, answered on
 * the console, while the system runs.
 *
 * A command is one line "!<tag> <verb> [args]\n" (at most PK_CTL_LINE
 * characters; tag: a decimal number the host picks to match the answer).
 * Every answer line starts "PK ctl <tag> ", the last one of a command is
 * "PK ctl <tag> ok ..." or "PK ctl <tag> error <why>". Verbs:
 *
 *   ls                       one "part" line per partition: index, name,
 *                            state, the guest's current task, tracepoints
 *                            allowed, hits; then ok
 *   tp <p> <addr> [regmask]  plant at hex addr in partition index p,
 *                            recording the registers of hex regmask
 *   rm <id>                  remove tracepoint id
 *   tps                      one "tp" line per tracepoint, then ok
 *   mask <hex>               run-time category mask (kernel and guests)
 *   parts <hex>              partitions whose records are kept (bit i =
 *                            index i; the others' guest buffers record
 *                            meta only, their tracepoint hits are counted
 *                            but not recorded)
 *   start / stop             mask back to what it was / meta only
 *   window <ms>              end the run <ms> of virtual time from now
 *                            (every buffer drained, "PK run end")
 *
 * Outside a command, single characters keep their meaning of old: '0' to
 * '7' toggle a category, '-' meta only, '+' all. Input is read at every
 * hook that polls it, a bounded number of characters at a time; a line
 * that is too long or malformed is answered "error" and otherwise ignored.
 * Only the host holds the console input: this is the tracer's channel, and
 * no partition can reach it.
 */
#include "pk_kernel.h"
#include "pk_tp.h"

#if PK_TP_ENABLED
#include "bsp.h"
#include "trace.h"

#define PK_CTL_LINE 63u
/* Characters read per poll. */
#define PK_CTL_READ 32u

struct trace_buf *pk_trace_kernel_buf(void);
void pk_trace_stop_at(uint64_t ns);
void pk_trace_masks_changed(void);

uint32_t pk_ctl_parts = 0xffffffffu;  /* partitions whose records are kept */
static uint32_t saved_mask = TRACE_MASK_ALL;
static char line[PK_CTL_LINE + 1u];
static unsigned line_len;
static bool in_cmd, too_long;

static const char *skip_sp(const char *s)
{
    while (*s == ' ')
        s++;
    return s;
}

/* A number in base (10 or 16; "0x" allowed for 16): true and *v, s moved
 * past it. */
static bool number(const char **s, unsigned base, uint32_t *v)
{
    const char *q = skip_sp(*s);
    uint32_t x = 0;
    unsigned digits = 0;
    if (base == 16u && q[0] == '0' && (q[1] == 'x' || q[1] == 'X'))
        q += 2;
    for (;; q++, digits++) {
        unsigned d;
        char c = *q;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (base == 16u && c >= 'a' && c <= 'f')
            d = (unsigned)(c - 'a') + 10u;
        else if (base == 16u && c >= 'A' && c <= 'F')
            d = (unsigned)(c - 'A') + 10u;
        else
            break;
        if (digits >= (base == 16u ? 8u : 9u))
            return false;
        x = x * base + d;
    }
    if (digits == 0u || (*q != ' ' && *q != '\0'))
        return false;
    *v = x;
    *s = q;
    return true;
}

static bool word(const char **s, const char *w)
{
    const char *q = skip_sp(*s);
    unsigned n = 0;
    while (w[n] != '\0') {
        if (q[n] != w[n])
            return false;
        n++;
    }
    if (q[n] != ' ' && q[n] != '\0')
        return false;
    *s = q + n;
    return true;
}

static bool at_end(const char *s)
{
    return *skip_sp(s) == '\0';
}

static const char *const tp_errors[] = {
    [PK_TP_E_OK] = "ok",
    [PK_TP_E_PART] = "no such partition",
    [PK_TP_E_DENIED] = "tracepoints not allowed in this partition",
    [PK_TP_E_ADDR] = "not a word-aligned address in the partition's code",
    [PK_TP_E_INSN] = "the instruction there cannot be displaced",
    [PK_TP_E_FULL] = "too many tracepoints",
    [PK_TP_E_EXISTS] = "a tracepoint is planted there already",
    [PK_TP_E_NONE] = "no such tracepoint",
    [PK_TP_E_LOADING] = "the partition is being restarted",
};

static const char *state_name(const struct pk_part *p)
{
    if (p->load_phase != PK_LOAD_DONE)
        return "loading";
    switch (p->state) {
    case PK_STATE_READY: return "ready";
    case PK_STATE_BLOCKED: return "blocked";
    default: return "stopped";
    }
}

static void set_mask(uint32_t m)
{
    trace_set_mask(pk_trace_kernel_buf(), m);
    pk_trace_masks_changed();
}

static void execute(const char *s)
{
    uint32_t tag, a, b, c;
    struct trace_buf *kb = pk_trace_kernel_buf();
    if (!number(&s, 10u, &tag)) {
        pk_printf("PK ctl - error malformed command\n");
        return;
    }
    if (word(&s, "ls") && at_end(s)) {
        pk_arch_view_t saved = pk_arch_view_open();
        for (unsigned i = 0; i < pk_system.n_partitions; i++) {
            const struct pk_part *p = &pk_parts[i];
            unsigned t = p->load_phase == PK_LOAD_DONE &&
                                 p->state != PK_STATE_STOPPED
                             ? pk_tp_current_task(p)
                             : TRACE_NO_TASK;
            pk_printf("PK ctl %u part index=%u name=%s state=%s task=%d "
                      "tracepoints=%u restarts=%u\n",
                      tag, i, p->cfg->name, state_name(p),
                      t == TRACE_NO_TASK ? -1 : (int)t,
                      (unsigned)p->cfg->tracepoints, p->restarts);
        }
        pk_arch_view_restore(saved);
        pk_printf("PK ctl %u ok ls partitions=%u mask=0x%02x parts=0x%08x "
                  "time_ns=%llu\n",
                  tag, pk_system.n_partitions, kb->mask, pk_ctl_parts,
                  (unsigned long long)bsp_clock_ns());
        return;
    }
    if (word(&s, "tp")) {
        c = 0u;
        if (!number(&s, 10u, &a) || !number(&s, 16u, &b) ||
            (!at_end(s) && !number(&s, 16u, &c)) || !at_end(s) ||
            c > 0xffffu) {
            pk_printf("PK ctl %u error usage: tp <partition> <hex address> "
                      "[hex register mask]\n", tag);
            return;
        }
        unsigned id = 0;
        enum pk_tp_error e = pk_tp_plant(a, b, c, &id);
        if (e == PK_TP_E_OK)
            pk_printf("PK ctl %u ok tp id=%u partition=%u addr=0x%08x "
                      "regs=0x%04x\n", tag, id, a, b, c);
        else
            pk_printf("PK ctl %u error %s\n", tag, tp_errors[e]);
        return;
    }
    if (word(&s, "rm")) {
        if (!number(&s, 10u, &a) || !at_end(s)) {
            pk_printf("PK ctl %u error usage: rm <id>\n", tag);
            return;
        }
        uint32_t hits = pk_tp_hits(a);
        enum pk_tp_error e = pk_tp_remove(a);
        if (e == PK_TP_E_OK)
            pk_printf("PK ctl %u ok rm id=%u hits=%u\n", tag, a, hits);
        else
            pk_printf("PK ctl %u error %s\n", tag, tp_errors[e]);
        return;
    }
    if (word(&s, "tps") && at_end(s)) {
        pk_tp_list_tagged(tag);
        return;
    }
    if (word(&s, "mask")) {
        if (!number(&s, 16u, &a) || !at_end(s) || a > 0xffu) {
            pk_printf("PK ctl %u error usage: mask <hex categories>\n", tag);
            return;
        }
        set_mask(a);
        saved_mask = kb->mask;
        pk_printf("PK ctl %u ok mask=0x%02x\n", tag, kb->mask);
        return;
    }
    if (word(&s, "parts")) {
        if (!number(&s, 16u, &a) || !at_end(s)) {
            pk_printf("PK ctl %u error usage: parts <hex partition mask>\n",
                      tag);
            return;
        }
        pk_ctl_parts = a;
        pk_trace_masks_changed();
        pk_printf("PK ctl %u ok parts=0x%08x\n", tag, a);
        return;
    }
    if (word(&s, "start") && at_end(s)) {
        set_mask(saved_mask);
        pk_printf("PK ctl %u ok start mask=0x%02x\n", tag, kb->mask);
        return;
    }
    if (word(&s, "stop") && at_end(s)) {
        if (kb->mask != TRACE_CAT_BIT(TRACE_CAT_META))
            saved_mask = kb->mask;
        set_mask(0u);
        pk_printf("PK ctl %u ok stop\n", tag);
        return;
    }
    if (word(&s, "window")) {
        if (!number(&s, 10u, &a) || !at_end(s)) {
            pk_printf("PK ctl %u error usage: window <ms>\n", tag);
            return;
        }
        pk_trace_stop_at(bsp_clock_ns() + (uint64_t)a * 1000000u);
        pk_printf("PK ctl %u ok window ms=%u\n", tag, a);
        return;
    }
    pk_printf("PK ctl %u error unknown command\n", tag);
}

/* One character that is not part of a command (the old single keys). */
static void key(int c)
{
    struct trace_buf *kb = pk_trace_kernel_buf();
    uint32_t m = kb->mask;
    if (c >= '0' && c <= '7')
        m ^= TRACE_CAT_BIT((unsigned)(c - '0'));
    else if (c == '-')
        m = 0u;
    else if (c == '+')
        m = TRACE_MASK_ALL;
    else
        return;
    set_mask(m);
    pk_printf("PK trace mask=0x%02x\n", kb->mask);
}

void pk_ctl_poll(void)
{
    for (unsigned n = 0; n < PK_CTL_READ; n++) {
        int c = bsp_console_getc();
        if (c < 0)
            return;
        if (!in_cmd) {
            if (c == '!') {
                in_cmd = true;
                too_long = false;
                line_len = 0u;
            } else {
                key(c);
            }
            continue;
        }
        if (c == '\n' || c == '\r') {
            in_cmd = false;
            line[line_len] = '\0';
            if (too_long)
                pk_printf("PK ctl - error command too long\n");
            else
                execute(line);
            continue;
        }
        if (line_len < PK_CTL_LINE && c >= 0x20 && c < 0x7f)
            line[line_len++] = (char)c;
        else
            too_long = true;
    }
}
#endif /* PK_TP_ENABLED */
