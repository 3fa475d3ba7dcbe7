# Host unit tests of the partitioning kernel's own files (partitions/*.c)
# against a fake board and CPU (tests/host/pk/fake.h, fake/cpu.h), chosen
# by include path: the fake directory comes before the real ones, so the
# kernel's `#include "cpu.h"` finds the fake; bsp.h and mmu.h are the real
# headers, implemented by fake_board.c. The kernel's main() boots the tests
# (renamed pk_boot_main for main.c alone, below). Kernels of test systems
# are built with PK_CONFIG_TEST_EXIT, so is this one.
PK_HOST_KERNEL_SRCS := partitions/main.c partitions/part.c partitions/svc.c \
	partitions/trap.c partitions/vcpu.c partitions/hm.c partitions/time.c \
	partitions/console.c partitions/dev.c partitions/vit.c partitions/port.c \
	partitions/mode.c partitions/sched/sched.c \
	partitions/sched/bvt.c partitions/sched/static.c partitions/sched/cyclic.c \
	partitions/arch/arm/arch.c partitions/arch/arm/space_domains.c
PK_HOST_ENV_SRCS := tests/host/pk/fake_board.c tests/host/pk/pk_env.c \
	tests/host/pk/pk_test_system.c
PK_HOST_CFLAGS := -Itests/host/pk/fake -Itests/host/pk -Ipartitions \
	-Ipartitions/include -Ipartitions/arch/arm -Ibsp/include -Ibsp/arch/arm \
	-DPK_CONFIG_TEST_EXIT

PK_HOST_TESTS := pk_svc pk_trap pk_hm_time pk_port pk_modes
HOST_TESTS += $(PK_HOST_TESTS)
$(foreach t,$(PK_HOST_TESTS),$(eval $(t)_SRCS := tests/host/pk/test_$(patsubst pk_%,%,$(t)).c \
	tests/host/pk/pk_test_util.c $(PK_HOST_ENV_SRCS) $(PK_HOST_KERNEL_SRCS)))
$(foreach t,$(PK_HOST_TESTS),$(eval $(t)_CFLAGS := $(PK_HOST_CFLAGS)))
# The kernel's main() becomes pk_boot_main() (tests/host/pk/pk_env.h): the
# test program has its own main.
$(foreach t,$(PK_HOST_TESTS),$(eval \
	$(BUILD)/host/$(t)/obj/partitions/main.o: HOST_TEST_CFLAGS += -Dmain=pk_boot_main))

# PK_SVC_PROBE needs a kernel with probe pins: one more test of the same
# sources plus partitions/trace.c, built with PK_PROBE_PINS.
HOST_TESTS += pk_probe
pk_probe_SRCS := tests/host/pk/test_probe.c tests/host/pk/pk_test_util.c \
	$(PK_HOST_ENV_SRCS) $(PK_HOST_KERNEL_SRCS) partitions/trace.c
pk_probe_CFLAGS := $(PK_HOST_CFLAGS) -DPK_PROBE_PINS=1
$(BUILD)/host/pk_probe/obj/partitions/main.o: HOST_TEST_CFLAGS += -Dmain=pk_boot_main

# The emulator of instructions displaced by tracepoints: a pure file,
# tested alone (partitions/tp_emu.c).
HOST_TESTS += pk_tp_emu
pk_tp_emu_SRCS := tests/host/pk/test_tp_emu.c partitions/tp_emu.c
pk_tp_emu_CFLAGS := -Ipartitions -Ipartitions/include
