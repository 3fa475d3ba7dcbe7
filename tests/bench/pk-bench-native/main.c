/*
 * pk-bench-native: the matmul.h workload run natively (tick core alone on
 * the board, 1 kHz tick), the reference of the partition-overhead figure of
 * tools/bench_pk.py. Prints
 *   BENCH matmul_native n=<reps> total_ns=<t> min_ns=<t/n> max_ns=<t/n>
 */
#include <stdio.h>

#include "bsp.h"
#include "os.h"
#include "tn.h"
#include "../pk-bench/matmul.h"

static struct os_task task;
static port_stack_t stack[1024] __attribute__((aligned(8)));

static void run(void *arg)
{
    (void)arg;
    os_delay(2u);
    matmul_init();
    int32_t check = 0;
    uint64_t t0 = os_time_ns();
    for (uint32_t r = 0; r < MATMUL_REPS; r++)
        check += matmul_once();
    uint64_t d = os_time_ns() - t0;
    printf("BENCH matmul_native n=%lu total_ns=%lu min_ns=%lu max_ns=%lu\n",
           (unsigned long)MATMUL_REPS, (unsigned long)d,
           (unsigned long)(d / MATMUL_REPS), (unsigned long)(d / MATMUL_REPS));
    printf("matmul checksum %ld\n", (long)check);
    tn_pass();
}

int main(void)
{
    bsp_init();
    tn_begin("pk-bench-native");
    os_init();
    (void)os_task_create(&task, "matmul", run, NULL, 1, stack, 1024u);
    os_start();
}
