# pk-ports-bench: figures of the inter-partition ports (tools/bench_ports.py,
# make bench): the kernel path of each port call by message size,
# the latency from a send to the receiving task running (sampling and
# queuing, 8/64/1024 bytes; same window, next window, urgent destination)
# and 2-partition queuing streams of 64 and 1024-byte messages.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 120
PK_APPS_DIR := tests/bench/pk-ports-bench/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
