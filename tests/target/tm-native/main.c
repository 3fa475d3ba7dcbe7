/*
 * tm-native: the Thread-Metric style suite (apps/tm) on the tick core
 * alone. As a target test (this folder) each test runs 200 ms and the
 * counts must follow the tests' patterns; tests/bench/tm-native-30s runs
 * the same for 30 s per test (tools/bench_tm.py).
 */
#include "bsp.h"
#include "os.h"
#include "tm.h"
#include "tn.h"

void tm_env_exit(int status)
{
    if (status != 0)
        tn_fail("(TM lines above)");
    tn_pass();
}

int main(void)
{
    bsp_init();
    tn_begin("tm-native");
    os_init();
    tm_setup();
    os_start();
}
