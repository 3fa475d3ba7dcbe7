/*
 * buffer.c - APEX buffers: a FIFO of messages of at most max_size bytes;
 * senders wait when it is full, receivers when it is empty, released in
 * the buffer's discipline (docs/arinc653.md). A message goes straight to
 * a waiting receiver, and a waiting sender's message into the slot a
 * receive frees: one copy each, with virtual interrupts masked.
 */
#include <string.h>

#include "apex_internal.h"

struct apex_buffer {
    char name[MAX_NAME_LENGTH];
    uint8_t used;
    uint32_t max_size, max_nb, count, head;
    size_t slot_bytes;
    uint8_t *slots;         /* max_nb slots: a length word, then the message */
    struct apex_waitq wq;   /* senders (full) or receivers (empty) */
};
static struct apex_buffer bufs[APEX_CONFIG_MAX_BUFFERS];

static struct apex_buffer *by_id(uint32_t id)
{
    if (id < 1u || id > APEX_CONFIG_MAX_BUFFERS || !bufs[id - 1u].used)
        return NULL;
    return &bufs[id - 1u];
}

static uint8_t *slot(struct apex_buffer *b, uint32_t i)
{
    return b->slots + (size_t)((b->head + i) % b->max_nb) * b->slot_bytes;
}

static void put(struct apex_buffer *b, const void *msg, uint32_t len)
{
    uint8_t *s = slot(b, b->count);
    memcpy(s, &len, sizeof len);
    memcpy(s + 4, msg, len);
    b->count++;
}

RETURN_CODE_TYPE apex_area_buffer(uint32_t op, const uint32_t a[7])
{
    switch (op | APEX_OP(APEX_AREA_BUFFER, 0)) {
    case APEX_OP_CREATE_BUFFER: {
        char name[MAX_NAME_LENGTH];
        MESSAGE_SIZE_TYPE size = (MESSAGE_SIZE_TYPE)a[1];
        MESSAGE_RANGE_TYPE nb = (MESSAGE_RANGE_TYPE)a[2];
        uint32_t disc = a[3];
        BUFFER_ID_TYPE *out = (BUFFER_ID_TYPE *)(uintptr_t)a[4];
        if (!apex_name_copy(name, a[0]) || !apex_user_ok(out, sizeof *out))
            return INVALID_PARAM;
        unsigned i;
        RETURN_CODE_TYPE rc = apex_create_slot(name, bufs[0].name, &bufs[0].used, sizeof bufs[0],
                                               APEX_CONFIG_MAX_BUFFERS, &i);
        if (rc != NO_ERROR)
            return rc;
        if (size <= 0 || size > SYSTEM_LIMIT_MESSAGE_SIZE || nb <= 0 ||
            nb > SYSTEM_LIMIT_NUMBER_OF_MESSAGES || (disc != FIFO && disc != PRIORITY) ||
            name[0] == '\0')
            return INVALID_PARAM;
        if (apex_normal)
            return INVALID_MODE;
        struct apex_buffer *b = &bufs[i];
        size_t slot_bytes = 4u + (((size_t)size + 3u) & ~(size_t)3u);
        b->slots = apex_msg_alloc(slot_bytes * (size_t)nb);
        if (b->slots == NULL)
            return INVALID_CONFIG;
        memcpy(b->name, name, MAX_NAME_LENGTH);
        b->slot_bytes = slot_bytes;
        b->max_size = (uint32_t)size;
        b->max_nb = (uint32_t)nb;
        b->count = b->head = 0u;
        b->wq.head = NULL;
        b->wq.count = 0u;
        b->wq.discipline = (uint8_t)disc;
        b->used = 1u;
        *out = (BUFFER_ID_TYPE)i + 1;
        return NO_ERROR;
    }
    case APEX_OP_GET_BUFFER_ID: {
        char name[MAX_NAME_LENGTH];
        BUFFER_ID_TYPE *out = (BUFFER_ID_TYPE *)(uintptr_t)a[1];
        if (!apex_name_copy(name, a[0]) || !apex_user_ok(out, sizeof *out))
            return INVALID_PARAM;
        APEX_INTEGER id = apex_find_name(name, bufs[0].name, &bufs[0].used, sizeof bufs[0],
                                         APEX_CONFIG_MAX_BUFFERS);
        if (id == 0)
            return INVALID_CONFIG;
        *out = id;
        return NO_ERROR;
    }
    default:
        break;
    }
    struct apex_buffer *b = by_id(a[0]);
    if (b == NULL)
        return INVALID_PARAM;
    switch (op | APEX_OP(APEX_AREA_BUFFER, 0)) {
    case APEX_OP_SEND_BUFFER: {
        const void *msg = (const void *)(uintptr_t)a[1];
        MESSAGE_SIZE_TYPE len = (MESSAGE_SIZE_TYPE)a[2];
        SYSTEM_TIME_TYPE t = apex_time_arg(a[3], a[4]);
        if (len > (MESSAGE_SIZE_TYPE)b->max_size)
            return INVALID_CONFIG;
        if (len <= 0 || !apex_user_ok(msg, (size_t)len) || !apex_timeout_ok(t))
            return INVALID_PARAM;
        os_critical_enter();
        RETURN_CODE_TYPE rc = NO_ERROR;
        if (b->count == 0u && b->wq.head != NULL) {
            /* A receiver waits: the message goes to it. */
            struct apex_proc *r = b->wq.head;
            memcpy(r->wq_data, msg, (size_t)len);
            *(MESSAGE_SIZE_TYPE *)r->wq_aux = len;
            (void)apex_wake_first(&b->wq, NO_ERROR);
        } else if (b->count < b->max_nb) {
            put(b, msg, (uint32_t)len);
        } else if (t == 0) {
            rc = NOT_AVAILABLE;
        } else if ((rc = apex_may_wait(t)) == NO_ERROR) {
            struct apex_proc *self = apex_self();
            self->wq_data = (void *)(uintptr_t)msg;
            self->wq_len = (uint32_t)len;
            rc = apex_wait_on(&b->wq, t);
        }
        os_critical_exit();
        return rc;
    }
    case APEX_OP_RECEIVE_BUFFER: {
        SYSTEM_TIME_TYPE t = apex_time_arg(a[1], a[2]);
        void *msg = (void *)(uintptr_t)a[3];
        MESSAGE_SIZE_TYPE *lenp = (MESSAGE_SIZE_TYPE *)(uintptr_t)a[4];
        if (!apex_timeout_ok(t) || !apex_user_ok(msg, b->max_size) ||
            !apex_user_ok(lenp, sizeof *lenp))
            return INVALID_PARAM;
        os_critical_enter();
        RETURN_CODE_TYPE rc = NO_ERROR;
        if (b->count > 0u) {
            uint8_t *s = slot(b, 0u);
            uint32_t len;
            memcpy(&len, s, sizeof len);
            memcpy(msg, s + 4, len);
            *lenp = (MESSAGE_SIZE_TYPE)len;
            b->head = (b->head + 1u) % b->max_nb;
            b->count--;
            /* A sender waits for the slot this freed. */
            struct apex_proc *w = b->wq.head;
            if (w != NULL) {
                put(b, w->wq_data, w->wq_len);
                (void)apex_wake_first(&b->wq, NO_ERROR);
            }
        } else if (t == 0) {
            *lenp = 0;
            rc = NOT_AVAILABLE;
        } else if ((rc = apex_may_wait(t)) == NO_ERROR) {
            struct apex_proc *self = apex_self();
            self->wq_data = msg;
            self->wq_aux = lenp;
            rc = apex_wait_on(&b->wq, t);
            if (rc != NO_ERROR)
                *lenp = 0;
        }
        os_critical_exit();
        return rc;
    }
    case APEX_OP_GET_BUFFER_STATUS: {
        BUFFER_STATUS_TYPE *out = (BUFFER_STATUS_TYPE *)(uintptr_t)a[1];
        if (!apex_user_ok(out, sizeof *out))
            return INVALID_PARAM;
        os_critical_enter();
        BUFFER_STATUS_TYPE st;
        memset(&st, 0, sizeof st); /* padding too: no guest-kernel bytes out */
        st.NB_MESSAGE = (MESSAGE_RANGE_TYPE)b->count;
        st.MAX_NB_MESSAGE = (MESSAGE_RANGE_TYPE)b->max_nb;
        st.MAX_MESSAGE_SIZE = (MESSAGE_SIZE_TYPE)b->max_size;
        st.WAITING_PROCESSES = b->wq.count;
        os_critical_exit();
        *out = st;
        return NO_ERROR;
    }
    default:
        return INVALID_PARAM;
    }
}
