# The vpriv app defines a tick-core hook that the guest kernel calls (its
# own test code, run with guest-kernel rights on purpose: tools/gk_hooks_check.py).
APP_GK_HOOKS := 1
