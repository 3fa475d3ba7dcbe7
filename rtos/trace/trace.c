/*
 * trace.c - the per-source trace ring buffer and its frame encoding.
 *
 * Producer side (trace_write) runs with the owner's interrupts masked for a
 * handful of stores; consumer side (trace_drain) copies one record at a time
 * under the same mask and formats frames with interrupts enabled. Nothing
 * here allocates or calls a library function, so the file builds for the
 * native tick core, for each guest kernel and for the partitioning kernel.
 */
#include "trace.h"

/* Saved-state value used when the owner gave no mask pair. */
#define TRACE_NO_IRQ_STATE 0u

static uint32_t trace_lock(const struct trace_buf *b)
{
    return b->irq_save != NULL ? b->irq_save() : TRACE_NO_IRQ_STATE;
}

static void trace_unlock(const struct trace_buf *b, uint32_t state)
{
    if (b->irq_restore != NULL) {
        b->irq_restore(state);
    }
}

static uint64_t trace_now(const struct trace_buf *b)
{
    return b->clock != NULL ? b->clock() : 0u;
}

void trace_init(struct trace_buf *b, void *storage, size_t bytes,
                uint8_t source)
{
    size_t n = bytes / TRACE_RECORD_BYTES;
    uint32_t cap = 0u;

    /* Largest power of two not above n, so a slot index is a mask away. */
    if (n >= 2u) {
        cap = 1u;
        while ((size_t)cap * 2u <= n && cap < 0x40000000u) {
            cap *= 2u;
        }
    }
    b->slots = (struct trace_record *)storage;
    b->capacity = cap;
    b->head = 0u;
    b->tail = 0u;
    b->lost = 0u;
    b->lost_total = 0u;
    b->mask = TRACE_MASK_ALL;
    b->frame_seq = 0u;
    b->source = source;
    b->out_task = TRACE_NO_TASK;
    b->out_state = TRACE_STATE_READY;
    b->clock = NULL;
    b->irq_save = NULL;
    b->irq_restore = NULL;
}

void trace_set_hooks(struct trace_buf *b, uint64_t (*clock)(void),
                     uint32_t (*irq_save)(void),
                     void (*irq_restore)(uint32_t state))
{
    b->clock = clock;
    b->irq_save = irq_save;
    b->irq_restore = irq_restore;
}

void trace_set_mask(struct trace_buf *b, uint32_t mask)
{
    b->mask = mask | TRACE_CAT_BIT(TRACE_CAT_META);
}

uint32_t trace_pending(const struct trace_buf *b)
{
    return b->head - b->tail;
}

/* Store one record at head. Caller holds the lock and checked for room. */
static void trace_put(struct trace_buf *b, uint64_t time_ns, unsigned type,
                      unsigned a0, unsigned a1, uint32_t a2)
{
    struct trace_record *r = &b->slots[b->head & (b->capacity - 1u)];
    r->time_ns = time_ns;
    r->type = (uint8_t)type;
    r->source = b->source;
    r->a0 = (uint8_t)a0;
    r->a1 = (uint8_t)a1;
    r->a2 = a2;
    b->head = b->head + 1u;
}

/*
 * Queue the pending overflow count if there is room for it and `extra` more
 * records. Caller holds the lock. Returns true when nothing is pending any
 * more.
 */
static bool trace_flush_lost(struct trace_buf *b, uint32_t extra,
                             uint64_t now)
{
    if (b->lost == 0u) {
        return true;
    }
    if (b->capacity - (b->head - b->tail) < 1u + extra) {
        return false;
    }
    trace_put(b, now, TRACE_OVERFLOW, 0u, 0u, b->lost);
    b->lost = 0u;
    return true;
}

/* Write a record whose time field is given (used for name records). */
static void trace_write_at(struct trace_buf *b, uint64_t time_ns,
                           bool stamp_now, unsigned type, unsigned a0,
                           unsigned a1, uint32_t a2)
{
    uint32_t s = trace_lock(b);
    uint64_t now = trace_now(b);

    if (stamp_now) {
        time_ns = now;
    }
    /* While records are being lost, a new record is kept only if the
     * overflow record can go in front of it: the order of the stream then
     * shows where the gap is. */
    if (b->capacity != 0u && trace_flush_lost(b, 1u, now) &&
        b->head - b->tail < b->capacity) {
        trace_put(b, time_ns, type, a0, a1, a2);
    } else {
        b->lost = b->lost + 1u;
        b->lost_total = b->lost_total + 1u;
    }
    trace_unlock(b, s);
}

void trace_write(struct trace_buf *b, unsigned type, unsigned a0,
                 unsigned a1, uint32_t a2)
{
    trace_write_at(b, 0u, true, type, a0, a1, a2);
}

void trace_task_create(struct trace_buf *b, unsigned task, unsigned prio,
                       const char *name)
{
    unsigned bit = TRACE_CAT_BIT(TRACE_CAT_TASK);
    uint64_t packed = 0u;

    if ((TRACE_BUILD_MASK & bit) == 0u || (b->mask & bit) == 0u) {
        return;
    }
    /* Name characters packed little-endian: byte i of the wire time field
     * is character i, so the decoder reads them in order. */
    for (unsigned i = 0u; name != NULL && i < 8u && name[i] != '\0'; i++) {
        packed |= (uint64_t)(uint8_t)name[i] << (8u * i);
    }
    trace_write(b, TRACE_TASK_CREATE, task, prio, 0u);
    trace_write_at(b, packed, false, TRACE_TASK_NAME, task, 0u, 0u);
}

void trace_task_switched_out(struct trace_buf *b, unsigned task,
                             unsigned state)
{
    b->out_task = (uint8_t)task;
    b->out_state = (uint8_t)state;
}

void trace_task_switched_in(struct trace_buf *b, unsigned task,
                            unsigned prio)
{
    uint32_t prev = (uint32_t)b->out_task | ((uint32_t)b->out_state << 8);

    b->out_task = TRACE_NO_TASK;
    b->out_state = TRACE_STATE_READY;
    trace_emit(b, TRACE_TASK_SWITCH, task, prio, prev);
}

void trace_vit_set(struct trace_buf *b, unsigned partition,
                   uint64_t expiry_ns)
{
    unsigned bit = TRACE_CAT_BIT(TRACE_CAT_PSCHED);
    uint64_t now;
    uint64_t delta;

    if ((TRACE_BUILD_MASK & bit) == 0u || (b->mask & bit) == 0u) {
        return;
    }
    /* The clock is read twice (here and in the record); the record's stamp
     * is the later one, so the stored delta can only be short by the few
     * nanoseconds between the two reads. */
    now = trace_now(b);
    delta = expiry_ns > now ? expiry_ns - now : 0u;
    trace_write(b, TRACE_VIT_SET, partition, 0u,
                delta > 0xffffffffu ? 0xffffffffu : (uint32_t)delta);
}

void trace_encode(const struct trace_record *r, uint8_t out[16])
{
    for (unsigned i = 0u; i < 8u; i++) {
        out[i] = (uint8_t)(r->time_ns >> (8u * i));
    }
    out[8] = r->type;
    out[9] = r->source;
    out[10] = r->a0;
    out[11] = r->a1;
    for (unsigned i = 0u; i < 4u; i++) {
        out[12u + i] = (uint8_t)(r->a2 >> (8u * i));
    }
}

uint32_t trace_crc32(uint32_t crc, const void *data, size_t n)
{
    const uint8_t *p = (const uint8_t *)data;

    /* Bitwise form: no table, so no 1 KiB of read-only data per guest. */
    crc = ~crc;
    for (size_t i = 0u; i < n; i++) {
        crc ^= p[i];
        for (unsigned k = 0u; k < 8u; k++) {
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

static const char trace_hex[] = "0123456789abcdef";

/* Append the decimal form of v at line[*len]. */
static void trace_put_dec(char *line, size_t *len, uint32_t v)
{
    char tmp[10];
    unsigned n = 0u;

    do {
        tmp[n++] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0u);
    while (n > 0u) {
        line[(*len)++] = tmp[--n];
    }
}

/* Finish and write one frame of nrec encoded records. */
static void trace_emit_frame(struct trace_buf *b,
                             void (*write)(const char *s, size_t len),
                             const uint8_t *bytes, unsigned nrec)
{
    char line[TRACE_FRAME_MAX];
    size_t len = 0u;
    size_t body;
    uint32_t crc;

    line[len++] = '@';
    line[len++] = 'T';
    line[len++] = 'R';
    line[len++] = 'C';
    line[len++] = ' ';
    body = len;
    trace_put_dec(line, &len, b->source);
    line[len++] = ' ';
    trace_put_dec(line, &len, b->frame_seq);
    line[len++] = ' ';
    for (unsigned i = 0u; i < nrec * TRACE_RECORD_BYTES; i++) {
        line[len++] = trace_hex[bytes[i] >> 4];
        line[len++] = trace_hex[bytes[i] & 0xfu];
    }
    /* The checksum covers "<source> <seq> <hex>" exactly as sent, so any
     * damage to the header or the payload is caught. */
    crc = trace_crc32(0u, &line[body], len - body);
    line[len++] = ' ';
    for (unsigned i = 0u; i < 8u; i++) {
        line[len++] = trace_hex[(crc >> (28u - 4u * i)) & 0xfu];
    }
    line[len++] = '\n';
    b->frame_seq = b->frame_seq + 1u;
    write(line, len);
}

size_t trace_drain(struct trace_buf *b,
                   void (*write)(const char *s, size_t len),
                   size_t max_records)
{
    uint8_t bytes[TRACE_FRAME_RECORDS * TRACE_RECORD_BYTES];
    unsigned nrec = 0u;
    size_t done = 0u;

    while (done < max_records) {
        struct trace_record r;
        bool got = false;
        uint32_t s = trace_lock(b);

        if (b->head == b->tail && b->capacity != 0u) {
            /* Everything drained: report what was lost (there is room). */
            (void)trace_flush_lost(b, 0u, trace_now(b));
        }
        if (b->head != b->tail) {
            r = b->slots[b->tail & (b->capacity - 1u)];
            b->tail = b->tail + 1u;
            got = true;
        }
        trace_unlock(b, s);
        if (!got) {
            break;
        }
        trace_encode(&r, &bytes[nrec * TRACE_RECORD_BYTES]);
        nrec++;
        done++;
        if (nrec == TRACE_FRAME_RECORDS) {
            trace_emit_frame(b, write, bytes, nrec);
            nrec = 0u;
        }
    }
    if (nrec != 0u) {
        trace_emit_frame(b, write, bytes, nrec);
    }
    return done;
}
