/*
 * test_objcheck.c - validation of the kernel-object pointers given to the
 * API: a pointer to an object of another type, an uninitialised object, a
 * deleted task, an object of a previous os_init() generation, a misaligned
 * pointer and a pointer into the middle of an object are all refused with
 * the documented result, and the memory they point to is left unchanged.
 *
 * Built twice (tests.mk): on the plain host port, where the tag decides, and
 * with HOST_KOBJ_MAP, where the port has an object region and a type map as
 * the para-virtual port does. The second build also runs the forgeries: an
 * object image carrying the right key and tag, planted inside the object
 * region where a task steers the bytes (queue storage, fields inside real
 * objects, a deleted task's TCB, the slot after the last object of an
 * array). Only the map can refuse those; the plain build skips them.
 */
#include <limits.h>
#include <string.h>

#include "os_internal.h"
#include "test_util.h"

/* OS_KOBJ: in the object region when the port has one (HOST_KOBJ_MAP). */
static OS_KOBJ struct os_sem sem;
static OS_KOBJ struct os_mutex mtx;
static OS_KOBJ struct os_queue queue;
static uint32_t storage[4];

/* Scratch memory for the bad pointers, with room for any object at any
 * offset; filled with a pattern so that a write through it shows. In the
 * object region when there is one, so that only the map refuses it. */
static OS_KOBJ _Alignas(16) unsigned char scratch[2 * sizeof(struct os_task)];
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

static OS_KOBJ struct os_sem busy_sem;
static OS_KOBJ struct os_queue busy_queue;

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

/* ------------------------------------------------------------------ */
/* Forgeries with the right key (type-map builds only)                 */
/* ------------------------------------------------------------------ */

/* A queue whose storage lies in the object region: every item sent lands
 * there, byte for byte as the sender chose (as OS_KOBJ queue storage that
 * main() gives a queue on the para-virtual port). Two items of a queue's
 * size, so that a whole object image fits in each. */
static OS_KOBJ struct os_queue drop;
static OS_KOBJ _Alignas(16) unsigned char drop_storage[2][sizeof(struct os_queue)];
/* Real objects whose fields a caller steers (init arguments). */
static OS_KOBJ struct os_sem steer_sem;
static OS_KOBJ struct os_queue steer_queue;
/* An array of semaphores and the region memory right after its last one. */
static OS_KOBJ struct {
    struct os_sem s[2];                  /* real semaphores */
    unsigned char after[sizeof(struct os_queue)]; /* free region memory */
} row;
/* One past the object region, and its grain (the forgery tests that use
 * them are skipped without a map). */
#if PORT_KOBJ_MAP
#define REGION_END ((char *)__stop_host_kobj)
#define GRAIN PORT_KOBJ_GRAIN
#else
#define REGION_END ((char *)NULL)
#define GRAIN 8u
#endif
/* What a forged queue's storage points at: a write through it shows. */
static uint32_t target[4];

static void skip_without_map(void)
{
    if (!PORT_KOBJ_MAP)
        skip(); /* the tag decides: a forgery with the key is accepted */
}

/* Images of live objects as a task that knows the key would build them:
 * the right tag, empty wait lists (nothing to follow), and a forged queue's
 * storage aimed at `target`. */
static struct os_queue queue_image(void)
{
    struct os_queue q = queue; /* a live queue: empty lists, count 0 */
    assert_int_equal(q.tag, OS_TAG_QUEUE ^ os_obj_key);
    q.storage = (uint8_t *)target;
    q.item_size = sizeof target[0];
    q.capacity = 4;
    return q;
}

static struct os_sem sem_image(void)
{
    struct os_sem s = sem; /* a live semaphore: count 1, no waiters */
    assert_int_equal(s.tag, OS_TAG_SEM ^ os_obj_key);
    return s;
}

/* Every call on a planted queue refused, the planted bytes and the target
 * unchanged. */
static void planted_queue_refused(struct os_queue *q)
{
    unsigned char before[sizeof *q];
    memcpy(before, q, sizeof before);
    memset(target, 0x3C, sizeof target);
    queue_api_refused(q);
    assert_memory_equal(q, before, sizeof before);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(target[i], 0x3C3C3C3Cu);
}

static void planted_sem_refused(struct os_sem *s)
{
    unsigned char before[sizeof *s];
    memcpy(before, s, sizeof before);
    sem_api_refused(s);
    assert_memory_equal(s, before, sizeof before);
}

/* The real objects still work. */
static void real_objects_accepted(void)
{
    uint32_t in = 0xABCD, out = 0;
    assert_int_equal(os_sem_count(&sem), 1);
    assert_int_equal(os_sem_take(&sem, OS_NO_WAIT), OS_OK);
    assert_int_equal(os_sem_give(&sem), OS_OK);
    assert_int_equal(os_queue_send(&queue, &in, OS_NO_WAIT), OS_OK);
    assert_int_equal(os_queue_receive(&queue, &out, OS_NO_WAIT), OS_OK);
    assert_int_equal(out, in);
    assert_int_equal(os_mutex_lock(&mtx, OS_NO_WAIT), OS_ERR_STATE); /* not started */
    assert_null(os_mutex_owner(&mtx));
}

static void test_forged_in_queue_storage(void **state)
{
    (void)state;
    skip_without_map();
    assert_int_equal(os_queue_init(&drop, drop_storage, sizeof drop_storage[0], 2), OS_OK);
    /* Plant a queue and a semaphore through the API, as a task would. */
    struct os_queue qi = queue_image();
    union {
        struct os_sem s;
        unsigned char bytes[sizeof(struct os_queue)];
    } si;
    memset(&si, 0, sizeof si);
    si.s = sem_image();
    assert_int_equal(os_queue_send(&drop, &qi, OS_NO_WAIT), OS_OK);
    assert_int_equal(os_queue_send(&drop, &si, OS_NO_WAIT), OS_OK);
    struct os_queue *fq = (struct os_queue *)(void *)drop_storage[0];
    struct os_sem *fs = (struct os_sem *)(void *)drop_storage[1];
    /* The planted bytes are perfect images, right tags included. */
    assert_memory_equal(fq, &qi, sizeof qi);
    assert_int_equal(fq->tag, OS_TAG_QUEUE ^ os_obj_key);
    assert_int_equal(fs->tag, OS_TAG_SEM ^ os_obj_key);
    planted_queue_refused(fq);
    planted_sem_refused(fs);
    mutex_api_refused((struct os_mutex *)(void *)drop_storage[1]);
    /* The queue holding them and the real objects work. */
    assert_int_equal(os_queue_count(&drop), 2);
    struct os_queue back;
    assert_int_equal(os_queue_receive(&drop, &back, OS_NO_WAIT), OS_OK);
    assert_memory_equal(&back, &qi, sizeof qi);
    real_objects_accepted();
}

static void test_forged_inside_real_objects(void **state)
{
    (void)state;
    skip_without_map();
    /* A semaphore's max and a queue's storage pointer (both init arguments)
     * steered to the live tag of their own type: the field reads as a tag
     * from a pointer to it. */
    assert_int_equal(os_sem_init(&steer_sem, 0, OS_TAG_SEM ^ os_obj_key), OS_OK);
    assert_int_equal(
        os_queue_init(&steer_queue, (void *)(uintptr_t)(OS_TAG_QUEUE ^ os_obj_key), 1, 1), OS_OK);
    struct os_sem *fs = (struct os_sem *)(void *)&steer_sem.max;
    struct os_queue *fq = (struct os_queue *)(void *)&steer_queue.storage;
    assert_int_equal(fs->tag, OS_TAG_SEM ^ os_obj_key);
    assert_int_equal(fq->tag, OS_TAG_QUEUE ^ os_obj_key);
    struct os_sem sem_before = steer_sem;
    struct os_queue queue_before = steer_queue;
    sem_api_refused(fs);
    queue_api_refused(fq);
    assert_memory_equal(&steer_sem, &sem_before, sizeof sem_before);
    assert_memory_equal(&steer_queue, &queue_before, sizeof queue_before);
    /* Inside a live TCB: wait_data holds the item pointer a blocked sender
     * chose; here it holds the live semaphore tag. */
    mk(1, "T", idle_task_fn, NULL, 1);
    tt[1].wait_data = (void *)(uintptr_t)(OS_TAG_SEM ^ os_obj_key);
    struct os_sem *ft = (struct os_sem *)(void *)&tt[1].wait_data;
    assert_int_equal(ft->tag, OS_TAG_SEM ^ os_obj_key);
    struct os_task tcb_before = tt[1];
    sem_api_refused(ft);
    assert_int_equal(os_sem_init(ft, 0, 1), OS_ERR_PARAM); /* not over a live TCB */
    assert_memory_equal(&tt[1], &tcb_before, sizeof tcb_before);
    /* The steered objects themselves are real and accepted. */
    assert_int_equal(os_sem_give(&steer_sem), OS_OK);
    assert_int_equal(os_sem_count(&steer_sem), 1);
    assert_int_equal(os_queue_count(&steer_queue), 0);
    assert_int_equal(os_task_get_priority(&tt[1]), 1);
    real_objects_accepted();
}

static void test_forged_at_deleted_task(void **state)
{
    (void)state;
    skip_without_map();
    mk(0, "D", idle_task_fn, NULL, 2);
    assert_int_equal(os_task_delete(&tt[0]), OS_OK);
    /* The deleted TCB with a live task's tag put back. */
    tt[0].tag = OS_TAG_TASK ^ os_obj_key;
    tt[0].state = OS_TASK_READY;
    struct os_task copy = tt[0];
    task_api_refused(&tt[0]);
    assert_memory_equal(&tt[0], &copy, sizeof copy);
    /* A live semaphore's image over it: neither a semaphore nor new memory
     * (the TCB still covers it). */
    struct os_sem si = sem_image();
    memcpy(&tt[0], &si, sizeof si);
    planted_sem_refused((struct os_sem *)(void *)&tt[0]);
    assert_int_equal(os_mutex_init((struct os_mutex *)(void *)&tt[0]), OS_ERR_PARAM);
    /* It is still a deleted TCB: a task may be created in it again. */
    mk(0, "D2", idle_task_fn, NULL, 2);
    assert_int_equal(os_task_get_priority(&tt[0]), 2);
    real_objects_accepted();
}

static void test_forged_past_last_object(void **state)
{
    (void)state;
    skip_without_map();
    _Static_assert(offsetof(__typeof__(row), after) == sizeof row.s,
                   "row.after is the slot one past the last semaphore");
    assert_int_equal(os_sem_init(&row.s[0], 0, 4), OS_OK);
    assert_int_equal(os_sem_init(&row.s[1], 2, 4), OS_OK);
    /* One slot past the last semaphore, a live semaphore's image. */
    struct os_sem si = sem_image();
    memcpy(row.after, &si, sizeof si);
    struct os_sem *past = (struct os_sem *)(void *)row.after;
    planted_sem_refused(past);
    /* One grain into the last one: the inside of an object. */
    sem_api_refused((struct os_sem *)(void *)((char *)&row.s[1] + GRAIN));
    assert_int_equal(os_sem_init((struct os_sem *)(void *)((char *)&row.s[1] + GRAIN),
                                 0, 1),
                     OS_ERR_PARAM);
    /* Exactly the last one, and the first: accepted. */
    assert_int_equal(os_sem_count(&row.s[1]), 2);
    assert_int_equal(os_sem_take(&row.s[1], OS_NO_WAIT), OS_OK);
    assert_int_equal(os_sem_give(&row.s[0]), OS_OK);
    assert_int_equal(os_sem_count(&row.s[0]), 1);
    /* The end of the region and beyond: no object. */
    sem_api_refused((struct os_sem *)(void *)(REGION_END - sizeof(struct os_sem) + GRAIN));
    sem_api_refused((struct os_sem *)(void *)REGION_END);
    /* Free region memory becomes an object only by init (guest-kernel
     * context on the host port), and is then accepted. */
    assert_int_equal(os_sem_init(past, 0, 1), OS_OK);
    assert_int_equal(os_sem_give(past), OS_OK);
    assert_int_equal(os_sem_count(past), 1);
    real_objects_accepted();
}

static void test_forged_previous_generation(void **state)
{
    (void)state;
    skip_without_map();
    /* After os_init() the old objects carry the new key's tags again (as a
     * forger would write them): still forgotten. */
    os_init();
    sem.tag = OS_TAG_SEM ^ os_obj_key;
    queue.tag = OS_TAG_QUEUE ^ os_obj_key;
    mtx.tag = OS_TAG_MUTEX ^ os_obj_key;
    sem_api_refused(&sem);
    queue_api_refused(&queue);
    mutex_api_refused(&mtx);
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
        cmocka_unit_test_setup(test_forged_in_queue_storage, setup),
        cmocka_unit_test_setup(test_forged_inside_real_objects, setup),
        cmocka_unit_test_setup(test_forged_at_deleted_task, setup),
        cmocka_unit_test_setup(test_forged_past_last_object, setup),
        cmocka_unit_test_setup(test_forged_previous_generation, setup),
    };
    return cmocka_run_group_tests_name("rtos_objcheck", tests, NULL, NULL);
}
