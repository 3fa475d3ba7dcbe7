# Host unit tests of the FreeRTOS layer (rtos/freertos) over the real tick
# core on the host port: the heap (fr_heap.c).
HOST_TESTS += freertos_heap
freertos_heap_SRCS := tests/host/freertos/test_heap.c rtos/freertos/src/fr_heap.c \
	rtos/src/list.c rtos/src/task.c rtos/src/sem.c rtos/src/mutex.c rtos/src/queue.c \
	rtos/src/notify.c rtos/src/event.c rtos/src/qset.c rtos/src/stream.c rtos/src/timer.c \
	rtos/port/host/port_host.c
freertos_heap_CFLAGS := -D_XOPEN_SOURCE=700 -Itests/host/freertos -Irtos/freertos/include \
	-Irtos/include -Irtos/port/host
