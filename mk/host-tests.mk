# host-tests.mk - host unit tests (cmocka), registered by every
# tests/host/<area>/tests.mk:
#   HOST_TESTS += <name>
#   <name>_SRCS := tests/host/<area>/test_x.c rtos/src/task.c ...
#   <name>_CFLAGS := -Irtos/include -Irtos/port/host ...
#   <name>_LDLIBS := (optional extra libraries)
# Each test is built with the host gcc into build/host/<name>/<name>.
# tools/run_tests.py runs them (make test-host).

HOST_CC ?= $(CCACHE) gcc
HOST_TEST_CFLAGS := -std=c11 -Wall -Wextra -Werror -g -O1 -fsanitize=address,undefined
HOST_TESTS :=
include $(wildcard tests/host/*/tests.mk)

define host_test_rules
$(1)_OBJS := $$(patsubst %,$(BUILD)/host/$(1)/obj/%.o,$$(basename $$($(1)_SRCS)))
$$($(1)_OBJS): $(BUILD)/host/$(1)/obj/%.o: %.c
	@mkdir -p $$(@D)
	$$(call quiet,HOSTCC  $$<)
	$$(Q)$$(HOST_CC) $$(HOST_TEST_CFLAGS) $$($(1)_CFLAGS) -MMD -MP -c $$< -o $$@
$(BUILD)/host/$(1)/$(1): $$($(1)_OBJS)
	$$(call quiet,HOSTLD  $$@)
	$$(Q)$$(HOST_CC) $$(HOST_TEST_CFLAGS) $$^ -o $$@ -lcmocka $$($(1)_LDLIBS)
-include $$($(1)_OBJS:.o=.d)
endef
$(foreach t,$(HOST_TESTS),$(eval $(call host_test_rules,$(t))))

.PHONY: list-host-tests host-tests-build
list-host-tests:
	@echo "host-tests: $(HOST_TESTS)"

test-host: setup
	$(PYTHON) tools/run_tests.py --board $(BOARD) host
