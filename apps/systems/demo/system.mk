# demo: the default system; see system.toml.
SYSTEM_KIND := partitioned
