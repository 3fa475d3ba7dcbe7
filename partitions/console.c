/*
 * console.c - the kernel's console: partitions' output, labelled per line,
 * and the kernel's own messages.
 *
 * Each partition has a line buffer in the kernel; a line is printed in one
 * piece, prefixed "[name] ", when its newline arrives (or the buffer fills),
 * so lines of different partitions never interleave even though partitions
 * are preempted in the middle of their writes. Control bytes are shown as
 * '?', and one service call takes at most PK_CONSOLE_WRITE_MAX bytes (the
 * caller writes the rest with further calls), which bounds the time the
 * kernel spends on one call. Output goes through a ring drained in bounded
 * pieces (below).
 */
#include <stdarg.h>

#include "pk_kernel.h"

#include "bsp.h"

/* True if the line is a test verdict ("RESULT <test> PASS|FAIL ...").
 * Test systems (PK_CONFIG_TEST_EXIT) print those unlabelled, at the start
 * of the line, where the test runner looks for them. */
static bool is_result_line(const struct pk_part *p)
{
#ifdef PK_CONFIG_TEST_EXIT
    static const char tag[] = "RESULT ";
    if (!pk_test_judge(p) || p->line_len < sizeof tag - 1u)
        return false;
    for (size_t i = 0; i < sizeof tag - 1u; i++)
        if (p->line[i] != tag[i])
            return false;
    return true;
#else
    (void)p;
    return false;
#endif
}

/*
 * The output ring. Everything the kernel prints (partitions' lines, its own
 * messages) is queued here and written to the UART by pk_console_drain(): a
 * bounded number of bytes at the end of every kernel entry, everything
 * while idle. So printing never lengthens a kernel path by more than
 * PK_CONSOLE_DRAIN_BYTES of UART writes, however much a partition prints,
 * and on a real UART (about 87 us per byte at 115200 baud) no partition can
 * keep the kernel waiting for the wire.
 *
 * The ring is shared, so it is divided: each partition may have at most
 * its quota of bytes queued (its share of the ring, at most QUOTA_MAX) (its own lines and the health monitor's lines
 * about it), the rest is the kernel's reserve. A partition over its quota
 * gets short writes (it waits for the drain, in its own time) and its
 * health-monitor lines are dropped and counted; another partition's output
 * is never held up by it. Every queued message is one segment (owner,
 * length) in a second FIFO, so the drain knows whose bytes it wrote.
 */
#define RING_SIZE 32768u     /* bytes, a power of two */
#define KERNEL_RESERVE 2048u /* never given to partitions' quotas */
/* Most bytes one owner may have queued, however few partitions share the
 * ring: bounds how far behind a partition's output may fall. */
#define QUOTA_MAX 1024u
#define SEGS 1024u           /* queued messages, a power of two */
/* Owners of queued bytes: partition i's own lines (i), the health
 * monitor's lines about partition i (PK_MAX_PARTITIONS + i), the kernel's
 * other messages. Separate quotas, so that neither a partition's output
 * nor its faults can crowd out the other. */
#define OWNER_HM(i) (PK_MAX_PARTITIONS + (i))
#define OWNER_KERNEL (2u * PK_MAX_PARTITIONS)
/* Bytes one message may take: a labelled partition line or a kernel
 * message (pk_printf cuts longer ones). */
#define PK_MSG_MAX 160u
_Static_assert(PK_LINE_MAX + 40u <= PK_MSG_MAX, "a line fits one message");
/* Even with the most partitions, each owner's quota holds a line in
 * progress and one more message (room_for). */
_Static_assert((RING_SIZE - KERNEL_RESERVE) / (2u * PK_MAX_PARTITIONS) >=
                   2u * PK_MSG_MAX,
               "console quota per owner too small for PK_MAX_PARTITIONS");

static char ring[RING_SIZE];
static uint32_t ring_head; /* bytes ever queued */
static uint32_t ring_tail; /* bytes ever written to the UART */
static uint16_t seg_len[SEGS];  /* bytes of each queued message left */
static uint8_t seg_owner[SEGS]; /* its owner: partition index or kernel */
static uint32_t seg_head, seg_tail; /* messages ever queued / drained */
/* Queued bytes per owner, and messages dropped (not yet reported). */
static uint32_t owner_bytes[OWNER_KERNEL + 1u];
static uint32_t owner_dropped[OWNER_KERNEL + 1u];
static bool any_dropped;

/*
 * True if owner may queue one more message of at most PK_MSG_MAX bytes.
 * The kernel's own messages live in KERNEL_RESERVE, each partition's in
 * its quota of the rest, counting the line it may have in progress
 * (queued at its newline, without a check): the quotas and the reserve
 * add up to the ring, so the ring itself can never overflow.
 */
static bool room_for(unsigned owner)
{
    if (seg_head - seg_tail == SEGS)
        return false;
    if (owner == OWNER_KERNEL)
        return owner_bytes[owner] + PK_MSG_MAX <= KERNEL_RESERVE;
    static uint32_t quota; /* per owner, computed once */
    if (quota == 0u) {
        quota = (RING_SIZE - KERNEL_RESERVE) / (2u * pk_system.n_partitions);
        if (quota > QUOTA_MAX)
            quota = QUOTA_MAX;
    }
    uint32_t in_progress = owner < PK_MAX_PARTITIONS &&
                                   pk_parts[owner].line_len != 0u
                               ? PK_MSG_MAX
                               : 0u;
    return owner_bytes[owner] + in_progress + PK_MSG_MAX <= quota;
}

/* Queues n bytes; the caller made sure they fit. */
static void ring_put(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        ring[ring_head++ & (RING_SIZE - 1u)] = s[i];
}

/* Records the message just queued from ring position start. */
static void seg_push(unsigned owner, uint32_t start)
{
    uint32_t len = ring_head - start;
    if (len == 0u)
        return;
    seg_len[seg_head & (SEGS - 1u)] = (uint16_t)len;
    seg_owner[seg_head & (SEGS - 1u)] = (uint8_t)owner;
    seg_head++;
    owner_bytes[owner] += len;
}

/* len bytes were written from the ring: return them to their owners. */
static void seg_consume(uint32_t len)
{
    while (len != 0u && seg_tail != seg_head) {
        uint32_t i = seg_tail & (SEGS - 1u);
        uint32_t k = seg_len[i] < len ? seg_len[i] : len;
        seg_len[i] = (uint16_t)(seg_len[i] - k);
        owner_bytes[seg_owner[i]] -= k;
        len -= k;
        if (seg_len[i] == 0u)
            seg_tail++;
    }
}

/* Writes queued bytes until max are written or, with to_line_end, until
 * the line being written is complete (at most one line). Without wait,
 * only what the UART's transmit FIFO takes now: a drain never waits for
 * the UART with interrupts masked (on a real board a byte takes 87 us at
 * 115 200 baud; QEMU's UART takes everything at once). */
static uint32_t drain_bytes(uint32_t max, bool to_line_end, bool wait)
{
    uint32_t n = 0;
    while (ring_tail != ring_head && n < max) {
        uint32_t at = ring_tail & (RING_SIZE - 1u);
        uint32_t len = ring_head - ring_tail;
        if (len > RING_SIZE - at)
            len = RING_SIZE - at;
        if (len > max - n)
            len = max - n;
        if (to_line_end) {
            uint32_t k = 0;
            while (k < len && ring[at + k] != '\n')
                k++;
            len = k < len ? k + 1u : len;
        }
        uint32_t k = len;
        if (wait)
            bsp_console_write(&ring[at], len);
        else
            k = (uint32_t)bsp_console_write_some(&ring[at], len);
        ring_tail += k;
        seg_consume(k);
        n += k;
        if (k < len)
            break; /* the FIFO is full: the rest at the next drain */
        if (to_line_end && ring[(ring_tail - 1u) & (RING_SIZE - 1u)] == '\n')
            break;
    }
    return n;
}

static uint32_t drain(uint32_t max, bool to_line_end)
{
    return drain_bytes(max, to_line_end, false);
}

/* True if the oldest queued message may be written out in cur's time:
 * its own lines and health-monitor lines, the kernel's messages, and
 * those of a partition that is not runnable (so nothing waits behind
 * it). A running partition's output is written in its own kernel exits,
 * not in those of another (a real-time partition's wake-up path never
 * waits for somebody else's text). */
static bool head_is_for(const struct pk_part *cur)
{
    unsigned o = seg_owner[seg_tail & (SEGS - 1u)];
    if (o == OWNER_KERNEL)
        return true;
    unsigned part = o % PK_MAX_PARTITIONS;
    return part == cur->index || pk_parts[part].state != PK_STATE_READY;
}

uint32_t pk_console_drain_for(const struct pk_part *cur, uint32_t max)
{
    uint32_t n = 0;
    while (n < max && seg_tail != seg_head && head_is_for(cur)) {
        uint32_t len = seg_len[seg_tail & (SEGS - 1u)];
        uint32_t k = drain(len < max - n ? len : max - n, false);
        if (k == 0u)
            break;
        n += k;
    }
    return n;
}

uint32_t pk_console_drain(uint32_t max)
{
    uint32_t n = drain(max, false);
    if (any_dropped && ring_tail == ring_head) {
        any_dropped = false;
        for (unsigned o = 0; o <= OWNER_KERNEL; o++) {
            uint32_t d = owner_dropped[o];
            owner_dropped[o] = 0u;
            if (d == 0u)
                continue;
            if (o == OWNER_KERNEL)
                pk_printf("PK console: %u kernel messages dropped\n", d);
            else
                pk_printf("PK console: %u %s of %s dropped\n", d,
                          o < PK_MAX_PARTITIONS ? "lines" : "HM lines",
                          pk_system.partitions[o % PK_MAX_PARTITIONS].name);
        }
    }
    return n;
}

void pk_console_line_end(void)
{
    if (ring_tail != 0u &&
        ring[(ring_tail - 1u) & (RING_SIZE - 1u)] != '\n')
        (void)drain_bytes(RING_SIZE, true, true);
}

bool pk_console_pending(void)
{
    return ring_tail != ring_head;
}

bool pk_console_pending_for(const struct pk_part *cur)
{
    return seg_tail != seg_head && head_is_for(cur);
}

void pk_console_flush(void)
{
    while (ring_tail != ring_head)
        (void)drain_bytes(RING_SIZE, false, true);
    (void)pk_console_drain(0u); /* the "dropped" reports, queued now */
    while (ring_tail != ring_head)
        (void)drain_bytes(RING_SIZE, false, true);
}

void pk_exit(int status)
{
    pk_console_flush();
    bsp_exit(status);
}

static void flush_line(struct pk_part *p)
{
    uint32_t start = ring_head;
    if (!is_result_line(p)) {
        ring_put("[", 1);
        const char *n = p->cfg->name;
        size_t len = 0;
        while (n[len] != '\0')
            len++;
        ring_put(n, len);
        ring_put("] ", 2);
    }
    ring_put(p->line, p->line_len);
    ring_put("\n", 1);
    p->line_len = 0u;
    seg_push(p->index, start);
}

uint32_t pk_console_put(struct pk_part *p, const char *buf, uint32_t len)
{
    /* A line is started only while a whole line still fits in the
     * partition's quota, so its flush never finds it full. A call ends
     * with the first line it completes: its work, with interrupts masked,
     * is at most PK_CONSOLE_WRITE_MAX bytes scanned and one labelled line
     * queued, whatever the bytes (64 newlines would otherwise be 64
     * labelled lines in one call); the caller writes the rest with further
     * calls, between which interrupts are taken. */
    uint32_t i = 0;
    for (; i < len && (p->line_len != 0u || room_for(p->index)); i++) {
        char c = buf[i];
        if (c == '\r')
            continue;
        if (c == '\n') {
            flush_line(p);
            return i + 1u;
        }
        /* Only printable ASCII (and tab) reaches the terminal: a control
         * byte (backspace, escape sequences) or a byte of another code page
         * could make a partition's line look like another's or the
         * kernel's. */
        if ((c < ' ' && c != '\t') || (unsigned char)c >= 0x7Fu)
            c = '?';
        p->line[p->line_len++] = c;
        if (p->line_len == PK_LINE_MAX) {
            flush_line(p);
            return i + 1u;
        }
    }
    return i;
}

void pk_console_reset(struct pk_part *p)
{
    p->line_len = 0u;
}

/* ---- A small printf for kernel messages ---- */

/* One message being formatted straight into the ring (the caller checked
 * that PK_MSG_MAX bytes are free; longer messages are cut). */
struct out {
    uint32_t head; /* ring position of the next byte */
    uint32_t left; /* bytes the message may still use */
};

static inline void out_c(struct out *o, char c)
{
    if (o->left != 0u) {
        ring[o->head++ & (RING_SIZE - 1u)] = c;
        o->left--;
    }
}

/* x / 10 for any 32-bit x, by multiplication: this core has no divide
 * instruction, and a library division per digit made every health-monitor
 * line cost tens of microseconds with interrupts masked. */
static inline uint32_t div10(uint32_t x)
{
    return (uint32_t)(((uint64_t)x * 0xCCCCCCCDull) >> 35);
}

/* x / 10^9 and its remainder without a 64-bit division (the library's,
 * bit by bit, costs about a thousand instructions): the quotient estimated
 * by multiplying with floor(2^64 / 10^9), too small by at most two, then
 * corrected with the remainder. */
static uint64_t div_1e9(uint64_t x, uint32_t *rem)
{
    const uint64_t m = 18446744073ull; /* floor(2^64 / 10^9) */
    uint32_t xl = (uint32_t)x, xh = (uint32_t)(x >> 32);
    uint32_t ml = (uint32_t)m, mh = (uint32_t)(m >> 32);
    uint64_t ll = (uint64_t)xl * ml;
    uint64_t mid = (uint64_t)xh * ml + (ll >> 32);
    uint64_t mid2 = (uint64_t)xl * mh + (uint32_t)mid;
    uint64_t q = (uint64_t)xh * mh + (mid >> 32) + (mid2 >> 32);
    uint64_t r = x - q * 1000000000u;
    while (r >= 1000000000u) {
        q++;
        r -= 1000000000u;
    }
    *rem = (uint32_t)r;
    return q;
}

static inline __attribute__((always_inline)) void
out_u64(struct out *o, uint64_t v, unsigned base, unsigned width)
{
    char tmp[24];
    unsigned n = 0;
    if (base == 16u) {
        do {
            unsigned d = (unsigned)(v & 15u);
            tmp[n++] = (char)(d < 10u ? '0' + d : 'a' + d - 10u);
            v >>= 4;
        } while (v != 0u && n < sizeof tmp);
    } else {
        /* Nine decimal digits per 32-bit piece, split off by div_1e9. */
        do {
            bool more = v >= 1000000000u;
            uint32_t piece = (uint32_t)v;
            v = more ? div_1e9(v, &piece) : 0u;
            unsigned digits = 0;
            do {
                uint32_t q = div10(piece);
                tmp[n++] = (char)('0' + (piece - q * 10u));
                piece = q;
                digits++;
            } while ((piece != 0u || (more && digits < 9u)) &&
                     n < sizeof tmp);
        } while (v != 0u && n < sizeof tmp);
    }
    while (n < width && n < sizeof tmp)
        tmp[n++] = '0';
    while (n > 0u)
        out_c(o, tmp[--n]);
}

/* Set once the run is ending (pk_console_sync): from then on nothing is
 * dropped, a message waits for the UART instead. */
static bool sync_mode;

void pk_console_init(void)
{
    ring_head = ring_tail = 0u;
    seg_head = seg_tail = 0u;
    for (unsigned o = 0; o <= OWNER_KERNEL; o++)
        owner_bytes[o] = owner_dropped[o] = 0u;
    any_dropped = false;
    sync_mode = false;
}

void pk_console_sync(void)
{
    sync_mode = true;
}

static void vprint(unsigned owner, const char *fmt, va_list ap)
{
    if (sync_mode && !room_for(owner))
        (void)drain_bytes(RING_SIZE, false, true);
    if (!room_for(owner)) {
        owner_dropped[owner]++;
        any_dropped = true;
        return;
    }
    uint32_t start = ring_head;
    struct out o = {ring_head, PK_MSG_MAX};
    for (const char *f = fmt; *f != '\0'; f++) {
        if (*f != '%') {
            out_c(&o, *f);
            continue;
        }
        f++;
        unsigned width = 0;
        while (*f >= '0' && *f <= '9')
            width = width * 10u + (unsigned)(*f++ - '0');
        unsigned longs = 0;
        while (*f == 'l') {
            longs++;
            f++;
        }
        switch (*f) {
        case 's': {
            const char *s = va_arg(ap, const char *);
            while (s != NULL && *s != '\0')
                out_c(&o, *s++);
            break;
        }
        case 'c':
            out_c(&o, (char)va_arg(ap, int));
            break;
        case 'd': {
            int64_t v = longs >= 2u ? va_arg(ap, long long) : va_arg(ap, int);
            if (v < 0) {
                out_c(&o, '-');
                v = -v;
            }
            out_u64(&o, (uint64_t)v, 10u, width);
            break;
        }
        case 'u':
        case 'x': {
            uint64_t v = longs >= 2u ? va_arg(ap, unsigned long long)
                                     : va_arg(ap, unsigned);
            out_u64(&o, v, *f == 'u' ? 10u : 16u, width);
            break;
        }
        case '%':
            out_c(&o, '%');
            break;
        case '\0':
            f--;
            break;
        default:
            out_c(&o, '?');
            break;
        }
    }
    ring_head = o.head;
    seg_push(owner, start);
}

void pk_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprint(OWNER_KERNEL, fmt, ap);
    va_end(ap);
}

void pk_printf_part(const struct pk_part *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprint(OWNER_HM(p->index), fmt, ap);
    va_end(ap);
}
