/*
 * test_port.c - the inter-partition ports of partitions/port.c, through
 * the service calls (PK_SVC_PORT_OPEN .. PK_SVC_QUEUING_CLEAR) on the
 * real kernel: the ports of pk_test_system.c (alpha sends; beta and gamma
 * receive; gamma.u is urgent). Alpha has the "log" action, so its refused
 * calls return their error; beta restarts and gamma stops on a fault, so
 * their calls here are all valid ones.
 */
#include <string.h>

#include "pk_test_util.h"

#define K0 PKT_GK_BASE(0u)
#define U0 PKT_USER_BASE(0u)
#define U1 PKT_USER_BASE(1u)
#define U2 PKT_USER_BASE(2u)
#define R PKT_RANGE
#define GK PK_VMODE_GUEST_KERNEL
#define TASK PK_VMODE_TASK

enum { P_ALPHA_S, P_ALPHA_Q, P_ALPHA_U, P_BETA_S, P_BETA_Q, P_GAMMA_S,
       P_GAMMA_U };

static int32_t r0(const struct pk_part *p)
{
    return (int32_t)p->ctx.r[0];
}

/* A call from partition i in virtual mode vm. */
static struct pk_part *call(unsigned i, uint32_t vm, uint32_t nr, uint32_t a0,
                            uint32_t a1, uint32_t a2, uint32_t a3)
{
    struct pk_part *p = env_current(i, vm);
    env_svc(p, nr, a0, a1, a2, a3);
    return p;
}

static void put(uint32_t addr, const char *s)
{
    fake_mem_open();
    memcpy((void *)(uintptr_t)addr, s, strlen(s));
    fake_mem_guard();
}

static bool mem_is(uint32_t addr, const char *s)
{
    fake_mem_open();
    bool same = memcmp((void *)(uintptr_t)addr, s, strlen(s)) == 0;
    fake_mem_guard();
    return same;
}

static void send(const char *msg, uint32_t flags)
{
    put(U0 + 0x100u, msg);
    call(0, TASK, PK_SVC_QUEUING_SEND, P_ALPHA_Q, U0 + 0x100u,
         (uint32_t)strlen(msg), flags);
}

/* ---- Open ---- */

static void open_by_name(void **state)
{
    (void)state;
    put(U0, "q");
    struct pk_part *p = call(0, TASK, PK_SVC_PORT_OPEN, U0, 1u, U0 + 64u, 0);
    assert_int_equal(r0(p), P_ALPHA_Q);
    fake_mem_open();
    const struct pk_port_info *o = (const void *)(uintptr_t)(U0 + 64u);
    assert_int_equal(o->kind, PK_PORT_QUEUING);
    assert_int_equal(o->direction, PK_PORT_SOURCE);
    assert_int_equal(o->max_message_size, 8u);
    assert_int_equal(o->max_messages, 2u);
    assert_int_equal(o->bit, 1u);
    assert_int_equal(o->connected, 1u);
    fake_mem_guard();
    /* The same name in beta is beta's own port. */
    put(U1, "q");
    p = call(1, TASK, PK_SVC_PORT_OPEN, U1, 1u, U1 + 64u, 0);
    assert_int_equal(r0(p), P_BETA_Q);
    /* Unknown names, a prefix, bad lengths. */
    put(U0, "qq");
    p = call(0, GK, PK_SVC_PORT_OPEN, U0, 2u, U0 + 64u, 0);
    assert_int_equal(r0(p), PK_ENOENT);
    p = call(0, GK, PK_SVC_PORT_OPEN, U0, 0u, U0 + 64u, 0);
    assert_int_equal(r0(p), PK_EINVAL);
    p = call(0, GK, PK_SVC_PORT_OPEN, U0, PK_PORT_NAME_MAX + 1u, U0 + 64u, 0);
    assert_int_equal(r0(p), PK_EINVAL);
    assert_int_equal(env_hm_lines(), 0);
    /* The name and the info must be the caller's own memory. */
    p = call(0, GK, PK_SVC_PORT_OPEN, U1, 1u, U0 + 64u, 0);
    assert_int_equal(r0(p), PK_EFAULT);
    pkt_assert_hm_kind("bad_pointer");
    p = call(0, TASK, PK_SVC_PORT_OPEN, U0, 1u, K0 + 64u, 0);
    assert_int_equal(r0(p), PK_EFAULT);
    p = call(0, GK, PK_SVC_PORT_OPEN, U0, 1u, U0 + R - 39u, 0);
    assert_int_equal(r0(p), PK_EFAULT);
}

/* ---- Sampling ---- */

static void sampling_never_written(void **state)
{
    (void)state;
    struct pk_part *p = call(1, TASK, PK_SVC_SAMPLING_READ, P_BETA_S, U1, 16u, 0);
    assert_int_equal(r0(p), PK_EEMPTY);
    assert_int_equal(env_hm_lines(), 0);
}

static void sampling_write_read_validity(void **state)
{
    (void)state;
    put(U0, "hello");
    struct pk_part *p =
        call(0, TASK, PK_SVC_SAMPLING_WRITE, P_ALPHA_S, U0, 5u, 0);
    assert_int_equal(r0(p), PK_OK);
    p = call(1, TASK, PK_SVC_SAMPLING_READ, P_BETA_S, U1 + 32u, 16u, 0);
    assert_int_equal(r0(p), 5);
    assert_int_equal(p->ctx.r[1], 1u); /* valid */
    assert_true(mem_is(U1 + 32u, "hello"));
    /* Multicast: gamma reads the same message. */
    p = call(2, TASK, PK_SVC_SAMPLING_READ, P_GAMMA_S, U2, 32u, 0);
    assert_int_equal(r0(p), 5);
    assert_true(mem_is(U2, "hello"));
    /* Age exactly the refresh period: still valid; one ns more: not. */
    fake_clock_set(fake_now_ns + 1000000ull);
    p = call(1, TASK, PK_SVC_SAMPLING_READ, P_BETA_S, U1 + 32u, 16u, 0);
    assert_int_equal(p->ctx.r[1], 1u);
    fake_clock_set(fake_now_ns + 1u);
    p = call(1, TASK, PK_SVC_SAMPLING_READ, P_BETA_S, U1 + 32u, 16u, 0);
    assert_int_equal(r0(p), 5);
    assert_int_equal(p->ctx.r[1], 0u);
    /* gamma's refresh period is 2 ms: still valid there. */
    p = call(2, TASK, PK_SVC_SAMPLING_READ, P_GAMMA_S, U2, 32u, 0);
    assert_int_equal(p->ctx.r[1], 1u);
    /* A new write overwrites and is valid again. */
    put(U0, "ab");
    call(0, TASK, PK_SVC_SAMPLING_WRITE, P_ALPHA_S, U0, 2u, 0);
    p = call(1, TASK, PK_SVC_SAMPLING_READ, P_BETA_S, U1 + 32u, 16u, 0);
    assert_int_equal(r0(p), 2);
    assert_int_equal(p->ctx.r[1], 1u);
    /* A buffer smaller than the message: nothing copied. */
    p = call(1, TASK, PK_SVC_SAMPLING_READ, P_BETA_S, U1 + 32u, 1u, 0);
    assert_int_equal(r0(p), PK_EMSGSIZE);
    assert_int_equal(env_hm_lines(), 0);
}

static void sampling_sizes(void **state)
{
    (void)state;
    struct pk_part *p =
        call(0, TASK, PK_SVC_SAMPLING_WRITE, P_ALPHA_S, U0, 0u, 0);
    assert_int_equal(r0(p), PK_EINVAL);
    p = call(0, TASK, PK_SVC_SAMPLING_WRITE, P_ALPHA_S, U0, 17u, 0);
    assert_int_equal(r0(p), PK_EMSGSIZE);
    p = call(0, TASK, PK_SVC_SAMPLING_WRITE, P_ALPHA_S, U0, 16u, 0);
    assert_int_equal(r0(p), PK_OK);
    assert_int_equal(env_hm_lines(), 0);
    /* Unknown flag bits. */
    p = call(0, TASK, PK_SVC_SAMPLING_WRITE, P_ALPHA_S, U0, 4u, 0x100u);
    assert_int_equal(r0(p), PK_EINVAL);
}

/* ---- Queuing ---- */

static void queuing_fifo_full_overflow(void **state)
{
    (void)state;
    send("A", 0);
    assert_int_equal(r0(env_part(0)), PK_OK);
    assert_int_equal(env_part(0)->ctx.r[1], 1u); /* one slot left */
    send("BB", 0);
    assert_int_equal(env_part(0)->ctx.r[1], 0u);
    send("C", 0);
    assert_int_equal(r0(env_part(0)), PK_EFULL);
    /* Not marked: the receiver is told nothing yet. */
    struct pk_part *b =
        call(1, TASK, PK_SVC_QUEUING_RECEIVE, P_BETA_Q, U1, 8u, 0);
    assert_int_equal(r0(b), 1);
    assert_int_equal(b->ctx.r[1], 1u);
    assert_true(mem_is(U1, "A"));
    send("C", 0);
    send("D", PK_PORT_MARK_OVERFLOW); /* full: dropped, and recorded */
    assert_int_equal(r0(env_part(0)), PK_EFULL);
    b = call(1, TASK, PK_SVC_QUEUING_RECEIVE, P_BETA_Q, U1, 8u, 0);
    assert_int_equal(r0(b), 2);
    assert_int_equal(b->ctx.r[1], 1u | PK_PORT_OVERFLOW);
    assert_true(mem_is(U1, "BB"));
    b = call(1, TASK, PK_SVC_QUEUING_RECEIVE, P_BETA_Q, U1, 8u, 0);
    assert_int_equal(r0(b), 1);
    assert_int_equal(b->ctx.r[1], 0u); /* reported once */
    assert_true(mem_is(U1, "C"));
    b = call(1, TASK, PK_SVC_QUEUING_RECEIVE, P_BETA_Q, U1, 8u, 0);
    assert_int_equal(r0(b), PK_EEMPTY);
    /* Zero and too long. */
    struct pk_part *a =
        call(0, TASK, PK_SVC_QUEUING_SEND, P_ALPHA_Q, U0, 0u, 0);
    assert_int_equal(r0(a), PK_EINVAL);
    a = call(0, TASK, PK_SVC_QUEUING_SEND, P_ALPHA_Q, U0, 9u, 0);
    assert_int_equal(r0(a), PK_EMSGSIZE);
    /* A receive buffer too small keeps the message. */
    send("xyz", 0);
    b = call(1, TASK, PK_SVC_QUEUING_RECEIVE, P_BETA_Q, U1, 2u, 0);
    assert_int_equal(r0(b), PK_EMSGSIZE);
    b = call(1, TASK, PK_SVC_QUEUING_RECEIVE, P_BETA_Q, U1, 3u, 0);
    assert_int_equal(r0(b), 3);
    assert_int_equal(env_hm_lines(), 0);
}

/* The peer's event: a message at an empty queue, room at a full one. */
static void queuing_events_on_transitions(void **state)
{
    (void)state;
    struct pk_part *a = env_part(0), *b = env_part(1);
    b->ports_pending = 0u;
    b->pending = 0u;
    send("1", 0);
    assert_int_equal(b->ports_pending, 1u << 1); /* beta.q is its bit 1 */
    assert_true((b->pending & PK_EV_PORT) != 0u);
    b->ports_pending = 0u;
    send("2", 0);
    assert_int_equal(b->ports_pending, 0u); /* not empty before: no event */
    a->ports_pending = 0u;
    call(1, TASK, PK_SVC_QUEUING_RECEIVE, P_BETA_Q, U1, 8u, 0);
    assert_int_equal(a->ports_pending, 1u << 1); /* alpha.q: room again */
    a->ports_pending = 0u;
    call(1, TASK, PK_SVC_QUEUING_RECEIVE, P_BETA_Q, U1, 8u, 0);
    assert_int_equal(a->ports_pending, 0u); /* was not full */
    /* A non-urgent sampling write raises nothing. */
    b->ports_pending = 0u;
    call(0, TASK, PK_SVC_SAMPLING_WRITE, P_ALPHA_S, U0, 4u, 0);
    assert_int_equal(b->ports_pending, 0u);
}

static void queuing_clear_and_status(void **state)
{
    (void)state;
    send("1", 0);
    send("2", 0);
    struct pk_part *b = call(1, GK, PK_SVC_PORT_STATUS, P_BETA_Q, U1 + 64u,
                             0, 0);
    assert_int_equal(r0(b), PK_OK);
    fake_mem_open();
    const struct pk_port_status *st = (const void *)(uintptr_t)(U1 + 64u);
    assert_int_equal(st->messages, 2u);
    assert_int_equal(st->max_messages, 2u);
    fake_mem_guard();
    /* The source sees its channel's queue. */
    struct pk_part *a = call(0, TASK, PK_SVC_PORT_STATUS, P_ALPHA_Q, U0 + 64u,
                             0, 0);
    assert_int_equal(r0(a), PK_OK);
    fake_mem_open();
    assert_int_equal(((const struct pk_port_status *)(uintptr_t)(U0 + 64u))
                         ->messages, 2u);
    fake_mem_guard();
    a->ports_pending = 0u;
    b = call(1, TASK, PK_SVC_QUEUING_CLEAR, P_BETA_Q, 0, 0, 0);
    assert_int_equal(r0(b), PK_OK);
    assert_int_equal(a->ports_pending, 1u << 1);
    b = call(1, TASK, PK_SVC_QUEUING_RECEIVE, P_BETA_Q, U1, 8u, 0);
    assert_int_equal(r0(b), PK_EEMPTY);
    /* Sampling status: age and validity. */
    call(0, TASK, PK_SVC_SAMPLING_WRITE, P_ALPHA_S, U0, 3u, 0);
    fake_clock_set(fake_now_ns + 500u);
    b = call(1, TASK, PK_SVC_PORT_STATUS, P_BETA_S, U1 + 64u, 0, 0);
    fake_mem_open();
    st = (const void *)(uintptr_t)(U1 + 64u);
    assert_int_equal(st->last_len, 3u);
    assert_int_equal(st->age_ns, 500u);
    assert_int_equal(st->valid, 1u);
    fake_mem_guard();
    /* Misaligned status buffer. */
    b = call(0, TASK, PK_SVC_PORT_STATUS, P_ALPHA_Q, U0 + 4u, 0, 0);
    assert_int_equal(r0(b), PK_EFAULT);
}

/* ---- Isolation ---- */

static void isolation_not_owned_and_wrong_direction(void **state)
{
    (void)state;
    /* beta's port used by alpha. */
    struct pk_part *a =
        call(0, TASK, PK_SVC_QUEUING_RECEIVE, P_BETA_Q, U0, 8u, 0);
    assert_int_equal(r0(a), PK_EPERM);
    pkt_assert_hm_kind("bad_svc");
    assert_int_equal(pkt_hm_hex("addr"), P_BETA_Q);
    a = call(0, TASK, PK_SVC_QUEUING_CLEAR, P_BETA_Q, 0, 0, 0);
    assert_int_equal(r0(a), PK_EPERM);
    a = call(0, TASK, PK_SVC_PORT_STATUS, P_GAMMA_S, U0 + 64u, 0, 0);
    assert_int_equal(r0(a), PK_EPERM);
    /* Its own source used to read; a queuing port as a sampling one. */
    a = call(0, TASK, PK_SVC_SAMPLING_READ, P_ALPHA_S, U0, 16u, 0);
    assert_int_equal(r0(a), PK_EPERM);
    pkt_assert_hm_kind("bad_svc");
    a = call(0, GK, PK_SVC_SAMPLING_WRITE, P_ALPHA_Q, U0, 4u, 0);
    assert_int_equal(r0(a), PK_EPERM);
    /* No port at all. */
    env_console_clear();
    a = call(0, GK, PK_SVC_QUEUING_SEND, 7u, U0, 4u, 0);
    assert_int_equal(r0(a), PK_EINVAL);
    pkt_assert_hm_kind("bad_svc");
    a = call(0, GK, PK_SVC_QUEUING_SEND, 0xFFFFFFFFu, U0, 4u, 0);
    assert_int_equal(r0(a), PK_EINVAL);
    assert_int_equal(env_part(0)->faults, 7u);
}

static void isolation_buffers(void **state)
{
    (void)state;
    struct pk_part *a;
    /* Exactly at the end of the user range, and one past. */
    a = call(0, TASK, PK_SVC_SAMPLING_WRITE, P_ALPHA_S, U0 + R - 16u, 16u, 0);
    assert_int_equal(r0(a), PK_OK);
    env_console_clear();
    a = call(0, TASK, PK_SVC_SAMPLING_WRITE, P_ALPHA_S, U0 + R - 15u, 16u, 0);
    assert_int_equal(r0(a), PK_EFAULT);
    pkt_assert_hm_kind("bad_pointer");
    assert_int_equal(pkt_hm_hex("addr"), U0 + R - 15u);
    /* Wrap-around of addr + len. */
    a = call(0, GK, PK_SVC_SAMPLING_WRITE, P_ALPHA_S, 0xFFFFFFF8u, 16u, 0);
    assert_int_equal(r0(a), PK_EFAULT);
    a = call(0, GK, PK_SVC_SAMPLING_READ, P_ALPHA_S, U0 + 0x100u, 0u - 0x80u,
             0);
    assert_int_equal(r0(a), PK_EPERM); /* alpha.s is a source */

    /* Another partition's memory, the kernel's. */
    a = call(0, GK, PK_SVC_QUEUING_SEND, P_ALPHA_Q, U1, 4u, 0);
    assert_int_equal(r0(a), PK_EFAULT);
    a = call(0, GK, PK_SVC_SAMPLING_WRITE, P_ALPHA_S, FAKE_KRAM_BASE, 4u, 0);
    assert_int_equal(r0(a), PK_EFAULT);
    /* A task may not name its guest kernel; the guest kernel may, but not
     * for a task (PK_PORT_AS_TASK). */
    a = call(0, TASK, PK_SVC_SAMPLING_WRITE, P_ALPHA_S, K0 + 0x100u, 4u, 0);
    assert_int_equal(r0(a), PK_EFAULT);
    a = call(0, GK, PK_SVC_SAMPLING_WRITE, P_ALPHA_S, K0 + 0x100u, 4u, 0);
    assert_int_equal(r0(a), PK_OK);
    a = call(0, GK, PK_SVC_SAMPLING_WRITE, P_ALPHA_S, K0 + 0x100u, 4u,
             PK_PORT_AS_TASK);
    assert_int_equal(r0(a), PK_EFAULT);
    a = call(0, GK, PK_SVC_SAMPLING_WRITE, P_ALPHA_S, U0 + R - 4u, 4u,
             PK_PORT_AS_TASK);
    assert_int_equal(r0(a), PK_OK);
    /* The receive side: the whole declared buffer is checked, even when
     * the message is shorter (here a length that wraps from inside the
     * range); beta restarts on the fault. */
    send("m", 0);
    struct pk_part *b = call(1, TASK, PK_SVC_QUEUING_RECEIVE, P_BETA_Q,
                             U1 + 0x100u, 0u - 0x80u, 0);
    pkt_assert_hm_kind("bad_pointer");
    (void)b; /* beta restarts on the fault: its queue is emptied */
    assert_int_equal(env_part(1)->restarts, 1u);
    b = call(1, TASK, PK_SVC_QUEUING_RECEIVE, P_BETA_Q, U1, 8u, 0);
    assert_int_equal(r0(b), PK_EEMPTY);
}

/* ---- Urgent ports ---- */

static void urgent_port_warps_the_receiver(void **state)
{
    (void)state;
    struct pk_part *g = env_part(2);
    /* gamma blocks; alpha is the running partition. */
    env_current(2, GK);
    pk_cur = g;
    env_svc(g, PK_SVC_BLOCK, 0xFFFFFFFFu, 0xFFFFFFFFu, 0, 0);
    assert_int_equal(g->state, PK_STATE_BLOCKED);
    assert_ptr_not_equal(pk_cur, g);
    struct pk_part *a = pk_cur;
    a->vmode = TASK;
    unsigned warps = pk_sched_state.part[2].warps;
    put(a->cfg->user_base, "go");
    fake_clock_set(fake_now_ns + 1000u);
    env_svc(a, PK_SVC_QUEUING_SEND, P_ALPHA_U, a->cfg->user_base, 2u, 0);
    if (a != env_part(0))
        return; /* the scheduler ran another one: nothing to send from */
    assert_int_equal((int32_t)a->ctx.r[0], PK_OK);
    assert_int_equal(pk_sched_state.part[2].warps, warps + 1u);
    assert_int_equal(g->state, PK_STATE_READY);
    assert_ptr_equal(pk_cur, g); /* it preempted at once */
    /* Raised (its vCPU is still masked from boot here). */
    assert_true((g->pending & PK_EV_PORT) != 0u);
    assert_int_equal(g->ports_pending, 1u << 1);
}

/* A plain destination wakes its partition without preempting. */
static void plain_port_wakes_without_preempting(void **state)
{
    (void)state;
    struct pk_part *b = env_part(1);
    env_current(1, GK);
    pk_cur = b;
    env_svc(b, PK_SVC_BLOCK, 0xFFFFFFFFu, 0xFFFFFFFFu, 0, 0);
    assert_int_equal(b->state, PK_STATE_BLOCKED);
    struct pk_part *a = env_part(0);
    env_current(0, TASK);
    pk_cur = a;
    unsigned warps = pk_sched_state.part[1].warps;
    send("x", 0);
    assert_int_equal(b->state, PK_STATE_READY);
    assert_int_equal(pk_sched_state.part[1].warps, warps);
    assert_true((b->pending & PK_EV_PORT) != 0u);
}

static void restart_empties_own_queues(void **state)
{
    (void)state;
    send("1", 0);
    send("2", 0);
    struct pk_part *a = env_part(0);
    a->ports_pending = 0u;
    /* beta faults (a bad pointer, restart action): its queue is emptied
     * and the sender told there is room. */
    call(1, TASK, PK_SVC_CONSOLE_WRITE, U0, 4u, 0, 0);
    assert_int_equal(env_part(1)->restarts, 1u);
    assert_int_equal(a->ports_pending, 1u << 1);
    send("3", 0);
    assert_int_equal(r0(env_part(0)), PK_OK);
}

/* A buffer that is not word aligned: copied only up to
 * PK_PORT_UNALIGNED_MAX bytes (the bound of the slow copy). */
static void unaligned_buffers(void **state)
{
    (void)state;
    struct pk_part *a =
        call(0, TASK, PK_SVC_SAMPLING_WRITE, P_ALPHA_S, U0 + 1u, 16u, 0);
    assert_int_equal(r0(a), PK_OK); /* 16 <= 256 */
    a = call(0, TASK, PK_SVC_QUEUING_SEND, P_ALPHA_Q, U0 + 2u, 8u, 0);
    assert_int_equal(r0(a), PK_OK);
    struct pk_part *b =
        call(1, TASK, PK_SVC_QUEUING_RECEIVE, P_BETA_Q, U1 + 3u, 8u, 0);
    assert_int_equal(r0(b), 8);
    b = call(1, TASK, PK_SVC_SAMPLING_READ, P_BETA_S, U1 + 5u, 16u, 0);
    assert_int_equal(r0(b), 16);
    assert_int_equal(env_hm_lines(), 0);
}

static void reserved_call_unknown(void **state)
{
    (void)state;
    struct pk_part *a = call(0, GK, 23u, 0, 0, 0, 0);
    assert_int_equal(r0(a), PK_ENOSYS);
    pkt_assert_hm_kind("bad_svc");
}

#define T(f) cmocka_unit_test_setup(f, pkt_setup)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(open_by_name),
        T(sampling_never_written),
        T(sampling_write_read_validity),
        T(sampling_sizes),
        T(queuing_fifo_full_overflow),
        T(queuing_events_on_transitions),
        T(queuing_clear_and_status),
        T(isolation_not_owned_and_wrong_direction),
        T(isolation_buffers),
        T(urgent_port_warps_the_receiver),
        T(plain_port_wakes_without_preempting),
        T(restart_empties_own_queues),
        T(unaligned_buffers),
        T(reserved_call_unknown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
