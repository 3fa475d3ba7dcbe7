# victim1k - a 1 kHz real-time periodic task, the bystander of the
# service-call fuzzer test (tests/target/pk-fuzz): apps/periodic's task with
# a 1 ms period and a job of about 40 us (10k instructions), reporting
#   victim: periods=<n> misses=<m> max_late_us=<l> max_resp_us=<r>
# every 250 periods, which the test's host check reads.
APP_SRCS := apps/periodic/periodic.c
APP_DEFINES := -DPERIODIC_TICKS=1u -DPERIODIC_JOB_LOOPS=2400u \
	-DPERIODIC_REPORT_EVERY=250u -DPERIODIC_NAME='"victim"'
