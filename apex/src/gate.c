/*
 * gate.c - the APEX's one gate (apex_gate), its dispatch to the service
 * areas, and the helpers every area shares: caller-pointer checks, names,
 * the message pool (docs/arinc653.md, "Where the APEX runs").
 */
#include <string.h>

#include "apex_internal.h"

/* The gate table the pv port registers after the tick core's own
 * (rtos/port/pv/port.c). */
typedef void (*apex_pv_fn)(void);
const apex_pv_fn pv_lib_gates[1] = {(apex_pv_fn)apex_gate};
const uint32_t pv_lib_gate_count = 1u;

/* Areas whose files are not linked answer NOT_AVAILABLE (weak: the
 * area's own file replaces them). */
__attribute__((weak)) RETURN_CODE_TYPE apex_area_sampling(uint32_t op, const uint32_t a[7])
{
    (void)op, (void)a;
    return NOT_AVAILABLE;
}
__attribute__((weak)) RETURN_CODE_TYPE apex_area_queuing(uint32_t op, const uint32_t a[7])
{
    (void)op, (void)a;
    return NOT_AVAILABLE;
}
__attribute__((weak)) RETURN_CODE_TYPE apex_area_partition(uint32_t op, const uint32_t a[7])
{
    (void)op, (void)a;
    return NOT_AVAILABLE;
}
__attribute__((weak)) RETURN_CODE_TYPE apex_area_hm(uint32_t op, const uint32_t a[7])
{
    (void)op, (void)a;
    return NOT_AVAILABLE;
}

static const apex_area_fn areas[APEX_AREA_COUNT] = {
    [APEX_AREA_PROCESS] = apex_area_process,
    [APEX_AREA_TIME] = apex_area_time,
    [APEX_AREA_BUFFER] = apex_area_buffer,
    [APEX_AREA_BLACKBOARD] = apex_area_blackboard,
    [APEX_AREA_SEMAPHORE] = apex_area_semaphore,
    [APEX_AREA_EVENT] = apex_area_event,
    [APEX_AREA_SAMPLING] = apex_area_sampling,
    [APEX_AREA_QUEUING] = apex_area_queuing,
    [APEX_AREA_PARTITION] = apex_area_partition,
    [APEX_AREA_HM] = apex_area_hm,
};

int32_t apex_gate(uint32_t op, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4,
                  uint32_t a5, uint32_t a6, uint32_t a7)
{
    const uint32_t a[7] = {a1, a2, a3, a4, a5, a6, a7};
    uint32_t area = op >> 8;
    if (area >= APEX_AREA_COUNT || areas[area] == NULL)
        return INVALID_PARAM;
    apex_init();
    return (int32_t)areas[area](op & 0xFFu, a);
}

/* The partition's user range (pkconfig's layout defines); a host build
 * gives its own. */
#ifndef PK_LAYOUT_SELF_USER_BASE
#define PK_LAYOUT_SELF_USER_BASE 0u
#define PK_LAYOUT_SELF_USER_SIZE 0xFFFFFFFFu
#define PK_LAYOUT_SELF_KERNEL_BASE 0u
#define PK_LAYOUT_SELF_KERNEL_SIZE 0u
#endif

bool apex_in_user(uintptr_t a, size_t len)
{
    uintptr_t lo = (uintptr_t)PK_LAYOUT_SELF_USER_BASE;
    uintptr_t size = (uintptr_t)PK_LAYOUT_SELF_USER_SIZE;
    if (len == 0u)
        len = 1u;
    return a - lo < size && len <= size - (a - lo);
}

bool apex_user_ok(const void *p, size_t len)
{
    uintptr_t a = (uintptr_t)p;
    if (len == 0u)
        len = 1u;
    if (p == NULL || a + len < a)
        return false;
    if (apex_in_user(a, len))
        return true;
    /* main(), the initialisation, runs in guest-kernel mode and may pass
     * its own variables on the boot stack, in the guest-kernel range. */
    uintptr_t klo = (uintptr_t)PK_LAYOUT_SELF_KERNEL_BASE;
    uintptr_t ksize = (uintptr_t)PK_LAYOUT_SELF_KERNEL_SIZE;
    return !os_running() && a - klo < ksize && len <= ksize - (a - klo);
}

bool apex_name_copy(char dst[MAX_NAME_LENGTH], uint32_t src)
{
    const char *s = (const char *)(uintptr_t)src;
    size_t i = 0;
    /* Up to its NUL or 30 bytes, every byte read in the caller's range. */
    for (; i < MAX_NAME_LENGTH; i++) {
        if (!apex_user_ok(s + i, 1u))
            return false;
        if (s[i] == '\0')
            break;
        dst[i] = s[i];
    }
    for (; i < MAX_NAME_LENGTH; i++)
        dst[i] = '\0';
    return true;
}

bool apex_name_eq(const char a[MAX_NAME_LENGTH], const char b[MAX_NAME_LENGTH])
{
    return a[0] != '\0' && memcmp(a, b, MAX_NAME_LENGTH) == 0;
}

_Alignas(8) static uint8_t msg_pool[APEX_CONFIG_MESSAGE_POOL_BYTES];
static size_t msg_used;

void *apex_msg_alloc(size_t bytes)
{
    bytes = (bytes + 7u) & ~(size_t)7u;
    if (bytes > sizeof msg_pool - msg_used)
        return NULL;
    void *p = &msg_pool[msg_used];
    msg_used += bytes;
    return p;
}

RETURN_CODE_TYPE apex_create_slot(const char name[MAX_NAME_LENGTH], const char *names,
                                  const uint8_t *used, size_t stride, unsigned n,
                                  unsigned *slot)
{
    unsigned free_slot = n;
    for (unsigned i = 0; i < n; i++) {
        if (!used[i * stride] && free_slot == n)
            free_slot = i;
    }
    if (free_slot == n)
        return INVALID_CONFIG;
    if (apex_find_name(name, names, used, stride, n) != 0)
        return NO_ACTION;
    *slot = free_slot;
    return NO_ERROR;
}

APEX_INTEGER apex_find_name(const char name[MAX_NAME_LENGTH], const char *names,
                            const uint8_t *used, size_t stride, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        if (used[i * stride] && apex_name_eq(&names[i * stride], name))
            return (APEX_INTEGER)i + 1;
    }
    return 0;
}
