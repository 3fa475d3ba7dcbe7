# tm-native: the Thread-Metric style suite natively, 200 ms per test; the
# counts must follow each test's pattern (apps/tm/tm.h).
SYSTEM_KIND := native
SYSTEM_SRCS := tests/target/tm-native/main.c apps/tm/tm.c tests/target/native-common/tn.c
SYSTEM_CONFIG_DIR := tests/target/tm-native
SYSTEM_INCLUDES := -Iapps/tm -Itests/target/native-common -DTM_PERIOD_MS=$(or $(TM_PERIOD_MS),200u)
SYSTEM_TIMEOUT := 120
