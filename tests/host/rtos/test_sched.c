/*
 * test_sched.c - scheduler tests: ready order, preemption, round robin,
 * yield, suspend/resume, delete, priority changes, scheduler suspension,
 * stack overflow detection and asserts.
 */
#include <string.h>

#include "test_util.h"

/* Stack overflow hook (overrides the core's weak default). */
static struct os_task *overflowed;
static unsigned overflow_calls;

void os_hook_stack_overflow(struct os_task *t)
{
    overflowed = t;
    overflow_calls++;
}

static int setup(void **state)
{
    overflowed = NULL;
    overflow_calls = 0;
    return setup_core(state);
}

/* Log the task's name and stop for good. */
static void log_and_stop(void *arg)
{
    (void)arg;
    ev("%s", os_task_self()->name);
    os_task_suspend(NULL);
}

static void test_start_runs_by_priority(void **state)
{
    (void)state;
    mk(0, "L", log_and_stop, NULL, 1);
    mk(1, "H", log_and_stop, NULL, 3);
    mk(2, "M", log_and_stop, NULL, 2);
    mk(3, "M2", log_and_stop, NULL, 2);
    os_start();
    assert_string_equal(evlog(), "H M M2 L");
    assert_ptr_equal(os_task_self(), os_idle_task());
    assert_int_equal(host_idle_count(), 1);
    assert_int_equal(tt[1].state, OS_TASK_SUSPENDED);
    assert_false(host_panicked());
}

static void test_bad_create_params(void **state)
{
    (void)state;
    struct os_task t;
    assert_int_equal(os_task_create(&t, "x", log_and_stop, NULL, 0, tstack[0], TEST_STACK_WORDS), OS_ERR_PARAM);
    assert_int_equal(os_task_create(&t, "x", log_and_stop, NULL, OS_CONFIG_MAX_PRIORITIES, tstack[0],
                                    TEST_STACK_WORDS), OS_ERR_PARAM);
    assert_int_equal(os_task_create(&t, "x", log_and_stop, NULL, 1, tstack[0], PORT_STACK_MIN_WORDS - 1),
                     OS_ERR_PARAM);
    assert_int_equal(os_task_create(&t, "x", NULL, NULL, 1, tstack[0], TEST_STACK_WORDS), OS_ERR_PARAM);
}

/* L creates a higher task (runs at once) and an equal one (waits its turn). */
static void creator(void *arg)
{
    (void)arg;
    ev("L1");
    mk(1, "H", log_and_stop, NULL, 3);
    ev("L2");
    mk(2, "L'", log_and_stop, NULL, 1);
    ev("L3");
}

static void test_create_preempts_only_if_higher(void **state)
{
    (void)state;
    mk(0, "L", creator, NULL, 1);
    os_start();
    assert_string_equal(evlog(), "L1 H L2 L3 L'");
    /* L returned from its entry: it was deleted by os_task_exit. */
    assert_int_equal(tt[0].state, OS_TASK_DELETED);
}

/* ---- preemption from an interrupt ---- */

static struct os_sem sem;

static void give_isr(void *arg)
{
    os_sem_give_from_isr(arg);
}

static void waiter(void *arg)
{
    (void)arg;
    assert_int_equal(os_sem_take(&sem, OS_WAIT_FOREVER), OS_OK);
    ev("%s-woke", os_task_self()->name);
    os_task_suspend(NULL);
}

static void interrupted(void *arg)
{
    (void)arg;
    ev("A-before");
    host_isr(give_isr, &sem); /* an interrupt arrives while A runs */
    ev("A-after");
    os_task_suspend(NULL);
}

static void test_isr_wake_of_higher_preempts(void **state)
{
    (void)state;
    os_sem_init(&sem, 0, 1);
    mk(0, "H", waiter, NULL, 3);
    mk(1, "A", interrupted, NULL, 2);
    os_start();
    assert_string_equal(evlog(), "A-before H-woke A-after");
}

static void test_isr_wake_of_equal_does_not_preempt(void **state)
{
    (void)state;
    os_sem_init(&sem, 0, 1);
    mk(0, "B", waiter, NULL, 2);
    mk(1, "A", interrupted, NULL, 2);
    os_start();
    assert_string_equal(evlog(), "A-before A-after B-woke");
}

static bool isr_result;

static void give_isr_record(void *arg)
{
    isr_result = os_sem_give_from_isr(arg);
}

static void test_isr_from_idle_switch_needed(void **state)
{
    (void)state;
    os_sem_init(&sem, 0, 1);
    mk(0, "H", waiter, NULL, 3);
    os_start();
    assert_string_equal(evlog(), "");
    isr_result = false;
    host_isr(give_isr_record, &sem); /* H preempts the idle task */
    assert_true(isr_result);
    assert_string_equal(evlog(), "");
    host_run_until_idle();
    assert_string_equal(evlog(), "H-woke");
    host_isr(give_isr_record, &sem); /* nobody waits: no switch, count 1 */
    assert_false(isr_result);
    assert_int_equal(os_sem_count(&sem), 1);
}

/* ---- round robin and yield ---- */

static void spinner_tick(void *arg)
{
    (void)arg;
    for (int i = 0; i < 3; i++) {
        ev("%s%d", os_task_self()->name, i);
        host_tick_isr(1); /* a tick interrupt while this task runs */
    }
}

static void test_round_robin_on_tick(void **state)
{
    (void)state;
    mk(0, "A", spinner_tick, NULL, 2);
    mk(1, "B", spinner_tick, NULL, 2);
    mk(2, "C", spinner_tick, NULL, 2);
    os_start();
    assert_string_equal(evlog(), "A0 B0 C0 A1 B1 C1 A2 B2 C2");
}

static void spinner_no_tick(void *arg)
{
    (void)arg;
    for (int i = 0; i < 3; i++)
        ev("%s%d", os_task_self()->name, i);
}

static void test_no_switch_between_equals_without_tick(void **state)
{
    (void)state;
    mk(0, "A", spinner_no_tick, NULL, 2);
    mk(1, "B", spinner_no_tick, NULL, 2);
    os_start();
    assert_string_equal(evlog(), "A0 A1 A2 B0 B1 B2");
}

static void lower_spinner(void *arg)
{
    (void)arg;
    ev("L");
}

static void test_tick_does_not_rotate_to_lower(void **state)
{
    (void)state;
    mk(0, "A", spinner_tick, NULL, 3);
    mk(1, "L", lower_spinner, NULL, 2);
    os_start();
    assert_string_equal(evlog(), "A0 A1 A2 L");
}

/* A higher-priority task made ready by an interrupt while the scheduler is
 * suspended: the running task is still its list's head, alone at its
 * priority, but a tick must report the switch (the bitmap's test of the
 * tick's usual path), which then comes when the scheduler resumes. */
static void resume_high_isr(void *arg)
{
    (void)arg;
    (void)os_task_resume_from_isr(&tt[1]);
}

static void suspend_then_tick(void *arg)
{
    (void)arg;
    os_scheduler_suspend();
    host_isr(resume_high_isr, NULL);
    ev("tick=%d", (int)host_tick_isr(1));
    ev("A");
    os_scheduler_resume();
    ev("A2");
}

static void high_once(void *arg)
{
    (void)arg;
    ev("H");
}

static void test_tick_reports_higher_ready_while_suspended(void **state)
{
    (void)state;
    mk(0, "A", suspend_then_tick, NULL, 2);
    mk(1, "H", high_once, NULL, 4);
    assert_int_equal(os_task_suspend(&tt[1]), OS_OK);
    os_start();
    assert_string_equal(evlog(), "tick=1 A H A2");
}

static void yielder(void *arg)
{
    (void)arg;
    for (int i = 0; i < 2; i++) {
        ev("%s%d", os_task_self()->name, i);
        os_task_yield();
    }
}

static void test_yield_rotates_equals(void **state)
{
    (void)state;
    mk(0, "A", yielder, NULL, 2);
    mk(1, "B", yielder, NULL, 2);
    os_start();
    assert_string_equal(evlog(), "A0 B0 A1 B1");
}

/* ---- suspend / resume / delete / priority ---- */

static void self_suspender(void *arg)
{
    (void)arg;
    ev("H1");
    os_task_suspend(NULL);
    ev("H2");
    os_task_suspend(NULL);
}

static void resumer(void *arg)
{
    (void)arg;
    ev("L1");
    assert_int_equal(os_task_resume(&tt[0]), OS_OK);
    ev("L2");
    assert_int_equal(os_task_resume(&tt[0]), OS_OK);
    ev("L3");
    /* H returned from its entry after the second resume: deleted, so no
     * longer a live task. */
    assert_int_equal(os_task_resume(&tt[0]), OS_ERR_PARAM);
}

static void test_suspend_resume(void **state)
{
    (void)state;
    mk(0, "H", self_suspender, NULL, 3);
    mk(1, "L", resumer, NULL, 1);
    os_start();
    assert_string_equal(evlog(), "H1 L1 H2 L2 L3");
}

static void resume_isr(void *arg)
{
    *(bool *)arg = os_task_resume_from_isr(&tt[0]);
}

static void test_resume_from_isr(void **state)
{
    (void)state;
    mk(0, "H", self_suspender, NULL, 3);
    os_start();
    assert_string_equal(evlog(), "H1");
    bool sw = false;
    host_isr(resume_isr, &sw);
    assert_true(sw);
    assert_string_equal(evlog(), "H1"); /* runs only when the system resumes */
    host_run_until_idle();
    assert_string_equal(evlog(), "H1 H2");
    sw = true;
    host_isr(resume_isr, &sw); /* H is suspended again: resumes, switch */
    assert_true(sw);
    host_run_until_idle();
    /* H returned from its entry: deleted; resuming it again does nothing. */
    assert_int_equal(tt[0].state, OS_TASK_DELETED);
    host_isr(resume_isr, &sw);
    assert_false(sw);
}

static void test_suspend_ready_task(void **state)
{
    (void)state;
    mk(0, "M", log_and_stop, NULL, 2);
    assert_int_equal(os_task_suspend(&tt[0]), OS_OK);
    os_start();
    assert_string_equal(evlog(), "");
    assert_int_equal(os_task_resume(&tt[0]), OS_OK);
    host_run_until_idle();
    assert_string_equal(evlog(), "M");
}

static void deleter(void *arg)
{
    (void)arg;
    ev("L");
    assert_int_equal(os_task_delete(&tt[1]), OS_OK);
    assert_int_equal(os_task_delete(&tt[1]), OS_ERR_PARAM); /* no longer a live task */
    ev("L-del");
    os_task_delete(NULL);
    ev("L-unreachable");
}

static void test_delete_ready_and_self(void **state)
{
    (void)state;
    mk(0, "L", deleter, NULL, 2);
    mk(1, "V", log_and_stop, NULL, 1);
    os_start();
    assert_string_equal(evlog(), "L L-del");
    assert_int_equal(tt[0].state, OS_TASK_DELETED);
    assert_int_equal(tt[1].state, OS_TASK_DELETED);
    assert_false(host_panicked());
    assert_int_equal(os_task_delete(os_idle_task()), OS_ERR_PARAM);
}

static void raiser(void *arg)
{
    (void)arg;
    ev("L1");
    os_task_set_priority(&tt[1], 3); /* M above us: runs at once */
    ev("L2");
    os_task_set_priority(NULL, 4); /* we are now highest */
    ev("L3:%u", os_task_get_priority(NULL));
    os_task_resume(&tt[1]); /* M (3) is ready but below us (4) */
    ev("L4");
    os_task_set_priority(NULL, 1); /* below M: M runs at once */
    ev("L5");
}

static void m_task(void *arg)
{
    (void)arg;
    ev("M");
    os_task_yield(); /* nobody of equal priority: keeps running */
    os_task_suspend(NULL);
    ev("M2");
}

static void test_set_priority(void **state)
{
    (void)state;
    mk(0, "L", raiser, NULL, 2);
    mk(1, "M", m_task, NULL, 1);
    os_start();
    assert_string_equal(evlog(), "L1 M L2 L3:4 L4 M2 L5");
    /* L has returned (deleted): its TCB keeps its last priority. */
    assert_int_equal(tt[0].priority, 1);
    assert_int_equal(os_task_get_priority(&tt[0]), OS_PRIORITY_INVALID);
    assert_int_equal(os_task_set_priority(&tt[0], 0), OS_ERR_PARAM);
    assert_int_equal(os_task_set_priority(&tt[0], OS_CONFIG_MAX_PRIORITIES), OS_ERR_PARAM);
}

/* ---- scheduler suspension ---- */

static void suspender(void *arg)
{
    (void)arg;
    os_scheduler_suspend();
    os_scheduler_suspend();
    host_isr(give_isr, &sem); /* wakes H, which must wait */
    ev("A-in");
    os_scheduler_resume();
    ev("A-in2");
    os_scheduler_resume(); /* the pending switch happens here */
    ev("A-out");
    os_task_suspend(NULL);
}

static void test_scheduler_suspend_defers_switch(void **state)
{
    (void)state;
    os_sem_init(&sem, 0, 1);
    mk(0, "H", waiter, NULL, 3);
    mk(1, "A", suspender, NULL, 2);
    os_start();
    assert_string_equal(evlog(), "A-in A-in2 H-woke A-out");
}

static void suspend_blocking(void *arg)
{
    (void)arg;
    os_scheduler_suspend();
    ev("%d", os_delay(1));
    ev("%d", os_sem_take(&sem, 5));
    os_scheduler_resume();
    os_task_suspend(NULL);
}

static void test_no_blocking_while_suspended(void **state)
{
    (void)state;
    os_sem_init(&sem, 0, 1);
    mk(0, "A", suspend_blocking, NULL, 2);
    os_start();
    assert_string_equal(evlog(), "-3 -3");
}

/* ---- stacks ---- */

static void scribbler(void *arg)
{
    (void)arg;
    ev("S1");
    os_delay(1); /* a clean switch: no overflow reported */
    ev("S2:%u", overflow_calls);
    tstack[0][1] = 0; /* what a real overflow does to the guard area */
    os_delay(1);      /* the switch away detects it */
    ev("S3");
}

static void test_stack_overflow_hook(void **state)
{
    (void)state;
    mk(0, "S", scribbler, NULL, 2);
    os_start();
    assert_string_equal(evlog(), "S1");
    assert_int_equal(overflow_calls, 0);
    host_tick(1);
    assert_string_equal(evlog(), "S1 S2:0");
    assert_int_equal(overflow_calls, 1);
    assert_ptr_equal(overflowed, &tt[0]);
    host_tick(1);
    assert_string_equal(evlog(), "S1 S2:0 S3");
}

static volatile char sink;

static void deep_user(void *arg)
{
    (void)arg;
    volatile char big[16384];
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (char)i;
    sink = big[100];
    os_task_suspend(NULL);
}

static void test_stack_high_water(void **state)
{
    (void)state;
    mk(0, "D", deep_user, NULL, 2);
    mk(1, "S", log_and_stop, NULL, 2);
    size_t fresh = os_task_stack_high_water(&tt[0]);
    /* A fresh stack is untouched except for the port's initial frame. */
    assert_true(fresh > TEST_STACK_WORDS - 512);
    os_start();
    size_t deep = os_task_stack_high_water(&tt[0]);
    size_t shallow = os_task_stack_high_water(&tt[1]);
    assert_true(deep + 16384 / sizeof(port_stack_t) <= fresh);
    assert_true(shallow > deep);
    assert_true(shallow < fresh);
    assert_int_equal(overflow_calls, 0);
}

/* ---- asserts and idle ---- */

static void unbalanced_resume(void *arg)
{
    (void)arg;
    os_scheduler_resume();
}

static void test_assert_panics(void **state)
{
    (void)state;
    assert_true(host_call_catching_panic(unbalanced_resume, NULL));
    /* "rtos/src/task.c:<line>: assert": the file and line of the assert */
    const char *msg = host_panic_message();
    const char *at = strstr(msg, "task.c:");
    assert_non_null(at);
    assert_true(at[7] >= '1' && at[7] <= '9');
    assert_non_null(strstr(at, ": assert"));
}

static void test_idle_when_nothing_ready(void **state)
{
    (void)state;
    os_start();
    assert_ptr_equal(os_task_self(), os_idle_task());
    assert_int_equal(host_idle_count(), 1);
    assert_int_equal(host_idle_next_wake(), OS_WAIT_FOREVER);
    host_tick(1);
    assert_int_equal(host_idle_count(), 2);
    assert_int_equal(os_tick_count(), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_start_runs_by_priority, setup),
        cmocka_unit_test_setup(test_bad_create_params, setup),
        cmocka_unit_test_setup(test_create_preempts_only_if_higher, setup),
        cmocka_unit_test_setup(test_isr_wake_of_higher_preempts, setup),
        cmocka_unit_test_setup(test_isr_wake_of_equal_does_not_preempt, setup),
        cmocka_unit_test_setup(test_isr_from_idle_switch_needed, setup),
        cmocka_unit_test_setup(test_round_robin_on_tick, setup),
        cmocka_unit_test_setup(test_no_switch_between_equals_without_tick, setup),
        cmocka_unit_test_setup(test_tick_does_not_rotate_to_lower, setup),
        cmocka_unit_test_setup(test_tick_reports_higher_ready_while_suspended, setup),
        cmocka_unit_test_setup(test_yield_rotates_equals, setup),
        cmocka_unit_test_setup(test_suspend_resume, setup),
        cmocka_unit_test_setup(test_resume_from_isr, setup),
        cmocka_unit_test_setup(test_suspend_ready_task, setup),
        cmocka_unit_test_setup(test_delete_ready_and_self, setup),
        cmocka_unit_test_setup(test_set_priority, setup),
        cmocka_unit_test_setup(test_scheduler_suspend_defers_switch, setup),
        cmocka_unit_test_setup(test_no_blocking_while_suspended, setup),
        cmocka_unit_test_setup(test_stack_overflow_hook, setup),
        cmocka_unit_test_setup(test_stack_high_water, setup),
        cmocka_unit_test_setup(test_assert_panics, setup),
        cmocka_unit_test_setup(test_idle_when_nothing_ready, setup),
    };
    return cmocka_run_group_tests_name("rtos_sched", tests, NULL, NULL);
}
