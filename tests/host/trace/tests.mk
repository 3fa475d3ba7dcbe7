# Host unit tests of the trace ring buffer (rtos/trace), built by
# mk/host-tests.mk with host gcc and cmocka.
HOST_TESTS += trace_ring
trace_ring_SRCS := tests/host/trace/test_trace.c rtos/trace/trace.c
trace_ring_CFLAGS := -Irtos/trace

# The same source with the build-time mask keeping only task events.
HOST_TESTS += trace_ring_masked
trace_ring_masked_SRCS := tests/host/trace/test_trace.c rtos/trace/trace.c
trace_ring_masked_CFLAGS := -Irtos/trace -DTRACE_BUILD_MASK=0x20

# Every category compiled out: only the meta records and direct writes remain.
HOST_TESTS += trace_ring_off
trace_ring_off_SRCS := tests/host/trace/test_trace.c rtos/trace/trace.c
trace_ring_off_CFLAGS := -Irtos/trace -DTRACE_BUILD_MASK=0
