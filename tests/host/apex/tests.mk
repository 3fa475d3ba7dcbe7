# Host unit tests of the APEX (apex/src, the guest-kernel side, with its
# user-range stubs) over the unmodified tick core on the host port. The
# gate's words are 32 bits, as on the target: the program is built without
# PIE so that its static data, code and the process stacks (a static pool)
# lie below 4 GiB; the test passes only static variables by pointer.
APEX_HOST_SRCS := apex/src/gate.c apex/src/process.c apex/src/buffer.c apex/src/blackboard.c \
	apex/src/semaphore.c apex/src/event.c apex/src/user/stubs.c apex/src/user/entry.c \
	rtos/src/list.c rtos/src/task.c rtos/src/sem.c rtos/src/mutex.c rtos/src/queue.c \
	rtos/port/host/port_host.c
HOST_TESTS += apex_host
apex_host_SRCS := tests/host/apex/test_apex.c $(APEX_HOST_SRCS)
apex_host_CFLAGS := -D_XOPEN_SOURCE=700 -fno-pie -Itests/host/apex -Iapex/include -Iapex/src \
	-Irtos/include -Irtos/port/host
apex_host_LDLIBS := -no-pie
