/*
 * user.c - the user range of a red-team guest (apps/rtgk): nothing runs
 * here; the attack lives in the guest-kernel range (gk/, selected by the
 * system's system.mk).
 */
#include <stdint.h>

/* Keeps the user image non-empty. */
const uint32_t rtgk_user_marker = 0x52544755u;
