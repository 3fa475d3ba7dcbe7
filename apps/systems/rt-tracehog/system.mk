# rt-tracehog: control of rt-traceflood, the plain CPU hog (apps/rthog) in a
# trace build:
#   make BUILD=build/trace-build TRACE=1 BOARD=versatilepb SYSTEM=rt-tracehog
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT -DPK_CONFIG_MASKED_STATS
