# matrix-alone: the matrix partition by itself (docs/vit.md).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 120
