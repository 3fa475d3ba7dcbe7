/*
 * test_qset.c - queue sets (built with OS_CONFIG_QUEUE_SETS=1): a task
 * waits on two queues and a semaphore, in arrival order; a waiting
 * receiver on a member is served directly; membership rules; posts from an
 * ISR; a full set drops and counts.
 */
#include "test_util.h"

static struct os_queue qa, qb;
static uint32_t qabuf[2], qbbuf[2];
static struct os_sem sm;
static struct os_queue_set set;
static void *setbuf[5];

static int setup(void **state)
{
    int r = setup_core(state);
    assert_int_equal(os_queue_init(&qa, qabuf, sizeof(uint32_t), 2), OS_OK);
    assert_int_equal(os_queue_init(&qb, qbbuf, sizeof(uint32_t), 2), OS_OK);
    assert_int_equal(os_sem_init(&sm, 0, 1), OS_OK);
    assert_int_equal(os_queue_set_init(&set, setbuf, 5), OS_OK);
    assert_int_equal(os_queue_set_add(&set, &qa), OS_OK);
    assert_int_equal(os_queue_set_add(&set, &qb), OS_OK);
    assert_int_equal(os_queue_set_add(&set, &sm), OS_OK);
    return r;
}

static const char *name_of(void *m)
{
    return m == &qa ? "qa" : m == &qb ? "qb" : m == &sm ? "sm" : m == NULL ? "none" : "?";
}

static void selector(void *arg)
{
    int n = (int)(uintptr_t)arg;
    for (int i = 0; i < n; i++) {
        void *m = (void *)1;
        enum os_status r = os_queue_set_select(&set, &m, 10);
        uint32_t v = 0;
        if (m == &sm)
            assert_int_equal(os_sem_take(&sm, OS_NO_WAIT), OS_OK);
        else if (m != NULL)
            assert_int_equal(os_queue_receive(m, &v, OS_NO_WAIT), OS_OK);
        ev("%d:%s:%u@%u", r, name_of(m), (unsigned)v, (unsigned)os_tick_count());
    }
}

static void test_select_in_arrival_order(void **state)
{
    (void)state;
    uint32_t v = 7;
    assert_int_equal(os_queue_send(&qb, &v, OS_NO_WAIT), OS_OK);
    assert_int_equal(os_sem_give(&sm), OS_OK);
    v = 8;
    assert_int_equal(os_queue_send(&qa, &v, OS_NO_WAIT), OS_OK);
    mk(0, "S", selector, (void *)5, 2);
    os_start();
    assert_string_equal(evlog(), "0:qb:7@0 0:sm:0@0 0:qa:8@0");
    /* Blocked in select: a send wakes it with the member. */
    host_tick(2);
    v = 9;
    assert_int_equal(os_queue_send(&qa, &v, OS_NO_WAIT), OS_OK);
    host_run_until_idle();
    assert_string_equal(evlog(), "0:qb:7@0 0:sm:0@0 0:qa:8@0 0:qa:9@2");
    host_tick(10);
    assert_string_equal(evlog(), "0:qb:7@0 0:sm:0@0 0:qa:8@0 0:qa:9@2 -1:none:0@12");
}

static void direct_receiver(void *arg)
{
    (void)arg;
    uint32_t v = 0;
    enum os_status r = os_queue_receive(&qa, &v, OS_WAIT_FOREVER);
    ev("R:%d:%u", r, (unsigned)v);
}

static void test_waiting_receiver_is_served_directly(void **state)
{
    (void)state;
    mk(0, "R", direct_receiver, NULL, 2);
    os_start();
    uint32_t v = 3;
    assert_int_equal(os_queue_send(&qa, &v, OS_NO_WAIT), OS_OK);
    host_run_until_idle();
    assert_string_equal(evlog(), "R:0:3");
    assert_int_equal(set.count, 0); /* nothing posted */
}

static void test_membership_rules(void **state)
{
    (void)state;
    struct os_queue_set other;
    void *obuf[2];
    assert_int_equal(os_queue_set_init(&other, obuf, 2), OS_OK);
    assert_int_equal(os_queue_set_add(&other, &qa), OS_ERR_STATE); /* in a set already */
    assert_int_equal(os_queue_delete(&qa), OS_ERR_STATE);
    assert_int_equal(os_queue_reset(&qa), OS_ERR_STATE);
    struct os_mutex m;
    assert_int_equal(os_mutex_init(&m), OS_OK);
    assert_int_equal(os_queue_set_add(&other, &m), OS_ERR_PARAM); /* no mutexes */
    uint32_t v = 1;
    assert_int_equal(os_queue_send(&qa, &v, OS_NO_WAIT), OS_OK);
    assert_int_equal(os_queue_set_remove(&set, &qa), OS_ERR_STATE); /* not empty */
    assert_int_equal(os_queue_set_remove(&other, &qb), OS_ERR_STATE); /* not its member */
    assert_int_equal(os_queue_set_remove(&set, &qb), OS_OK);
    assert_int_equal(os_queue_send(&qb, &v, OS_NO_WAIT), OS_OK);
    assert_int_equal(set.count, 1); /* qb no longer posts */
    assert_int_equal(os_queue_set_add(&other, &qb), OS_ERR_STATE); /* not empty */
    void *mm = NULL;
    assert_int_equal(os_queue_set_select(&set, &mm, OS_NO_WAIT), OS_OK);
    assert_ptr_equal(mm, &qa);
    assert_int_equal(os_queue_set_select(&set, &mm, OS_NO_WAIT), OS_TIMEOUT);
    assert_int_equal(os_queue_set_select(&other, NULL, OS_NO_WAIT), OS_ERR_PARAM);
}

static void *isr_got;

static void isr_give(void *arg)
{
    (void)arg;
    (void)os_sem_give_from_isr(&sm);
}

static void isr_select(void *arg)
{
    (void)arg;
    isr_got = os_queue_set_select_from_isr(&set);
}

static void test_isr_and_full_set(void **state)
{
    (void)state;
    mk(0, "S", selector, (void *)1, 2);
    os_start();
    host_isr(isr_give, NULL);
    host_run_until_idle();
    assert_string_equal(evlog(), "0:sm:0@0");
    /* Fill the members (2 + 2 + 1 = the set's 5), then overfill the set by a
     * receive that lets a second item in without a select. */
    uint32_t v = 1;
    for (int i = 0; i < 2; i++) {
        assert_int_equal(os_queue_send(&qa, &v, OS_NO_WAIT), OS_OK);
        assert_int_equal(os_queue_send(&qb, &v, OS_NO_WAIT), OS_OK);
    }
    host_isr(isr_give, NULL);
    assert_int_equal(set.count, 5);
    assert_int_equal(set.dropped, 0);
    assert_int_equal(os_queue_receive(&qa, &v, OS_NO_WAIT), OS_OK); /* no select */
    assert_int_equal(os_queue_send(&qa, &v, OS_NO_WAIT), OS_OK);
    assert_int_equal(set.dropped, 1);
    host_isr(isr_select, NULL);
    assert_ptr_equal(isr_got, &qa);
}

static void blocked_sender(void *arg)
{
    (void)arg;
    uint32_t v = 42;
    ev("snd:%d", os_queue_send(&qb, &v, OS_WAIT_FOREVER));
}

static void test_waiting_sender_item_is_posted(void **state)
{
    (void)state;
    uint32_t v = 1;
    assert_int_equal(os_queue_send(&qb, &v, OS_NO_WAIT), OS_OK);
    assert_int_equal(os_queue_send(&qb, &v, OS_NO_WAIT), OS_OK);
    mk(1, "W", blocked_sender, NULL, 3);
    mk(0, "S", selector, (void *)3, 2);
    os_start();
    /* The first receive pulls W's item into qb: posted, so the third
     * select finds it. */
    assert_string_equal(evlog(), "snd:0 0:qb:1@0 0:qb:1@0 0:qb:42@0");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_select_in_arrival_order, setup),
        cmocka_unit_test_setup(test_waiting_receiver_is_served_directly, setup),
        cmocka_unit_test_setup(test_membership_rules, setup),
        cmocka_unit_test_setup(test_isr_and_full_set, setup),
        cmocka_unit_test_setup(test_waiting_sender_item_is_posted, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
