# pk-fair-11: CPU-bound partitions with BVT weights 1:1 share the CPU in
# proportion within 1 % over 10 s of virtual time (see system.toml).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 400
PK_APPS_DIR := apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
SYSTEM_CHECK := tests/target/pk-fair-common/check.py
