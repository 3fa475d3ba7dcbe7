# matrix-bvt-w50: see system.toml and docs/vit.md.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 120
