/*
 * test_queue_extra.c - queue overwrite (capacity 1), send to front (also
 * by a waiting sender), reset with waiting senders, peek and the from-ISR
 * variants, spaces, delete; recursive and normal mutexes; semaphore delete.
 */
#include "test_util.h"

static struct os_queue q;
static uint32_t qbuf[3];

static int setup(void **state)
{
    int r = setup_core(state);
    assert_int_equal(os_queue_init(&q, qbuf, sizeof(uint32_t), 3), OS_OK);
    return r;
}

static uint32_t rx(void)
{
    uint32_t v = 0xDEAD;
    assert_int_equal(os_queue_receive(&q, &v, OS_NO_WAIT), OS_OK);
    return v;
}

static void test_send_front_order(void **state)
{
    (void)state;
    uint32_t a = 1, b = 2, c = 3, d = 4;
    assert_int_equal(os_queue_send(&q, &a, OS_NO_WAIT), OS_OK);
    assert_int_equal(os_queue_send_front(&q, &b, OS_NO_WAIT), OS_OK);
    assert_int_equal(os_queue_send(&q, &c, OS_NO_WAIT), OS_OK);
    assert_int_equal(os_queue_spaces(&q), 0);
    assert_int_equal(os_queue_send_front(&q, &d, OS_NO_WAIT), OS_TIMEOUT);
    assert_int_equal(rx(), 2);
    assert_int_equal(rx(), 1);
    assert_int_equal(rx(), 3);
    assert_int_equal(os_queue_spaces(&q), 3);
    uint32_t v = 0;
    assert_int_equal(os_queue_peek(&q, &v, OS_NO_WAIT), OS_TIMEOUT);
}

static struct os_queue q1;
static uint32_t q1buf[1];

static void test_overwrite(void **state)
{
    (void)state;
    uint32_t v = 5;
    assert_int_equal(os_queue_overwrite(&q, &v), OS_ERR_PARAM); /* capacity 3 */
    assert_int_equal(os_queue_init(&q1, q1buf, sizeof(uint32_t), 1), OS_OK);
    assert_int_equal(os_queue_overwrite(&q1, &v), OS_OK);
    v = 6;
    assert_int_equal(os_queue_overwrite(&q1, &v), OS_OK);
    assert_int_equal(os_queue_count(&q1), 1);
    uint32_t out = 0;
    assert_int_equal(os_queue_peek(&q1, &out, OS_NO_WAIT), OS_OK);
    assert_int_equal(out, 6);
    assert_int_equal(os_queue_receive(&q1, &out, OS_NO_WAIT), OS_OK);
    assert_int_equal(out, 6);
    assert_int_equal(os_queue_receive(&q1, &out, OS_NO_WAIT), OS_TIMEOUT);
}

static void sender(void *arg)
{
    uint32_t v = (uint32_t)(uintptr_t)arg;
    enum os_status r = (v & 0x100u) ? os_queue_send_front(&q, &v, OS_WAIT_FOREVER)
                                    : os_queue_send(&q, &v, OS_WAIT_FOREVER);
    ev("%s:%d", os_task_self()->name, r);
}

static void test_waiting_front_sender_goes_first(void **state)
{
    (void)state;
    uint32_t v = 1;
    for (int i = 0; i < 3; i++, v++)
        assert_int_equal(os_queue_send(&q, &v, OS_NO_WAIT), OS_OK);
    mk(0, "F", sender, (void *)0x107, 2);
    os_start();
    assert_int_equal(q.send_waiters.count, 1);
    /* The receive frees a slot: F's item goes to the front. */
    assert_int_equal(rx(), 1);
    host_run_until_idle();
    assert_string_equal(evlog(), "F:0");
    assert_int_equal(rx(), 0x107);
    assert_int_equal(rx(), 2);
    assert_int_equal(rx(), 3);
}

static void test_reset_lets_senders_in(void **state)
{
    (void)state;
    uint32_t v = 1;
    for (int i = 0; i < 3; i++, v++)
        assert_int_equal(os_queue_send(&q, &v, OS_NO_WAIT), OS_OK);
    mk(0, "A", sender, (void *)10, 3);
    mk(1, "B", sender, (void *)11, 2);
    os_start();
    assert_int_equal(q.send_waiters.count, 2);
    assert_int_equal(os_queue_reset(&q), OS_OK);
    host_run_until_idle();
    assert_string_equal(evlog(), "A:0 B:0");
    assert_int_equal(os_queue_count(&q), 2);
    assert_int_equal(rx(), 10);
    assert_int_equal(rx(), 11);
    assert_int_equal(os_queue_reset(&q), OS_OK);
    assert_int_equal(os_queue_count(&q), 0);
}

static bool isr_ok, isr_sw;
static uint32_t isr_val;

static void isr_front(void *arg)
{
    isr_val = (uint32_t)(uintptr_t)arg;
    isr_ok = os_queue_send_front_from_isr(&q, &isr_val, &isr_sw);
}

static void isr_peek(void *arg)
{
    (void)arg;
    isr_val = 0;
    isr_ok = os_queue_peek_from_isr(&q, &isr_val);
}

static void isr_overwrite(void *arg)
{
    isr_val = (uint32_t)(uintptr_t)arg;
    isr_ok = os_queue_overwrite_from_isr(&q1, &isr_val, &isr_sw);
}

static void q1_receiver(void *arg)
{
    (void)arg;
    uint32_t v = 0;
    enum os_status r = os_queue_receive(&q1, &v, OS_WAIT_FOREVER);
    ev("R:%d:%u", r, (unsigned)v);
}

static void test_isr_variants(void **state)
{
    (void)state;
    uint32_t v = 1;
    assert_int_equal(os_queue_send(&q, &v, OS_NO_WAIT), OS_OK);
    host_isr(isr_front, (void *)9);
    assert_true(isr_ok);
    assert_false(isr_sw);
    host_isr(isr_peek, NULL);
    assert_true(isr_ok);
    assert_int_equal(isr_val, 9);
    assert_int_equal(os_queue_count(&q), 2);
    assert_int_equal(rx(), 9);
    assert_int_equal(rx(), 1);
    host_isr(isr_peek, NULL);
    assert_false(isr_ok);
    /* Overwrite from an ISR hands the item to a waiting receiver. */
    assert_int_equal(os_queue_init(&q1, q1buf, sizeof(uint32_t), 1), OS_OK);
    mk(0, "R", q1_receiver, NULL, 2);
    os_start();
    host_isr(isr_overwrite, (void *)77);
    assert_true(isr_ok);
    assert_true(isr_sw);
    host_run_until_idle();
    assert_string_equal(evlog(), "R:0:77");
    host_isr(isr_overwrite, (void *)78);
    host_isr(isr_overwrite, (void *)79);
    assert_int_equal(os_queue_count(&q1), 1);
    assert_int_equal(q1buf[0], 79);
}

static void test_deletes(void **state)
{
    (void)state;
    assert_int_equal(os_queue_delete(&q), OS_OK);
    uint32_t v = 1;
    assert_int_equal(os_queue_send(&q, &v, OS_NO_WAIT), OS_ERR_PARAM);
    assert_int_equal(os_queue_count(&q), 0);
    assert_int_equal(os_queue_delete(&q), OS_ERR_PARAM);
    assert_int_equal(os_queue_init(&q, qbuf, sizeof(uint32_t), 3), OS_OK);
    assert_int_equal(os_queue_send(&q, &v, OS_NO_WAIT), OS_OK);
    struct os_sem s;
    assert_int_equal(os_sem_init(&s, 1, 1), OS_OK);
    assert_int_equal(os_sem_delete(&s), OS_OK);
    assert_int_equal(os_sem_take(&s, OS_NO_WAIT), OS_ERR_PARAM);
}

/* Recursive and normal mutexes. */
static struct os_mutex mx;

static void locker(void *arg)
{
    bool normal = arg != NULL;
    assert_int_equal(os_mutex_init_kind(&mx, normal ? OS_MUTEX_NORMAL : OS_MUTEX_RECURSIVE), OS_OK);
    assert_int_equal(os_mutex_lock(&mx, OS_NO_WAIT), OS_OK);
    enum os_status r = os_mutex_lock(&mx, 3);
    ev("again:%d@%u:%u", r, (unsigned)os_tick_count(), (unsigned)os_mutex_recursion(&mx));
    assert_int_equal(os_mutex_unlock(&mx), OS_OK);
    if (r == OS_OK)
        assert_int_equal(os_mutex_unlock(&mx), OS_OK);
    ev("owner:%s", os_mutex_owner(&mx) == NULL ? "none" : "me");
    assert_int_equal(os_mutex_unlock(&mx), OS_ERR_STATE);
    assert_int_equal(os_mutex_delete(&mx), OS_OK);
    assert_int_equal(os_mutex_lock(&mx, OS_NO_WAIT), OS_ERR_PARAM);
}

static void test_mutex_recursive(void **state)
{
    (void)state;
    mk(0, "L", locker, NULL, 2);
    os_start();
    assert_string_equal(evlog(), "again:0@0:2 owner:none");
}

static void test_mutex_normal_owner_relock_times_out(void **state)
{
    (void)state;
    mk(0, "L", locker, (void *)1, 2);
    os_start();
    assert_string_equal(evlog(), "");
    host_tick(3);
    assert_string_equal(evlog(), "again:-1@3:1 owner:none");
    assert_int_equal(os_mutex_init_kind(&mx, (enum os_mutex_kind)7), OS_ERR_PARAM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_send_front_order, setup),
        cmocka_unit_test_setup(test_overwrite, setup),
        cmocka_unit_test_setup(test_waiting_front_sender_goes_first, setup),
        cmocka_unit_test_setup(test_reset_lets_senders_in, setup),
        cmocka_unit_test_setup(test_isr_variants, setup),
        cmocka_unit_test_setup(test_deletes, setup),
        cmocka_unit_test_setup(test_mutex_recursive, setup),
        cmocka_unit_test_setup(test_mutex_normal_owner_relock_times_out, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
