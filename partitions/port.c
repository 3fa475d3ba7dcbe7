/*
 * port.c - inter-partition ports: sampling and queuing (ABI: pk_abi.h
 * PK_SVC_PORT_OPEN .. PK_SVC_QUEUING_CLEAR; docs/abi.md "Ports";
 * docs/arinc653.md).
 *
 * The ports and channels are configuration (system.toml, checked by
 * tools/pkconfig.py), emitted as pk_system.ports with their buffers and
 * state in kernel memory sized exactly by the generator. Nothing here
 * blocks: a call copies one message between the caller's own memory and
 * a kernel buffer, or reports why it cannot, and the guest blocks, times
 * out and orders its waiting tasks itself (rtos/port/pv/pv_port.c).
 *
 * Buffers: a sampling channel's one message is held at its source port
 * (so a multicast write is one copy, whatever the number of readers); a
 * queuing channel's FIFO at its destination port (max_messages slots of
 * slot_size bytes and their lengths).
 *
 * Every copy is between the kernel's buffer and the memory of the
 * partition that makes the call, which is the current one, so its ranges
 * are in the memory view; the pointer is validated first with
 * pk_part_range_ok for the caller's virtual mode (or as a task's with
 * PK_PORT_AS_TASK). A message is at most PK_PORT_MSG_MAX bytes and a call
 * makes at most one copy: that copy bounds the call's time with
 * interrupts masked (docs/arinc653.md "Bounds").
 *
 * The peer learns of news through PK_EV_PORT with the port's bit in its
 * vcpu.port_events: a destination queue that was empty received a
 * message; a destination queue that was full lost one (receive or clear:
 * its source's owner may send again); any arrival at an urgent
 * destination, which also warps its owner as a VIT expiry does
 * (pk_time_urgent_wake). Only those transitions raise events, so a stream
 * of messages does not cost one upcall each.
 */
#include <string.h>

#include "pk_kernel.h"

#include "bsp.h"
#include "cpu.h"

/* Words that may alias the bytes of any buffer. */
typedef uint32_t __attribute__((may_alias)) word_t;

/* The message copy, len bytes: eight words per round when both ends are
 * word aligned (the kernel's buffers always are; a caller's usually:
 * cpu_copy_blocks32, load and store multiple), so that the longest copy,
 * which bounds a port call with interrupts masked, is short; the
 * library's memcpy otherwise. */
static void copy(void *dst, const void *src, uint32_t len)
{
    if ((((uintptr_t)dst | (uintptr_t)src) & 3u) != 0u) {
        memcpy(dst, src, len);
        return;
    }
    word_t *d = dst;
    const word_t *s = src;
    uint32_t blocks = len / 32u;
    if (blocks != 0u) {
        cpu_copy_blocks32(d, s, blocks);
        d += 8u * blocks;
        s += 8u * blocks;
        len -= 32u * blocks;
    }
    for (; len >= 4u; len -= 4u)
        *d++ = *s++;
    uint8_t *db = (uint8_t *)d;
    const uint8_t *sb = (const uint8_t *)s;
    while (len-- != 0u)
        *db++ = *sb++;
}

/* A copy of len bytes to or from the caller's buffer buf is allowed: a
 * buffer that is not word aligned only for short messages. */
static bool copy_ok(uint32_t buf, uint32_t len)
{
    return (buf & 3u) == 0u || len <= PK_PORT_UNALIGNED_MAX;
}

/* Each partition's ports, contiguous in pk_system.ports (the generator
 * groups them): the first index and the count. Filled by pk_port_init. */
static uint16_t part_first[PK_MAX_PARTITIONS];
static uint16_t part_count[PK_MAX_PARTITIONS];

void pk_port_init(void)
{
    for (unsigned i = 0; i < PK_MAX_PARTITIONS; i++) {
        part_first[i] = 0u;
        part_count[i] = 0u;
    }
    for (uint32_t i = 0; i < pk_system.n_ports; i++) {
        const struct pk_port_config *c = &pk_system.ports[i];
        if (c->partition >= pk_system.n_partitions ||
            c->max_message_size == 0u ||
            c->max_message_size > PK_PORT_MSG_MAX ||
            (part_count[c->partition] != 0u &&
             part_first[c->partition] + part_count[c->partition] != i) ||
            c->bit != part_count[c->partition] ||
            c->bit >= PK_PORTS_PER_PARTITION || c->state == NULL ||
            c->n_dests > PK_CHANNEL_DESTS_MAX)
            pk_panic("bad port table", NULL, 0, 0);
        if (part_count[c->partition] == 0u)
            part_first[c->partition] = (uint16_t)i;
        part_count[c->partition]++;
    }
}

/* A call raised an event: the kernel's exit work must look at the woken
 * partition (a call that raised none returns at once, as TIME_GET does). */
static bool notified;

/* Raise the port event of port c at its owner. */
static void notify(const struct pk_port_config *c)
{
    struct pk_part *q = &pk_parts[c->partition];
    if (q->state == PK_STATE_STOPPED)
        return;
    notified = true;
    q->ports_pending |= 1u << c->bit;
    pk_raise(q, PK_EV_PORT);
    if (c->urgent != 0u && q != pk_cur)
        pk_time_urgent_wake(q);
}

void pk_port_reset(struct pk_part *p)
{
    p->ports_pending = 0u;
    if (p->index >= PK_MAX_PARTITIONS)
        return;
    uint32_t first = part_first[p->index], n = part_count[p->index];
    for (uint32_t i = first; i < first + n; i++) {
        const struct pk_port_config *c = &pk_system.ports[i];
        struct pk_port_state *s = c->state;
        if (c->direction == PK_PORT_SOURCE) {
            if (c->kind == PK_PORT_SAMPLING)
                s->len = 0u;
            continue;
        }
        if (c->kind != PK_PORT_QUEUING)
            continue;
        bool was_full = s->count >= c->max_messages;
        s->head = 0u;
        s->count = 0u;
        s->overflow = 0u;
        if (was_full && c->source >= 0)
            notify(&pk_system.ports[c->source]);
    }
}

/* The caller's port idx if it is p's, of that kind and direction. */
static const struct pk_port_config *own(const struct pk_part *p, uint32_t idx,
                                        uint32_t kind, uint32_t dir)
{
    if (idx >= pk_system.n_ports)
        return NULL;
    const struct pk_port_config *c = &pk_system.ports[idx];
    if (c->partition != p->index || c->kind != kind || c->direction != dir)
        return NULL;
    return c;
}

/* The slot i of a queuing destination. */
static uint8_t *slot(const struct pk_port_config *d, uint32_t i)
{
    return d->buf + i * d->slot_size;
}

/* The virtual mode whose memory the buffer must lie in. */
static uint32_t buf_vmode(const struct pk_part *p, uint32_t flags)
{
    return (flags & PK_PORT_AS_TASK) != 0u ? PK_VMODE_TASK : p->vmode;
}

/* Outcome of a call: the result, and what the health monitor is told. */
struct res {
    int32_t r0;
    uint32_t r1;
    bool set_r1;
    enum pk_hm_kind hm; /* PK_HM_KIND_COUNT: nothing to report */
    uint32_t hm_addr;
};

#define OK_R1(v) ((struct res){PK_OK, (v), true, PK_HM_KIND_COUNT, 0u})
#define ERR(e) ((struct res){(e), 0u, false, PK_HM_KIND_COUNT, 0u})
/* A port index that is no port at all: EINVAL; a port of another
 * partition, or of the wrong kind or direction: EPERM; both recorded. */
#define BAD_PORT(idx)                                                     \
    ((struct res){(idx) >= pk_system.n_ports ? PK_EINVAL : PK_EPERM, 0u,  \
                  false, PK_HM_BAD_SVC, (idx)})
#define BAD_PTR(a) ((struct res){PK_EFAULT, 0u, false, PK_HM_BAD_POINTER, (a)})

static struct res port_open(struct pk_part *p, uint32_t name, uint32_t len,
                            uint32_t info)
{
    if (len == 0u || len > PK_PORT_NAME_MAX)
        return ERR(PK_EINVAL);
    if (!pk_part_range_ok(p, p->vmode, name, len))
        return BAD_PTR(name);
    /* 8-byte aligned: the structure's own alignment (refresh_ns is a
     * 64-bit member, stored with one doubleword store). */
    if ((info & 7u) != 0u ||
        !pk_part_range_ok(p, p->vmode, info, sizeof(struct pk_port_info)))
        return BAD_PTR(info);
    char want[PK_PORT_NAME_MAX];
    memcpy(want, (const void *)(uintptr_t)name, len);
    uint32_t first = part_first[p->index], n = part_count[p->index];
    for (uint32_t i = first; i < first + n; i++) {
        const struct pk_port_config *c = &pk_system.ports[i];
        /* Names are at most PK_PORT_NAME_MAX - 1 characters (pkconfig):
         * the length first, so nothing is read past the name's NUL. */
        if (!pk_name_is(c->name, want, len))
            continue;
        struct pk_port_info *o = (struct pk_port_info *)(uintptr_t)info;
        o->kind = c->kind;
        o->direction = c->direction;
        o->max_message_size = c->max_message_size;
        o->max_messages = c->max_messages;
        o->discipline = c->discipline;
        o->urgent = c->urgent;
        o->bit = c->bit;
        o->connected = c->direction == PK_PORT_SOURCE ? c->n_dests != 0u
                                                      : c->source >= 0;
        o->refresh_ns = c->refresh_ns;
        return (struct res){(int32_t)i, 0u, false, PK_HM_KIND_COUNT, 0u};
    }
    return ERR(PK_ENOENT);
}

static struct res sampling_write(struct pk_part *p, uint32_t idx, uint32_t buf,
                                 uint32_t len, uint32_t flags)
{
    const struct pk_port_config *c =
        own(p, idx, PK_PORT_SAMPLING, PK_PORT_SOURCE);
    if (c == NULL)
        return BAD_PORT(idx);
    if (len == 0u)
        return ERR(PK_EINVAL);
    if (len > c->max_message_size)
        return ERR(PK_EMSGSIZE);
    if (!pk_part_range_ok(p, buf_vmode(p, flags), buf, len))
        return BAD_PTR(buf);
    if (!copy_ok(buf, len))
        return ERR(PK_EINVAL);
    copy(c->buf, (const void *)(uintptr_t)buf, len);
    c->state->len = len;
    c->state->stamp_ns = bsp_clock_ns();
    for (uint32_t i = 0; i < c->n_dests; i++) {
        const struct pk_port_config *d = &pk_system.ports[c->dests[i]];
        if (d->urgent != 0u)
            notify(d);
    }
    return OK_R1(0u);
}

static struct res sampling_read(struct pk_part *p, uint32_t idx, uint32_t buf,
                                uint32_t size, uint32_t flags)
{
    const struct pk_port_config *d =
        own(p, idx, PK_PORT_SAMPLING, PK_PORT_DESTINATION);
    if (d == NULL)
        return BAD_PORT(idx);
    if (!pk_part_range_ok(p, buf_vmode(p, flags), buf, size))
        return BAD_PTR(buf);
    if (d->source < 0)
        return ERR(PK_EEMPTY);
    const struct pk_port_config *c = &pk_system.ports[d->source];
    const struct pk_port_state *s = c->state;
    if (s->len == 0u)
        return ERR(PK_EEMPTY);
    if (s->len > size)
        return ERR(PK_EMSGSIZE);
    if (!copy_ok(buf, s->len))
        return ERR(PK_EINVAL);
    copy((void *)(uintptr_t)buf, c->buf, s->len);
    uint64_t age = bsp_clock_ns() - s->stamp_ns;
    return (struct res){(int32_t)s->len, age <= d->refresh_ns ? 1u : 0u, true,
                        PK_HM_KIND_COUNT, 0u};
}

static struct res queuing_send(struct pk_part *p, uint32_t idx, uint32_t buf,
                               uint32_t len, uint32_t flags)
{
    const struct pk_port_config *c =
        own(p, idx, PK_PORT_QUEUING, PK_PORT_SOURCE);
    if (c == NULL)
        return BAD_PORT(idx);
    if (len == 0u)
        return ERR(PK_EINVAL);
    if (len > c->max_message_size)
        return ERR(PK_EMSGSIZE);
    if (!pk_part_range_ok(p, buf_vmode(p, flags), buf, len))
        return BAD_PTR(buf);
    if (!copy_ok(buf, len))
        return ERR(PK_EINVAL);
    if (c->n_dests == 0u)
        return ERR(PK_ENOENT);
    const struct pk_port_config *d = &pk_system.ports[c->dests[0]];
    struct pk_port_state *s = d->state;
    if (s->count >= d->max_messages) {
        if ((flags & PK_PORT_MARK_OVERFLOW) != 0u)
            s->overflow = 1u;
        return ERR(PK_EFULL);
    }
    uint32_t i = s->head + s->count;
    if (i >= d->max_messages)
        i -= d->max_messages;
    copy(slot(d, i), (const void *)(uintptr_t)buf, len);
    d->lens[i] = len;
    s->count++;
    if (s->count == 1u || d->urgent != 0u)
        notify(d);
    return OK_R1(d->max_messages - s->count);
}

static struct res queuing_receive(struct pk_part *p, uint32_t idx,
                                  uint32_t buf, uint32_t size, uint32_t flags)
{
    const struct pk_port_config *d =
        own(p, idx, PK_PORT_QUEUING, PK_PORT_DESTINATION);
    if (d == NULL)
        return BAD_PORT(idx);
    if (!pk_part_range_ok(p, buf_vmode(p, flags), buf, size))
        return BAD_PTR(buf);
    struct pk_port_state *s = d->state;
    if (s->count == 0u)
        return ERR(PK_EEMPTY);
    uint32_t len = d->lens[s->head];
    if (len > size)
        return ERR(PK_EMSGSIZE);
    if (!copy_ok(buf, len))
        return ERR(PK_EINVAL);
    copy((void *)(uintptr_t)buf, slot(d, s->head), len);
    bool was_full = s->count >= d->max_messages;
    s->head = s->head + 1u >= d->max_messages ? 0u : s->head + 1u;
    s->count--;
    uint32_t r1 = s->count | (s->overflow != 0u ? PK_PORT_OVERFLOW : 0u);
    s->overflow = 0u;
    if (was_full && d->source >= 0)
        notify(&pk_system.ports[d->source]);
    return (struct res){(int32_t)len, r1, true, PK_HM_KIND_COUNT, 0u};
}

static struct res queuing_clear(struct pk_part *p, uint32_t idx)
{
    const struct pk_port_config *d =
        own(p, idx, PK_PORT_QUEUING, PK_PORT_DESTINATION);
    if (d == NULL)
        return BAD_PORT(idx);
    struct pk_port_state *s = d->state;
    bool was_full = s->count >= d->max_messages;
    s->head = 0u;
    s->count = 0u;
    s->overflow = 0u;
    if (was_full && d->source >= 0)
        notify(&pk_system.ports[d->source]);
    return OK_R1(0u);
}

static struct res port_status(struct pk_part *p, uint32_t idx, uint32_t out)
{
    if (idx >= pk_system.n_ports ||
        pk_system.ports[idx].partition != p->index)
        return BAD_PORT(idx);
    if ((out & 7u) != 0u ||
        !pk_part_range_ok(p, p->vmode, out, sizeof(struct pk_port_status)))
        return BAD_PTR(out);
    const struct pk_port_config *c = &pk_system.ports[idx];
    struct pk_port_status st = {0};
    st.age_ns = UINT64_MAX;
    if (c->kind == PK_PORT_QUEUING) {
        const struct pk_port_config *d =
            c->direction == PK_PORT_DESTINATION ? c
            : c->n_dests != 0u                 ? &pk_system.ports[c->dests[0]]
                                               : NULL;
        if (d != NULL) {
            st.messages = d->state->count;
            st.max_messages = d->max_messages;
            st.overflow = c == d ? d->state->overflow : 0u;
        }
    } else {
        const struct pk_port_config *s =
            c->direction == PK_PORT_SOURCE ? c
            : c->source >= 0              ? &pk_system.ports[c->source]
                                          : NULL;
        st.max_messages = 1u;
        if (s != NULL && s->state->len != 0u) {
            st.messages = 1u;
            st.last_len = s->state->len;
            st.age_ns = bsp_clock_ns() - s->state->stamp_ns;
            st.valid = c->direction == PK_PORT_DESTINATION &&
                       st.age_ns <= c->refresh_ns;
        }
    }
    *(struct pk_port_status *)(uintptr_t)out = st;
    return OK_R1(0u);
}

enum pk_port_exit pk_port_svc(struct pk_part *p, uint32_t nr)
{
    uint32_t a0 = p->ctx.r[0], a1 = p->ctx.r[1], a2 = p->ctx.r[2];
    uint32_t flags = p->ctx.r[3];
    struct res r;
    notified = false; /* (a cold restart's reset may have set it) */
    if ((flags & ~(PK_PORT_AS_TASK | PK_PORT_MARK_OVERFLOW)) != 0u &&
        nr >= PK_SVC_SAMPLING_WRITE && nr <= PK_SVC_QUEUING_RECEIVE)
        r = ERR(PK_EINVAL);
    else
        switch (nr) {
        case PK_SVC_PORT_OPEN:
            r = port_open(p, a0, a1, a2);
            break;
        case PK_SVC_SAMPLING_WRITE:
            r = sampling_write(p, a0, a1, a2, flags);
            break;
        case PK_SVC_SAMPLING_READ:
            r = sampling_read(p, a0, a1, a2, flags);
            break;
        case PK_SVC_QUEUING_SEND:
            r = queuing_send(p, a0, a1, a2, flags);
            break;
        case PK_SVC_QUEUING_RECEIVE:
            r = queuing_receive(p, a0, a1, a2, flags);
            break;
        case PK_SVC_PORT_STATUS:
            r = port_status(p, a0, a1);
            break;
        case PK_SVC_QUEUING_CLEAR:
            r = queuing_clear(p, a0);
            break;
        default:
            r = ERR(PK_ENOSYS);
            break;
        }
    if (r.hm != PK_HM_KIND_COUNT) {
        /* Refused: recorded; with the "log" action the error is returned,
         * otherwise the partition was restarted or stopped. */
        notified = false;
        if (pk_hm_fault(p, r.hm, r.hm_addr, p->ctx.r[15] - 4u,
                        (uint32_t)r.r0, true))
            p->ctx.r[0] = (uint32_t)r.r0;
        return PK_PORT_EXIT_DECIDE;
    }
    p->ctx.r[0] = (uint32_t)r.r0;
    if (r.set_r1)
        p->ctx.r[1] = r.r1;
    if (notified) {
        notified = false;
        return PK_PORT_EXIT_WORK;
    }
    return PK_PORT_EXIT_NONE;
}
