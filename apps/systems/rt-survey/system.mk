# rt-survey: one red-team guest kernel alone, timing every kind of kernel
# entry it can make (apps/rtgk/gk/survey.c).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
RTGK_ATTACK := survey
include apps/rtgk/rtgk.mk
