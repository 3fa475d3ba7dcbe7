# rt-traceflood: the victim beside a service-call flood that fills the
# kernel's trace buffer (apps/rtsvcflood). Build with TRACE=1:
#   make BUILD=build/trace-build TRACE=1 BOARD=versatilepb SYSTEM=rt-traceflood
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT -DPK_CONFIG_MASKED_STATS
