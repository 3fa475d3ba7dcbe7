# pk-iso: isolation matrix. "isotest" (on_fault = "log") tries every kind of
# forbidden access from its guest kernel and from a task, "isojump"
# (on_fault = "restart") the attempts that cannot be skipped, one per cold
# start; "periodic" keeps a 10 ms deadline meanwhile. check.py pairs every
# attempt with the kernel's HM line and prints the table.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_APPS_DIR := apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT -DPK_CONFIG_MASKED_STATS
SYSTEM_CHECK := tests/target/pk-iso/check.py
# The kernel's devices that isotest attacks, for boards other than
# versatilepb (apps/isotest/isotest.c has versatilepb's as defaults): the
# console's data register, the interrupt controller's status and
# disable-all registers, the system one-shot's register, the peripheral
# window and the kernel's alias of it (bsp/<board>/board.h).
PK_ISO_DEFINES_raspi0 := -DISO_UNMAPPED=0x20000000u \
	-DISO_CONSOLE_DR=0x20201000u -DISO_INTC_STATUS=0x2000b200u \
	-DISO_INTC_DISABLE=0x2000b21cu -DISO_TIMER_CTRL=0x20003010u \
	-DISO_DEV_BASE=0x20000000u -DISO_DEV_KVA=0xf0000000u
PK_ISO_DEFINES_raspi1ap := $(PK_ISO_DEFINES_raspi0)
PK_APP_DEFINES := $(PK_ISO_DEFINES_$(BOARD))
