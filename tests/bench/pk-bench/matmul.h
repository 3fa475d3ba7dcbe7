/*
 * matmul.h - the fixed workload of the native-vs-partition comparison
 * (tests/bench/pk-bench and pk-bench-native): MATMUL_REPS products of two
 * MATMUL_N x MATMUL_N integer matrices. Both systems compile this same code
 * with the same flags, so the difference in time is the cost of running in
 * a partition (ticks as upcalls, the kernel's timer, traps) rather than
 * natively (native ticks).
 */
#ifndef MATMUL_H
#define MATMUL_H

#include <stdint.h>

#define MATMUL_N 32u
#define MATMUL_REPS 100u

static int32_t mm_a[MATMUL_N][MATMUL_N], mm_b[MATMUL_N][MATMUL_N],
    mm_c[MATMUL_N][MATMUL_N];

static void matmul_init(void)
{
    for (uint32_t i = 0; i < MATMUL_N; i++)
        for (uint32_t j = 0; j < MATMUL_N; j++) {
            mm_a[i][j] = (int32_t)(i * 3u + j);
            mm_b[i][j] = (int32_t)(i ^ j) - 7;
        }
}

/* One product; returns a checksum so that the work cannot be dropped. */
static int32_t matmul_once(void)
{
    int32_t sum = 0;
    for (uint32_t i = 0; i < MATMUL_N; i++)
        for (uint32_t j = 0; j < MATMUL_N; j++) {
            int32_t acc = 0;
            for (uint32_t k = 0; k < MATMUL_N; k++)
                acc += mm_a[i][k] * mm_b[k][j];
            mm_c[i][j] = acc;
            sum += acc;
        }
    return sum;
}

#endif /* MATMUL_H */
