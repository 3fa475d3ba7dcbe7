# pk-ports-bench: figures of the inter-partition ports (tools/bench_ports.py;
# not run by the tests): the kernel path of each port call by message size,
# the latency from a send to the receiving task running (urgent and plain
# destinations) and a 2-partition queuing stream.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 120
PK_APPS_DIR := tests/bench/pk-ports-bench/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
