# Helper for run.sh: prints what tests.mk registers.
include tests/host/rtos/tests.mk
list: ; @echo $(HOST_TESTS)
srcs: ; @echo $($(T)_SRCS)
cflags: ; @echo $($(T)_CFLAGS)
