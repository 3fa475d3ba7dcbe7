# rt-portcopy: the victim beside a guest kernel that writes an 4096-byte
# sampling message from an odd address in a loop (apps/rtgk/gk/portcopy.c):
# the kernel's byte-by-byte copy with interrupts masked.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
RTGK_ATTACK := portcopy
include apps/rtgk/rtgk.mk
