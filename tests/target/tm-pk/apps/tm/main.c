/*
 * tm-pk, partition "tm": the Thread-Metric style suite (apps/tm) as a
 * partition's guest, alone under the partitioning kernel: what the suite
 * counts here against tm-native is the cost of being a partition (gates
 * into the guest kernel, virtual ticks, upcalls).
 */
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"
#include "tm.h"

void tm_env_exit(int status)
{
    printf("RESULT tm-pk %s\n", status == 0 ? "PASS" : "FAIL (TM lines above)");
    pv_test_exit((uint32_t)status);
    for (;;) {
    }
}

int main(void)
{
    os_init();
    tm_setup();
    os_start();
}
