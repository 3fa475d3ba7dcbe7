/*
 * test_objcheck.c - validation of the kernel-object pointers given to the
 * API: a pointer to an object of another type, an uninitialised object, a
 * deleted task, an object of a previous os_init() generation, a misaligned
 * pointer and a pointer into the middle of an object are all refused with
 * the documented result, and the memory they point to is left unchanged.
 */
#include <string.h>

#include "test_util.h"

static struct os_sem sem;
static struct os_mutex mtx;
static struct os_queue queue;
static uint32_t storage[4];

/* Scratch memory for the bad pointers, with room for any object at any
 * offset; filled with a pattern so that a write through it shows. */
static _Alignas(16) unsigned char scratch[2 * sizeof(struct os_task)];
static unsigned char scratch_copy[sizeof scratch];

static int setup(void **state)
{
    int r = setup_core(state);
    assert_int_equal(os_sem_init(&sem, 1, 2), OS_OK);
    assert_int_equal(os_mutex_init(&mtx), OS_OK);
    assert_int_equal(os_queue_init(&queue, storage, sizeof storage[0], 4), OS_OK);
    memset(scratch, 0x5A, sizeof scratch);
    memcpy(scratch_copy, scratch, sizeof scratch);
    return r;
}

static void scratch_unchanged(void)
{
    assert_memory_equal(scratch, scratch_copy, sizeof scratch);
}

static void idle_task_fn(void *arg)
{
    (void)arg;
}

/* Every API call that takes a semaphore, on s: refused, nothing written. */
static void sem_api_refused(struct os_sem *s)
{
    assert_int_equal(os_sem_give(s), OS_ERR_PARAM);
    assert_int_equal(os_sem_take(s, OS_NO_WAIT), OS_ERR_PARAM);
    assert_int_equal(os_sem_take(s, 5), OS_ERR_PARAM);
    assert_false(os_sem_give_from_isr(s));
    assert_int_equal(os_sem_count(s), 0);
}

static void mutex_api_refused(struct os_mutex *m)
{
    assert_int_equal(os_mutex_lock(m, OS_NO_WAIT), OS_ERR_PARAM);
    assert_int_equal(os_mutex_unlock(m), OS_ERR_PARAM);
    assert_null(os_mutex_owner(m));
}

static void queue_api_refused(struct os_queue *q)
{
    uint32_t item = 7;
    bool sw = true;
    assert_int_equal(os_queue_send(q, &item, OS_NO_WAIT), OS_ERR_PARAM);
    assert_int_equal(os_queue_receive(q, &item, OS_NO_WAIT), OS_ERR_PARAM);
    assert_int_equal(os_queue_peek(q, &item, OS_NO_WAIT), OS_ERR_PARAM);
    assert_false(os_queue_send_from_isr(q, &item, &sw));
    assert_false(os_queue_receive_from_isr(q, &item, NULL));
    assert_int_equal(os_queue_count(q), 0);
    assert_int_equal(item, 7); /* nothing received */
    assert_true(sw);           /* untouched */
}

static void task_api_refused(struct os_task *t)
{
    assert_int_equal(os_task_delete(t), OS_ERR_PARAM);
    assert_int_equal(os_task_suspend(t), OS_ERR_PARAM);
    assert_int_equal(os_task_resume(t), OS_ERR_PARAM);
    assert_false(os_task_resume_from_isr(t));
    assert_int_equal(os_task_set_priority(t, 2), OS_ERR_PARAM);
    assert_int_equal(os_task_get_priority(t), OS_PRIORITY_INVALID);
    assert_int_equal(os_task_set_realtime(t, true), OS_ERR_PARAM);
    assert_int_equal(os_task_set_probe_pin(t, 3), OS_ERR_PARAM);
    assert_int_equal(os_task_stack_high_water(t), 0);
}

static void test_wrong_type_refused(void **state)
{
    (void)state;
    struct os_sem sem_copy = sem;
    struct os_queue queue_copy = queue;
    struct os_mutex mtx_copy = mtx;
    /* A semaphore handed over as a queue, a mutex or a task, and so on. */
    queue_api_refused((struct os_queue *)(void *)&sem);
    mutex_api_refused((struct os_mutex *)(void *)&sem);
    sem_api_refused((struct os_sem *)(void *)&queue);
    task_api_refused((struct os_task *)(void *)&queue);
    sem_api_refused((struct os_sem *)(void *)&mtx);
    assert_memory_equal(&sem, &sem_copy, sizeof sem);
    assert_memory_equal(&queue, &queue_copy, sizeof queue);
    assert_memory_equal(&mtx, &mtx_copy, sizeof mtx);
    /* The real objects still work. */
    assert_int_equal(os_sem_count(&sem), 1);
    assert_int_equal(os_sem_take(&sem, OS_NO_WAIT), OS_OK);
    uint32_t item = 42, out = 0;
    assert_int_equal(os_queue_send(&queue, &item, OS_NO_WAIT), OS_OK);
    assert_int_equal(os_queue_receive(&queue, &out, OS_NO_WAIT), OS_OK);
    assert_int_equal(out, 42);
}

static void test_uninitialised_refused(void **state)
{
    (void)state;
    sem_api_refused((struct os_sem *)(void *)scratch);
    mutex_api_refused((struct os_mutex *)(void *)scratch);
    queue_api_refused((struct os_queue *)(void *)scratch);
    task_api_refused((struct os_task *)(void *)scratch);
    scratch_unchanged();
    /* Zeroed memory (a never-initialised static object) is no object either. */
    memset(scratch, 0, sizeof scratch);
    memcpy(scratch_copy, scratch, sizeof scratch);
    sem_api_refused((struct os_sem *)(void *)scratch);
    queue_api_refused((struct os_queue *)(void *)scratch);
    task_api_refused((struct os_task *)(void *)scratch);
    scratch_unchanged();
}

static void test_misaligned_refused(void **state)
{
    (void)state;
    for (size_t off = 1; off < sizeof(void *); off++) {
        void *p = scratch + off;
        sem_api_refused(p);
        mutex_api_refused(p);
        queue_api_refused(p);
        task_api_refused(p);
        assert_int_equal(os_sem_init(p, 0, 1), OS_ERR_PARAM);
        assert_int_equal(os_mutex_init(p), OS_ERR_PARAM);
        assert_int_equal(os_queue_init(p, storage, 4, 4), OS_ERR_PARAM);
        assert_int_equal(os_task_create(p, "x", idle_task_fn, NULL, 1, tstack[0], TEST_STACK_WORDS),
                         OS_ERR_PARAM);
    }
    scratch_unchanged();
}

static void test_middle_of_object_refused(void **state)
{
    (void)state;
    mk(0, "A", idle_task_fn, NULL, 1); /* ready, not yet run */
    struct os_task copy = tt[0];
    /* The inside of a live TCB: its list nodes and its wait fields. */
    sem_api_refused((struct os_sem *)(void *)&tt[0].state_node);
    queue_api_refused((struct os_queue *)(void *)&tt[0].event_node);
    task_api_refused((struct os_task *)(void *)&tt[0].state_node);
    mutex_api_refused((struct os_mutex *)(void *)&tt[0].wait_obj);
    assert_memory_equal(&tt[0], &copy, sizeof copy);
    /* The task still runs normally. */
    assert_int_equal(os_task_get_priority(&tt[0]), 1);
}

static void dead_entry(void *arg)
{
    (void)arg;
    ev("ran");
}

static void test_deleted_task_refused(void **state)
{
    (void)state;
    mk(0, "D", dead_entry, NULL, 2);
    assert_int_equal(os_task_delete(&tt[0]), OS_OK);
    struct os_task copy = tt[0];
    task_api_refused(&tt[0]);
    assert_memory_equal(&tt[0], &copy, sizeof copy);
    os_start();
    assert_string_equal(evlog(), ""); /* it never ran */
    /* Its TCB may be reused; a live TCB may not be created again. */
    mk(0, "D2", dead_entry, NULL, 2);
    host_run_until_idle();
    assert_string_equal(evlog(), "ran");
    assert_int_equal(os_task_create(&tt[2], "B", dead_entry, NULL, 1, tstack[2], TEST_STACK_WORDS),
                     OS_OK);
    assert_int_equal(os_task_create(&tt[2], "B", dead_entry, NULL, 1, tstack[2], TEST_STACK_WORDS),
                     OS_ERR_STATE);
}

static void test_previous_generation_refused(void **state)
{
    (void)state;
    /* os_init() forgets every object made before: their tags no longer match. */
    os_init();
    struct os_sem sem_copy = sem;
    struct os_queue queue_copy = queue;
    sem_api_refused(&sem);
    queue_api_refused(&queue);
    mutex_api_refused(&mtx);
    assert_memory_equal(&sem, &sem_copy, sizeof sem);
    assert_memory_equal(&queue, &queue_copy, sizeof queue);
    /* Initialised again, they work. */
    assert_int_equal(os_sem_init(&sem, 1, 1), OS_OK);
    assert_int_equal(os_sem_take(&sem, OS_NO_WAIT), OS_OK);
}

static struct os_sem busy_sem;
static struct os_queue busy_queue;

static void sem_waiter(void *arg)
{
    (void)arg;
    ev("take:%d", os_sem_take(&busy_sem, OS_WAIT_FOREVER));
}

static void queue_waiter(void *arg)
{
    (void)arg;
    uint32_t item = 0;
    ev("recv:%d", os_queue_receive(&busy_queue, &item, OS_WAIT_FOREVER));
}

static void mutex_owner_fn(void *arg)
{
    (void)arg;
    ev("lock:%d", os_mutex_lock(&mtx, OS_NO_WAIT));
    os_task_suspend(NULL);
    ev("unlock:%d", os_mutex_unlock(&mtx));
}

static void test_reinit_busy_refused(void **state)
{
    (void)state;
    assert_int_equal(os_sem_init(&busy_sem, 0, 1), OS_OK);
    assert_int_equal(os_queue_init(&busy_queue, storage, sizeof storage[0], 4), OS_OK);
    mk(0, "S", sem_waiter, NULL, 2);
    mk(1, "Q", queue_waiter, NULL, 2);
    mk(2, "M", mutex_owner_fn, NULL, 2);
    os_start();
    assert_string_equal(evlog(), "lock:0");
    /* In use: re-initialising would orphan waiters or an owner's chain. */
    assert_int_equal(os_sem_init(&busy_sem, 1, 1), OS_ERR_STATE);
    assert_int_equal(os_queue_init(&busy_queue, storage, sizeof storage[0], 2), OS_ERR_STATE);
    assert_int_equal(os_mutex_init(&mtx), OS_ERR_STATE);
    assert_int_equal(os_task_create(&tt[0], "S", sem_waiter, NULL, 2, tstack[0], TEST_STACK_WORDS),
                     OS_ERR_STATE);
    /* The waiters and the owner are intact. */
    assert_int_equal(os_sem_give(&busy_sem), OS_OK);
    uint32_t item = 1;
    assert_int_equal(os_queue_send(&busy_queue, &item, OS_NO_WAIT), OS_OK);
    assert_int_equal(os_task_resume(&tt[2]), OS_OK);
    host_run_until_idle();
    assert_string_equal(evlog(), "lock:0 take:0 recv:0 unlock:0");
    /* Idle again: re-initialising is allowed. */
    assert_int_equal(os_sem_init(&busy_sem, 1, 1), OS_OK);
    assert_int_equal(os_mutex_init(&mtx), OS_OK);
}

static void test_queue_storage_size_overflow_refused(void **state)
{
    (void)state;
    struct os_queue copy = queue;
    assert_int_equal(os_queue_init(&queue, storage, SIZE_MAX / 2u + 2u, 2), OS_ERR_PARAM);
    assert_int_equal(os_queue_init(&queue, (void *)(UINTPTR_MAX - 8u), 4, 4), OS_ERR_PARAM);
    assert_memory_equal(&queue, &copy, sizeof copy);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_wrong_type_refused, setup),
        cmocka_unit_test_setup(test_uninitialised_refused, setup),
        cmocka_unit_test_setup(test_misaligned_refused, setup),
        cmocka_unit_test_setup(test_middle_of_object_refused, setup),
        cmocka_unit_test_setup(test_deleted_task_refused, setup),
        cmocka_unit_test_setup(test_previous_generation_refused, setup),
        cmocka_unit_test_setup(test_reinit_busy_refused, setup),
        cmocka_unit_test_setup(test_queue_storage_size_overflow_refused, setup),
    };
    return cmocka_run_group_tests_name("rtos_objcheck", tests, NULL, NULL);
}
