/*
 * apex-cost: the cost of APEX calls over the tick-core calls they wrap, in
 * virtual time (icount: 4 ns per instruction), from a process (task mode:
 * every call enters the guest kernel through a gate). Each figure is the
 * mean of N calls; "COST <apex call> <ns> <tick-core call> <ns>".
 */
#include <stdint.h>

#include "../../../apex-common/apex_test.h"
#include "os.h"

#define N 2000
#define MS 1000000LL

static OS_KOBJ struct os_sem sem;
static SEMAPHORE_ID_TYPE asem;
static EVENT_ID_TYPE aev;
static BUFFER_ID_TYPE abuf;
static OS_KOBJ struct os_queue q;
static uint32_t qstore[4]; /* queue storage: user memory */

static long per_call(uint64_t t0, uint64_t t1)
{
    return (long)((t1 - t0) / N);
}

static void driver_main(void)
{
    RETURN_CODE_TYPE rc;
    uint64_t t0, t1;
    long a, b;
    SYSTEM_TIME_TYPE st;

    t0 = os_time_ns();
    for (int i = 0; i < N; i++)
        GET_TIME(&st, &rc);
    t1 = os_time_ns();
    a = per_call(t0, t1);
    t0 = os_time_ns();
    for (int i = 0; i < N; i++)
        (void)os_time_ns();
    t1 = os_time_ns();
    b = per_call(t0, t1);
    printf("COST GET_TIME %ld os_time_ns %ld\n", a, b);
    CHECK("GET_TIME costs more than os_time_ns", a > b, "%ld > %ld", a, b);

    t0 = os_time_ns();
    for (int i = 0; i < N; i++) {
        SIGNAL_SEMAPHORE(asem, &rc);
        WAIT_SEMAPHORE(asem, 0, &rc);
    }
    t1 = os_time_ns();
    a = per_call(t0, t1);
    t0 = os_time_ns();
    for (int i = 0; i < N; i++) {
        (void)os_sem_give(&sem);
        (void)os_sem_take(&sem, 0);
    }
    t1 = os_time_ns();
    b = per_call(t0, t1);
    printf("COST SIGNAL_SEMAPHORE+WAIT_SEMAPHORE %ld os_sem_give+os_sem_take %ld\n", a, b);
    CHECK("semaphore pair measured", a > 0 && b > 0, "%ld %ld", a, b);

    uint32_t m = 7, r;
    MESSAGE_SIZE_TYPE len;
    t0 = os_time_ns();
    for (int i = 0; i < N; i++) {
        SEND_BUFFER(abuf, (MESSAGE_ADDR_TYPE)&m, 4, 0, &rc);
        RECEIVE_BUFFER(abuf, 0, (MESSAGE_ADDR_TYPE)&r, &len, &rc);
    }
    t1 = os_time_ns();
    a = per_call(t0, t1);
    t0 = os_time_ns();
    for (int i = 0; i < N; i++) {
        (void)os_queue_send(&q, &m, 0);
        (void)os_queue_receive(&q, &r, 0);
    }
    t1 = os_time_ns();
    b = per_call(t0, t1);
    printf("COST SEND_BUFFER+RECEIVE_BUFFER(4 B) %ld os_queue_send+os_queue_receive %ld\n", a, b);
    CHECK("buffer pair measured", a > 0 && b > 0 && r == 7, "%ld %ld", a, b);

    t0 = os_time_ns();
    for (int i = 0; i < N; i++) {
        SET_EVENT(aev, &rc);
        RESET_EVENT(aev, &rc);
    }
    t1 = os_time_ns();
    printf("COST SET_EVENT+RESET_EVENT %ld -\n", per_call(t0, t1));

    PROCESS_ID_TYPE me;
    t0 = os_time_ns();
    for (int i = 0; i < N; i++)
        GET_MY_ID(&me, &rc);
    t1 = os_time_ns();
    a = per_call(t0, t1);
    t0 = os_time_ns();
    for (int i = 0; i < N; i++)
        (void)os_task_self();
    t1 = os_time_ns();
    printf("COST GET_MY_ID %ld os_task_self %ld\n", a, per_call(t0, t1));

    LOCK_LEVEL_TYPE lvl;
    t0 = os_time_ns();
    for (int i = 0; i < N; i++) {
        LOCK_PREEMPTION(&lvl, &rc);
        UNLOCK_PREEMPTION(&lvl, &rc);
    }
    t1 = os_time_ns();
    a = per_call(t0, t1);
    t0 = os_time_ns();
    for (int i = 0; i < N; i++) {
        os_scheduler_suspend();
        os_scheduler_resume();
    }
    t1 = os_time_ns();
    printf("COST LOCK_PREEMPTION+UNLOCK_PREEMPTION %ld os_scheduler_suspend+os_scheduler_resume %ld\n",
           a, per_call(t0, t1));
    apex_test_end("apex-cost");
}

int main(void)
{
    RETURN_CODE_TYPE rc;
    NAME_TYPE name;
    printf("apex-cost: initialisation\n");
    set_name(name, "s");
    CREATE_SEMAPHORE(name, 0, 1, FIFO, &asem, &rc);
    set_name(name, "e");
    CREATE_EVENT(name, &aev, &rc);
    set_name(name, "b");
    CREATE_BUFFER(name, 4, 4, FIFO, &abuf, &rc);
    (void)os_sem_init(&sem, 0, 1);
    (void)os_queue_init(&q, qstore, 4, 4);
    make_process("driver", driver_main, 10, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    PROCESS_ID_TYPE id;
    NAME_TYPE dn;
    set_name(dn, "driver");
    GET_PROCESS_ID(dn, &id, &rc);
    START(id, &rc);
    apex_partition_enter_normal();
}
