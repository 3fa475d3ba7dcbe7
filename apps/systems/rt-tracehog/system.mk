# rt-tracehog: control of rt-traceflood (the plain CPU hog, apps/rthog), for TRACE=1 builds:
# kernel's trace buffer (apps/rtsvcflood). Build with TRACE=1:
#   make BUILD=build/trace-build TRACE=1 BOARD=versatilepb SYSTEM=rt-tracehog
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
