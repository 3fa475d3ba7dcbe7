# rt-tracelie: a guest kernel writes kernel-only records into its trace
# buffer (apps/rttrace). Run with: make trace SYSTEM=rt-tracelie
# TRACE_RUN_MS=300
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
