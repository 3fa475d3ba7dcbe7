/*
 * test_queue.c - queues: FIFO order, blocking on empty and on full,
 * timeouts both ways, waiter order, peek, ISR variants and deletion of a
 * waiting task.
 */
#include "test_util.h"

static struct os_queue q;
static uint32_t storage[3];

static int setup(void **state)
{
    int r = setup_core(state);
    os_queue_init(&q, storage, sizeof(uint32_t), 3);
    return r;
}

static void test_fifo_and_limits(void **state)
{
    (void)state;
    uint32_t v;
    assert_int_equal(os_queue_init(&q, storage, 0, 3), OS_ERR_PARAM);
    assert_int_equal(os_queue_init(&q, storage, sizeof(uint32_t), 0), OS_ERR_PARAM);
    assert_int_equal(os_queue_init(&q, storage, sizeof(uint32_t), 3), OS_OK);
    assert_int_equal(os_queue_receive(&q, &v, OS_NO_WAIT), OS_TIMEOUT);
    /* Wrap the ring a few times. */
    uint32_t next_in = 1, next_out = 1;
    for (int round = 0; round < 4; round++) {
        while (os_queue_count(&q) < 3) {
            assert_int_equal(os_queue_send(&q, &next_in, OS_NO_WAIT), OS_OK);
            next_in++;
        }
        assert_int_equal(os_queue_send(&q, &next_in, OS_NO_WAIT), OS_TIMEOUT);
        assert_int_equal(os_queue_peek(&q, &v, OS_NO_WAIT), OS_OK);
        assert_int_equal(v, next_out);
        for (int k = 0; k < 2; k++) {
            assert_int_equal(os_queue_receive(&q, &v, OS_NO_WAIT), OS_OK);
            assert_int_equal(v, next_out);
            next_out++;
        }
    }
    assert_int_equal(os_queue_count(&q), 1);
}

/* Receive with the timeout given as argument; log value/result. */
static void receiver(void *arg)
{
    os_tick_t timeout = (os_tick_t)(uintptr_t)arg;
    uint32_t v = 0;
    enum os_status r = os_queue_receive(&q, &v, timeout);
    if (r == OS_OK)
        ev("%s=%u", os_task_self()->name, (unsigned)v);
    else
        ev("%s:%d@%u", os_task_self()->name, r, (unsigned)os_tick_count());
}

static void sender_low(void *arg)
{
    (void)arg;
    uint32_t v = 42;
    ev("L-send");
    assert_int_equal(os_queue_send(&q, &v, OS_NO_WAIT), OS_OK);
    ev("L-after");
}

static void test_receive_blocks_until_send(void **state)
{
    (void)state;
    mk(0, "H", receiver, (void *)OS_WAIT_FOREVER, 3);
    mk(1, "L", sender_low, NULL, 1);
    os_start();
    assert_string_equal(evlog(), "L-send H=42 L-after");
    assert_int_equal(os_queue_count(&q), 0); /* handed over, not stored */
}

static void test_receive_times_out(void **state)
{
    (void)state;
    mk(0, "R", receiver, (void *)3, 2);
    os_start();
    host_tick(2);
    assert_string_equal(evlog(), "");
    host_tick(1);
    assert_string_equal(evlog(), "R:-1@3");
    assert_int_equal(q.recv_waiters.count, 0);
}

/* Send 1..5 into the 3-slot queue, waiting for space. */
static void bulk_sender(void *arg)
{
    os_tick_t timeout = (os_tick_t)(uintptr_t)arg;
    for (uint32_t v = 1; v <= 5; v++) {
        enum os_status r = os_queue_send(&q, &v, timeout);
        ev("s%u:%d", (unsigned)v, r);
        if (r != OS_OK)
            return;
    }
}

static void drainer(void *arg)
{
    (void)arg;
    uint32_t v;
    for (int i = 0; i < 5; i++) {
        assert_int_equal(os_queue_receive(&q, &v, OS_NO_WAIT), OS_OK);
        ev("r%u", (unsigned)v);
    }
}

static void test_send_blocks_when_full(void **state)
{
    (void)state;
    mk(0, "S", bulk_sender, (void *)OS_WAIT_FOREVER, 3);
    os_start();
    assert_string_equal(evlog(), "s1:0 s2:0 s3:0");
    assert_int_equal(q.send_waiters.count, 1);
    mk(1, "D", drainer, NULL, 1);
    host_run_until_idle();
    /* Each receive frees a slot that the blocked sender fills at once; the
     * sender, being higher, runs before the receive even returns. The item
     * order stays FIFO. */
    assert_string_equal(evlog(), "s1:0 s2:0 s3:0 s4:0 r1 s5:0 r2 r3 r4 r5");
}

static void test_send_times_out(void **state)
{
    (void)state;
    mk(0, "S", bulk_sender, (void *)2, 2);
    os_start();
    host_tick(1);
    assert_string_equal(evlog(), "s1:0 s2:0 s3:0");
    host_tick(1);
    assert_string_equal(evlog(), "s1:0 s2:0 s3:0 s4:-1");
    assert_int_equal(q.send_waiters.count, 0);
    assert_int_equal(os_queue_count(&q), 3);
}

struct late_rx {
    os_tick_t at; /* tick at which to start waiting */
};

static void late_receiver(void *arg)
{
    const struct late_rx *l = arg;
    if (l->at > 0u)
        os_delay(l->at);
    receiver((void *)OS_WAIT_FOREVER);
}

static bool isr_ok, isr_switch;

static void send_isr(void *arg)
{
    isr_ok = os_queue_send_from_isr(&q, arg, &isr_switch);
}

static void test_receivers_served_by_priority_then_fifo(void **state)
{
    (void)state;
    static const struct late_rx at0 = {0}, at1 = {1}, at2 = {2};
    mk(0, "L", late_receiver, (void *)&at0, 1);
    mk(1, "M", late_receiver, (void *)&at1, 2);
    mk(2, "M2", late_receiver, (void *)&at2, 2);
    mk(3, "H", late_receiver, (void *)&at2, 3);
    os_start();
    host_tick(1);
    host_tick(1);
    assert_int_equal(q.recv_waiters.count, 4);
    for (uint32_t v = 10; v < 14; v++) {
        host_isr(send_isr, &v);
        assert_true(isr_ok);
        assert_true(isr_switch); /* every waiter outranks idle */
        host_run_until_idle();
    }
    assert_string_equal(evlog(), "H=10 M=11 M2=12 L=13");
}

static void test_send_from_isr_full(void **state)
{
    (void)state;
    uint32_t v = 7;
    for (int i = 0; i < 3; i++) {
        host_isr(send_isr, &v);
        assert_true(isr_ok);
        assert_false(isr_switch);
    }
    host_isr(send_isr, &v);
    assert_false(isr_ok);
    assert_int_equal(os_queue_count(&q), 3);
}

static uint32_t isr_rx;

static void receive_isr(void *arg)
{
    (void)arg;
    isr_ok = os_queue_receive_from_isr(&q, &isr_rx, &isr_switch);
}

static void test_receive_from_isr_wakes_sender(void **state)
{
    (void)state;
    host_isr(receive_isr, NULL);
    assert_false(isr_ok); /* empty */
    mk(0, "S", bulk_sender, (void *)OS_WAIT_FOREVER, 3);
    os_start();
    host_isr(receive_isr, NULL);
    assert_true(isr_ok);
    assert_int_equal(isr_rx, 1);
    assert_true(isr_switch); /* the blocked sender got a slot */
    host_run_until_idle();
    assert_string_equal(evlog(), "s1:0 s2:0 s3:0 s4:0");
}

static void peeker(void *arg)
{
    (void)arg;
    uint32_t v = 0;
    assert_int_equal(os_queue_peek(&q, &v, OS_WAIT_FOREVER), OS_OK);
    ev("%s=%u", os_task_self()->name, (unsigned)v);
}

static void test_peek_waiter_sees_item_receiver_takes_it(void **state)
{
    (void)state;
    mk(0, "P", peeker, NULL, 3);
    mk(1, "R", receiver, (void *)OS_WAIT_FOREVER, 2);
    os_start();
    uint32_t v = 5;
    host_isr(send_isr, &v);
    host_run_until_idle();
    assert_string_equal(evlog(), "P=5 R=5");
    assert_int_equal(os_queue_count(&q), 0);
    /* A peek of a stored item leaves it there. */
    v = 6;
    host_isr(send_isr, &v);
    mk(2, "P2", peeker, NULL, 3);
    host_run_until_idle();
    assert_string_equal(evlog(), "P=5 R=5 P2=6");
    assert_int_equal(os_queue_count(&q), 1);
}

static void test_delete_waiting_receiver_and_sender(void **state)
{
    (void)state;
    mk(0, "R", receiver, (void *)OS_WAIT_FOREVER, 2);
    os_start();
    assert_int_equal(os_task_delete(&tt[0]), OS_OK);
    assert_int_equal(q.recv_waiters.count, 0);
    uint32_t v = 9, out = 0;
    assert_int_equal(os_queue_send(&q, &v, OS_NO_WAIT), OS_OK);
    assert_int_equal(os_queue_count(&q), 1); /* stored, not lost to R */
    assert_int_equal(os_queue_receive(&q, &out, OS_NO_WAIT), OS_OK);
    assert_int_equal(out, 9);

    mk(1, "S", bulk_sender, (void *)OS_WAIT_FOREVER, 2);
    host_run_until_idle();
    assert_int_equal(q.send_waiters.count, 1);
    assert_int_equal(os_task_delete(&tt[1]), OS_OK);
    assert_int_equal(q.send_waiters.count, 0);
    for (uint32_t want = 1; want <= 3; want++) {
        assert_int_equal(os_queue_receive(&q, &out, OS_NO_WAIT), OS_OK);
        assert_int_equal(out, want);
    }
    /* The deleted sender's item never arrives. */
    assert_int_equal(os_queue_receive(&q, &out, OS_NO_WAIT), OS_TIMEOUT);
    assert_false(host_panicked());
}

static enum os_status isr_task_call;

static void task_call_isr(void *arg)
{
    (void)arg;
    uint32_t v = 1;
    isr_task_call = os_queue_send(&q, &v, OS_NO_WAIT);
}

static void test_task_api_refused_in_isr(void **state)
{
    (void)state;
    host_isr(task_call_isr, NULL);
    assert_int_equal(isr_task_call, OS_ERR_ISR);
    assert_int_equal(os_queue_count(&q), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_fifo_and_limits, setup),
        cmocka_unit_test_setup(test_receive_blocks_until_send, setup),
        cmocka_unit_test_setup(test_receive_times_out, setup),
        cmocka_unit_test_setup(test_send_blocks_when_full, setup),
        cmocka_unit_test_setup(test_send_times_out, setup),
        cmocka_unit_test_setup(test_receivers_served_by_priority_then_fifo, setup),
        cmocka_unit_test_setup(test_send_from_isr_full, setup),
        cmocka_unit_test_setup(test_receive_from_isr_wakes_sender, setup),
        cmocka_unit_test_setup(test_peek_waiter_sees_item_receiver_takes_it, setup),
        cmocka_unit_test_setup(test_delete_waiting_receiver_and_sender, setup),
        cmocka_unit_test_setup(test_task_api_refused_in_isr, setup),
    };
    return cmocka_run_group_tests_name("rtos_queue", tests, NULL, NULL);
}
