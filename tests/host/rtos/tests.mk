# Host unit tests of the tick core (rtos/src) on the host port (rtos/port/host).
# Every test links the unmodified core sources; ucontext needs _XOPEN_SOURCE.

RTOS_CORE_SRCS := rtos/src/list.c rtos/src/task.c rtos/src/sem.c rtos/src/mutex.c rtos/src/queue.c rtos/src/notify.c rtos/src/event.c rtos/src/qset.c rtos/src/stream.c rtos/src/timer.c \
                  rtos/port/host/port_host.c tests/host/rtos/test_util.c
RTOS_TEST_CFLAGS := -D_XOPEN_SOURCE=700 -Irtos/include -Irtos/port/host -Itests/host/rtos

HOST_TESTS += rtos_sched
rtos_sched_SRCS := tests/host/rtos/test_sched.c $(RTOS_CORE_SRCS)
rtos_sched_CFLAGS := $(RTOS_TEST_CFLAGS)

HOST_TESTS += rtos_time
rtos_time_SRCS := tests/host/rtos/test_time.c $(RTOS_CORE_SRCS)
rtos_time_CFLAGS := $(RTOS_TEST_CFLAGS)

# The scheduler's and the time tests again with the tick announced masked
# (HOST_TICK_MASKED: PORT_TICK_MASKED, as on the native ARM port), so that
# os_tick_announce() takes its fast path (the slow one above).
HOST_TESTS += rtos_sched_masked
rtos_sched_masked_SRCS := tests/host/rtos/test_sched.c $(RTOS_CORE_SRCS)
rtos_sched_masked_CFLAGS := $(RTOS_TEST_CFLAGS) -DHOST_TICK_MASKED

HOST_TESTS += rtos_time_masked
rtos_time_masked_SRCS := tests/host/rtos/test_time.c $(RTOS_CORE_SRCS)
rtos_time_masked_CFLAGS := $(RTOS_TEST_CFLAGS) -DHOST_TICK_MASKED

HOST_TESTS += rtos_sem
rtos_sem_SRCS := tests/host/rtos/test_sem.c $(RTOS_CORE_SRCS)
rtos_sem_CFLAGS := $(RTOS_TEST_CFLAGS)

HOST_TESTS += rtos_mutex
rtos_mutex_SRCS := tests/host/rtos/test_mutex.c $(RTOS_CORE_SRCS)
rtos_mutex_CFLAGS := $(RTOS_TEST_CFLAGS)

HOST_TESTS += rtos_queue
rtos_queue_SRCS := tests/host/rtos/test_queue.c $(RTOS_CORE_SRCS)
rtos_queue_CFLAGS := $(RTOS_TEST_CFLAGS)

HOST_TESTS += rtos_objcheck
rtos_objcheck_SRCS := tests/host/rtos/test_objcheck.c $(RTOS_CORE_SRCS)
rtos_objcheck_CFLAGS := $(RTOS_TEST_CFLAGS) -Irtos/src

# The same test against the port's type map (HOST_KOBJ_MAP: objects in the
# host_kobj section, as on the para-virtual port), with the forgeries that
# only the map can refuse.
HOST_TESTS += rtos_objcheck_map
rtos_objcheck_map_SRCS := tests/host/rtos/test_objcheck.c $(RTOS_CORE_SRCS)
rtos_objcheck_map_CFLAGS := $(RTOS_TEST_CFLAGS) -Irtos/src -DHOST_KOBJ_MAP

HOST_TESTS += rtos_notify
rtos_notify_SRCS := tests/host/rtos/test_notify.c $(RTOS_CORE_SRCS)
rtos_notify_CFLAGS := $(RTOS_TEST_CFLAGS)

HOST_TESTS += rtos_event
rtos_event_SRCS := tests/host/rtos/test_event.c $(RTOS_CORE_SRCS)
rtos_event_CFLAGS := $(RTOS_TEST_CFLAGS)

HOST_TESTS += rtos_queue_extra
rtos_queue_extra_SRCS := tests/host/rtos/test_queue_extra.c $(RTOS_CORE_SRCS)
rtos_queue_extra_CFLAGS := $(RTOS_TEST_CFLAGS)

# Queue sets are off by default (no set pointer in queues and semaphores):
# this test builds the core with them on.
HOST_TESTS += rtos_qset
rtos_qset_SRCS := tests/host/rtos/test_qset.c $(RTOS_CORE_SRCS)
rtos_qset_CFLAGS := $(RTOS_TEST_CFLAGS) -DOS_CONFIG_QUEUE_SETS=1

HOST_TESTS += rtos_stream
rtos_stream_SRCS := tests/host/rtos/test_stream.c $(RTOS_CORE_SRCS)
rtos_stream_CFLAGS := $(RTOS_TEST_CFLAGS)

HOST_TESTS += rtos_timer
rtos_timer_SRCS := tests/host/rtos/test_timer.c rtos/lib/os_timer_task.c $(RTOS_CORE_SRCS)
rtos_timer_CFLAGS := $(RTOS_TEST_CFLAGS)

# Run-time statistics are off by default (no clock read per switch): this
# test builds the core with them on.
HOST_TESTS += rtos_taskstat
rtos_taskstat_SRCS := tests/host/rtos/test_taskstat.c $(RTOS_CORE_SRCS)
rtos_taskstat_CFLAGS := $(RTOS_TEST_CFLAGS) -DOS_CONFIG_RUNTIME_STATS=1

# Validation of the newer object types, plain and with the type map.
HOST_TESTS += rtos_objcheck_new
rtos_objcheck_new_SRCS := tests/host/rtos/test_objcheck_new.c $(RTOS_CORE_SRCS)
rtos_objcheck_new_CFLAGS := $(RTOS_TEST_CFLAGS) -Irtos/src -DOS_CONFIG_QUEUE_SETS=1

HOST_TESTS += rtos_objcheck_new_map
rtos_objcheck_new_map_SRCS := tests/host/rtos/test_objcheck_new.c $(RTOS_CORE_SRCS)
rtos_objcheck_new_map_CFLAGS := $(RTOS_TEST_CFLAGS) -Irtos/src -DOS_CONFIG_QUEUE_SETS=1 -DHOST_KOBJ_MAP
