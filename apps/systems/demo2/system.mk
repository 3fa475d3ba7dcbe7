# demo2: two partitions (pinger, counter) under BVT, see system.toml.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
