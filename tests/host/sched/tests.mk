# Host unit tests of the partition schedulers and the VIT bookkeeping.
SCHED_TEST_SRCS := partitions/sched/sched.c partitions/sched/bvt.c \
	partitions/sched/static.c partitions/sched/cyclic.c partitions/vit.c
SCHED_TEST_CFLAGS := -Ipartitions/include -Itests/host/sched

HOST_TESTS += sched_bvt
sched_bvt_SRCS := tests/host/sched/test_bvt.c $(SCHED_TEST_SRCS)
sched_bvt_CFLAGS := $(SCHED_TEST_CFLAGS)

HOST_TESTS += sched_policies
sched_policies_SRCS := tests/host/sched/test_policies.c $(SCHED_TEST_SRCS)
sched_policies_CFLAGS := $(SCHED_TEST_CFLAGS)

HOST_TESTS += sched_vit
sched_vit_SRCS := tests/host/sched/test_vit.c $(SCHED_TEST_SRCS)
sched_vit_CFLAGS := $(SCHED_TEST_CFLAGS)

HOST_TESTS += sched_schedules
sched_schedules_SRCS := tests/host/sched/test_schedules.c $(SCHED_TEST_SRCS)
sched_schedules_CFLAGS := $(SCHED_TEST_CFLAGS)
