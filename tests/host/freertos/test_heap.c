/*
 * test_heap.c - the FreeRTOS layer's heap (rtos/freertos/src/fr_heap.c):
 * alignment, first fit and splitting, merging with the block before and
 * after, refused frees (outside, misaligned, inside a block, twice),
 * exhaustion and the malloc-failed hook, the minimum ever, the statistics,
 * calloc's overflow check. Each test gives back all it takes, so the heap
 * is whole again between tests (checked).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "FreeRTOS.h"
#include "task.h"

unsigned test_asserts;
static unsigned malloc_failed;

/* The layer's other parts the heap calls. */
void fr_init(void)
{
}
void fr_tasks_reclaim(void)
{
}
void vApplicationMallocFailedHook(void)
{
    malloc_failed++;
}

static size_t whole; /* free bytes of the untouched heap */
static size_t H;     /* a block's header: 8 bytes on the target, 16 on a 64-bit host */

static size_t up8(size_t n)
{
    return (n + 7u) & ~(size_t)7u;
}

static int setup(void **state)
{
    (void)state;
    static int core_up;
    if (!core_up) {
        os_init();
        core_up = 1;
    }
    test_asserts = 0;
    malloc_failed = 0;
    if (whole == 0u) {
        uint8_t *p = pvPortMalloc(8); /* first use builds the heap */
        uint8_t *q = pvPortMalloc(8);
        H = (size_t)(q - p) - 8u;
        vPortFree(p);
        vPortFree(q);
        whole = xPortGetFreeHeapSize();
        assert_int_equal(H % 8u, 0);
    }
    assert_int_equal(xPortGetFreeHeapSize(), whole);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    HeapStats_t s;
    vPortGetHeapStats(&s);
    assert_int_equal(s.xAvailableHeapSpaceInBytes, whole);
    assert_int_equal(s.xNumberOfFreeBlocks, 1); /* everything merged back */
    return 0;
}

static void test_alignment_and_sizes(void **state)
{
    (void)state;
    uint8_t *p[8];
    for (size_t i = 0; i < 8; i++) {
        p[i] = pvPortMalloc(i + 1);
        assert_non_null(p[i]);
        assert_int_equal((uintptr_t)p[i] % 8u, 0);
        memset(p[i], 0xEE, i + 1);
    }
    /* 1..8 bytes take one 8-byte unit and a header each. */
    assert_int_equal(xPortGetFreeHeapSize(), whole - 8u * (8u + H));
    for (size_t i = 0; i < 8; i++)
        vPortFree(p[i]);
    assert_null(pvPortMalloc(0));
    assert_int_equal(malloc_failed, 1);
}

static void test_first_fit_and_split(void **state)
{
    (void)state;
    uint8_t *a = pvPortMalloc(100), *b = pvPortMalloc(100), *c = pvPortMalloc(100);
    size_t step = up8(100) + H;
    assert_ptr_equal(b, a + step);
    assert_ptr_equal(c, b + step);
    vPortFree(a);
    /* A smaller request fits the hole a left (first fit), split from it. */
    uint8_t *d = pvPortMalloc(40);
    assert_ptr_equal(d, a);
    uint8_t *e = pvPortMalloc(40);
    assert_ptr_equal(e, a + 40 + H);
    /* What is left of the hole is too small to split off: the next
     * request goes elsewhere. */
    uint8_t *f = pvPortMalloc(step - 2u * (40u + H));
    assert_ptr_not_equal(f, a + 2u * (40u + H));
    vPortFree(d);
    vPortFree(e);
    vPortFree(f);
    vPortFree(b);
    vPortFree(c);
}

static void test_merge_before_and_after(void **state)
{
    (void)state;
    uint8_t *p[5];
    for (int i = 0; i < 5; i++)
        p[i] = pvPortMalloc(200);
    HeapStats_t s;
    vPortFree(p[1]);
    vPortFree(p[3]);
    vPortGetHeapStats(&s);
    assert_int_equal(s.xNumberOfFreeBlocks, 3); /* p1, p3, the rest */
    vPortFree(p[2]);                            /* merges with p1 before and p3 after */
    vPortGetHeapStats(&s);
    assert_int_equal(s.xNumberOfFreeBlocks, 2);
    assert_int_equal(s.xSizeOfSmallestFreeBlockInBytes, 3u * (200u + H));
    /* The merged hole takes a block of its whole size. */
    uint8_t *big = pvPortMalloc(3u * (200u + H) - H);
    assert_ptr_equal(big, p[1]);
    vPortFree(big);
    vPortFree(p[0]);
    vPortFree(p[4]);
}

static void test_refused_frees(void **state)
{
    (void)state;
    uint8_t *a = pvPortMalloc(64), *b = pvPortMalloc(64);
    size_t before = xPortGetFreeHeapSize();
    static uint8_t outside[16];
    vPortFree(outside);  /* not the heap */
    vPortFree(a + 1);    /* misaligned */
    vPortFree(a + 8);    /* inside a block */
    vPortFree(b + 64 + H); /* one past b: the free rest, no block in use */
    vPortFree(a - H);    /* the header */
    assert_int_equal(test_asserts, 5);
    assert_int_equal(xPortGetFreeHeapSize(), before);
    vPortFree(a);
    vPortFree(a); /* twice */
    assert_int_equal(test_asserts, 6);
    vPortFree(b);
    vPortFree(NULL); /* allowed, nothing */
    assert_int_equal(test_asserts, 6);
}

static void test_exhaustion_and_minimum(void **state)
{
    (void)state;
    size_t min_before = xPortGetMinimumEverFreeHeapSize();
    assert_null(pvPortMalloc(whole)); /* its header does not fit */
    assert_int_equal(malloc_failed, 1);
    uint8_t *all = pvPortMalloc(whole - H);
    assert_non_null(all);
    assert_int_equal(xPortGetFreeHeapSize(), 0);
    assert_null(pvPortMalloc(1));
    assert_int_equal(malloc_failed, 2);
    assert_int_equal(xPortGetMinimumEverFreeHeapSize(), 0);
    assert_true(min_before > 0u);
    vPortFree(all);
    assert_int_equal(xPortGetMinimumEverFreeHeapSize(), 0); /* stays the minimum ever */
    assert_null(pvPortMalloc((size_t)-1));
    assert_null(pvPortMalloc((size_t)-1 - 4u));
}

static void test_heap_calloc(void **state)
{
    (void)state;
    uint8_t *p = pvPortCalloc(10, 10);
    assert_non_null(p);
    for (int i = 0; i < 100; i++)
        assert_int_equal(p[i], 0);
    vPortFree(p);
    assert_null(pvPortCalloc((size_t)-1 / 2u, 3));
}

static void test_stats_count(void **state)
{
    (void)state;
    HeapStats_t s0, s1;
    vPortGetHeapStats(&s0);
    void *p = pvPortMalloc(10);
    vPortFree(p);
    vPortGetHeapStats(&s1);
    assert_int_equal(s1.xNumberOfSuccessfulAllocations, s0.xNumberOfSuccessfulAllocations + 1u);
    assert_int_equal(s1.xNumberOfSuccessfulFrees, s0.xNumberOfSuccessfulFrees + 1u);
    assert_int_equal(s1.xSizeOfLargestFreeBlockInBytes, whole);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_alignment_and_sizes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_first_fit_and_split, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merge_before_and_after, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused_frees, setup, teardown),
        cmocka_unit_test_setup_teardown(test_exhaustion_and_minimum, setup, teardown),
        cmocka_unit_test_setup_teardown(test_heap_calloc, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stats_count, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
