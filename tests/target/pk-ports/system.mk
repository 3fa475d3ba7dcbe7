# pk-ports: inter-partition sampling and queuing ports end to end (see
# system.toml and docs/arinc653.md for the rules each step checks). "rx"
# ends the run: status 0 when every check passed.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_APPS_DIR := tests/target/pk-ports/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT -DPK_CONFIG_MASKED_STATS
SYSTEM_SETS := smoke board
SYSTEM_CHECK := tests/target/pk-ports/check.py
