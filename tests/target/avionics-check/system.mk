# avionics-check: the demo system (apps/systems/avionics) run to a verdict: the
# actuator ends the run after 300 commands (6 s of a 50 Hz module) with
# RESULT avionics PASS when every command was right, came within one major
# frame of its sample, and both injected faults of the control partition
# were handled (an error-handler restart of its process, a warm start of
# the partition). check.py checks the kernel's and the partitions' lines.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 120
PK_TOML := apps/systems/avionics/system.toml
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
PK_APP_DEFINES := -DAV_RUN_COMMANDS=300
SYSTEM_CHECK := tests/target/avionics-check/check.py
SYSTEM_SETS := board
