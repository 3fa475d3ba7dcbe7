# matrix60-bvt: see system.toml and docs/vit.md.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 120
# 107 products per job: 45 ms of work, 60 % of the CPU when alone.
PK_APP_DEFINES := -DMATRIX_PRODUCTS=107
