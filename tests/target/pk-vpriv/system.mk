# pk-vpriv: the guest kernel of a partition stays out of reach of the
# partition's own tasks (see system.toml and apps/vpriv/vpriv.c).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_APPS_DIR := apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
