/*
 * stream.c - stream buffers and message buffers.
 *
 * The storage is a byte ring: `count` bytes from index `head`. A message
 * buffer stores each message as a size_t length followed by its bytes.
 * Unlike queues, bytes are not handed over to a waiting task: a waiter is
 * woken (OS_OK) when the condition it waits for may hold (a receiver: the
 * stream holds `trigger` bytes, or a message arrived; a sender: bytes were
 * removed) and then tries again, under the mask, for the rest of its
 * timeout. Only the first waiter of each list is woken, as the buffers are
 * meant for one writer and one reader.
 *
 * Every entry point validates the buffer (OS_OBJ_LIVE) and the caller's
 * data buffer (PORT_BUFFER_OK, without wrap-around) before touching them;
 * the storage is checked once, at init. A message length read back from
 * the storage is checked against what is stored before it is used: the
 * storage may lie where tasks can write it.
 */
#include <string.h>

#include "os_internal.h"

#define HDR sizeof(size_t) /* message length header */

static enum os_status init_common(struct os_stream *sb, void *storage, size_t size, size_t trigger,
                                  bool message)
{
    if (!OS_OBJ_PLACED(sb, struct os_stream) || storage == NULL || size == 0u ||
        (message && size <= HDR) || trigger > size ||
        (uintptr_t)storage + size < (uintptr_t)storage || !PORT_BUFFER_OK(storage, size))
        return OS_ERR_PARAM;
    os_critical_enter();
    if (OS_OBJ_IS(sb, OS_TAG_STREAM)) {
        if (!os_list_empty(&sb->send_waiters) || !os_list_empty(&sb->recv_waiters)) {
            os_critical_exit();
            return OS_ERR_STATE;
        }
    } else if (!PORT_NEW_OBJECT_OK() || !os_kobj_unclaimed(sb, sizeof *sb)) {
        os_critical_exit();
        return OS_ERR_PARAM;
    }
    sb->storage = storage;
    sb->size = size;
    sb->count = 0;
    sb->head = 0;
    sb->trigger = trigger == 0u ? 1u : trigger;
    sb->message = message ? 1u : 0u;
    os_list_init(&sb->send_waiters);
    os_list_init(&sb->recv_waiters);
    sb->tag = OS_OBJ_TAG(OS_TAG_STREAM);
    os_kobj_claim(sb, sizeof *sb, OS_TAG_STREAM);
    os_critical_exit();
    return OS_OK;
}

enum os_status os_stream_init(struct os_stream *sb, void *storage, size_t size, size_t trigger)
{
    return init_common(sb, storage, size, trigger, false);
}

enum os_status os_stream_init_message(struct os_stream *sb, void *storage, size_t size)
{
    return init_common(sb, storage, size, 1u, true);
}

#define LIVE(sb) OS_OBJ_LIVE(sb, struct os_stream, OS_TAG_STREAM)

/* Copy n bytes in at the tail (n <= free space). */
static void ring_in(struct os_stream *sb, const uint8_t *src, size_t n)
{
    size_t tail = sb->head + sb->count;
    if (tail >= sb->size)
        tail -= sb->size;
    size_t first = sb->size - tail < n ? sb->size - tail : n;
    memcpy(sb->storage + tail, src, first);
    memcpy(sb->storage, src + first, n - first);
    sb->count += n;
}

/* Copy n bytes out from offset off after the head, without removing them. */
static void ring_peek(const struct os_stream *sb, size_t off, uint8_t *dst, size_t n)
{
    size_t at = sb->head + off;
    if (at >= sb->size)
        at -= sb->size;
    size_t first = sb->size - at < n ? sb->size - at : n;
    memcpy(dst, sb->storage + at, first);
    memcpy(dst + first, sb->storage, n - first);
}

static void ring_drop(struct os_stream *sb, size_t n)
{
    sb->head += n;
    if (sb->head >= sb->size)
        sb->head -= sb->size;
    sb->count -= n;
}

/* Length of the first message; count >= HDR. */
static size_t first_length(const struct os_stream *sb)
{
    size_t len;
    ring_peek(sb, 0, (uint8_t *)&len, HDR);
    return len;
}

/* Write what the rules allow now; mask held. Returns the bytes written. */
static size_t send_locked(struct os_stream *sb, const uint8_t *data, size_t len, bool *preempt)
{
    size_t space = sb->size - sb->count;
    size_t n;
    if (sb->message != 0u) {
        if (len > space || space - len < HDR)
            return 0u;
        ring_in(sb, (const uint8_t *)&len, HDR);
        ring_in(sb, data, len);
        n = len;
    } else {
        n = len < space ? len : space;
        if (n == 0u)
            return 0u;
        ring_in(sb, data, n);
    }
    if (sb->message != 0u || sb->count >= sb->trigger)
        (void)os_sched_wake_first(&sb->recv_waiters, preempt);
    return n;
}

/* Read what is there now (a whole message for a message buffer); mask
 * held. Returns the bytes received. */
static size_t receive_locked(struct os_stream *sb, uint8_t *buf, size_t len, bool *preempt)
{
    size_t n;
    if (sb->message != 0u) {
        if (sb->count < HDR)
            return 0u;
        n = first_length(sb);
        if (n > sb->count - HDR) {
            /* A length the ring cannot hold: the storage was written behind
             * the core's back (it may lie where tasks write). Drop it all
             * rather than read past what is stored. */
            sb->count = 0;
            sb->head = 0;
            return 0u;
        }
        if (n > len)
            return 0u; /* stays for a larger buffer */
        ring_drop(sb, HDR);
        ring_peek(sb, 0, buf, n);
        ring_drop(sb, n);
    } else {
        n = len < sb->count ? len : sb->count;
        if (n == 0u)
            return 0u;
        ring_peek(sb, 0, buf, n);
        ring_drop(sb, n);
    }
    (void)os_sched_wake_first(&sb->send_waiters, preempt);
    return n;
}

/* Ticks left of a timeout started at `start`; 0 when it has run out. */
static os_tick_t left(os_tick_t start, os_tick_t timeout)
{
    if (timeout == OS_WAIT_FOREVER)
        return OS_WAIT_FOREVER;
    os_tick_t elapsed = os_sched.tick_count - start;
    return elapsed >= timeout ? 0u : timeout - elapsed;
}

/* Block on wl for up to ticks, mask held on entry and return. */
static enum os_status wait_on(struct os_stream *sb, struct os_list *wl, enum os_wait_kind kind,
                              os_tick_t ticks)
{
    os_sched_block(wl, sb, kind, ticks);
    os_critical_exit();
    enum os_status st = os_sched_block_switch();
    os_critical_enter();
    return st;
}

static bool data_ok(const void *p, size_t len)
{
    return p != NULL && (uintptr_t)p + len >= (uintptr_t)p && PORT_BUFFER_OK(p, len);
}

size_t os_stream_send(struct os_stream *sb, const void *data, size_t len, os_tick_t timeout)
{
    if (!LIVE(sb) || len == 0u || !data_ok(data, len) || port_in_isr())
        return 0u;
    if (sb->message != 0u && (len > sb->size || sb->size - len < HDR))
        return 0u; /* can never fit */
    bool preempt = false;
    size_t n = 0;
    os_critical_enter();
    os_tick_t start = os_sched.tick_count;
    for (;;) {
        /* Wait for room for all of it (a stream longer than the storage:
         * for an empty storage), unless there is no time to wait. */
        size_t need = sb->message != 0u ? len + HDR : (len < sb->size ? len : sb->size);
        os_tick_t ticks = left(start, timeout);
        if (sb->size - sb->count >= need || ticks == 0u || !os_sched_can_block() ||
            !OS_OBJ_IS(sb, OS_TAG_STREAM)) {
            if (OS_OBJ_IS(sb, OS_TAG_STREAM))
                n = send_locked(sb, data, len, &preempt);
            break;
        }
        if (wait_on(sb, &sb->send_waiters, OS_WAIT_STREAM_SEND, ticks) != OS_OK)
            timeout = OS_NO_WAIT; /* timed out or aborted: write what fits */
    }
    os_critical_exit();
    if (preempt)
        os_sched_request_switch();
    return n;
}

size_t os_stream_receive(struct os_stream *sb, void *buf, size_t len, os_tick_t timeout)
{
    if (!LIVE(sb) || len == 0u || !data_ok(buf, len) || port_in_isr())
        return 0u;
    bool preempt = false;
    size_t n = 0;
    os_critical_enter();
    os_tick_t start = os_sched.tick_count;
    for (;;) {
        if (!OS_OBJ_IS(sb, OS_TAG_STREAM))
            break;
        /* What is there is taken at once; only an empty buffer waits (a
         * sender wakes us at the trigger level, or with a message). */
        if (sb->count > 0u) {
            n = receive_locked(sb, buf, len, &preempt);
            if (n > 0u || sb->message != 0u)
                break;
        }
        os_tick_t ticks = left(start, timeout);
        if (ticks == 0u || !os_sched_can_block())
            break;
        if (wait_on(sb, &sb->recv_waiters, OS_WAIT_STREAM_RECV, ticks) != OS_OK) {
            /* Timed out or aborted: whatever is there, below the trigger. */
            if (OS_OBJ_IS(sb, OS_TAG_STREAM))
                n = receive_locked(sb, buf, len, &preempt);
            break;
        }
    }
    os_critical_exit();
    if (preempt)
        os_sched_request_switch();
    return n;
}

size_t os_stream_send_from_isr(struct os_stream *sb, const void *data, size_t len,
                               bool *switch_needed)
{
    if (!LIVE(sb) || data == NULL || len == 0u)
        return 0u;
    bool preempt = false;
    PORT_IRQ_STATE_T s = port_irq_save();
    size_t n = send_locked(sb, data, len, &preempt);
    port_irq_restore(s);
    if (preempt)
        port_yield_from_isr();
    if (switch_needed != NULL)
        *switch_needed = preempt;
    return n;
}

size_t os_stream_receive_from_isr(struct os_stream *sb, void *buf, size_t len, bool *switch_needed)
{
    if (!LIVE(sb) || buf == NULL || len == 0u)
        return 0u;
    bool preempt = false;
    PORT_IRQ_STATE_T s = port_irq_save();
    size_t n = receive_locked(sb, buf, len, &preempt);
    port_irq_restore(s);
    if (preempt)
        port_yield_from_isr();
    if (switch_needed != NULL)
        *switch_needed = preempt;
    return n;
}

size_t os_stream_bytes_available(const struct os_stream *sb)
{
    return LIVE(sb) ? sb->count : 0u;
}

size_t os_stream_spaces_available(const struct os_stream *sb)
{
    return LIVE(sb) ? sb->size - sb->count : 0u;
}

size_t os_stream_next_message_length(const struct os_stream *sb)
{
    if (!LIVE(sb) || sb->message == 0u)
        return 0u;
    PORT_IRQ_STATE_T s = port_irq_save();
    size_t n = sb->count >= HDR ? first_length(sb) : 0u;
    if (n > sb->count - HDR)
        n = 0u; /* corrupt (see receive_locked) */
    port_irq_restore(s);
    return n;
}

enum os_status os_stream_set_trigger(struct os_stream *sb, size_t trigger)
{
    if (!LIVE(sb) || sb->message != 0u || trigger > sb->size)
        return OS_ERR_PARAM;
    sb->trigger = trigger == 0u ? 1u : trigger;
    return OS_OK;
}

enum os_status os_stream_reset(struct os_stream *sb)
{
    if (!LIVE(sb))
        return OS_ERR_PARAM;
    enum os_status st = OS_OK;
    PORT_IRQ_STATE_T s = port_irq_save();
    if (!os_list_empty(&sb->send_waiters) || !os_list_empty(&sb->recv_waiters)) {
        st = OS_ERR_STATE;
    } else {
        sb->count = 0;
        sb->head = 0;
    }
    port_irq_restore(s);
    return st;
}

enum os_status os_stream_delete(struct os_stream *sb)
{
    if (!LIVE(sb))
        return OS_ERR_PARAM;
    if (port_in_isr())
        return OS_ERR_ISR;
    os_critical_enter();
    bool busy = !os_list_empty(&sb->send_waiters) || !os_list_empty(&sb->recv_waiters);
    if (!busy)
        os_obj_forget(sb, sizeof *sb);
    os_critical_exit();
    return busy ? OS_ERR_STATE : OS_OK;
}
