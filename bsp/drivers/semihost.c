/* semihost.c - ARM semihosting exit. */
#include "semihost.h"

#include <stdint.h>

#include "cpu.h"

void semihost_exit(int status)
{
    /* The parameter block: reason code, then the status. */
    static volatile uint32_t block[2];
    block[0] = SEMIHOST_ADP_STOPPED_APPLICATION_EXIT;
    block[1] = (uint32_t)status;
    (void)cpu_semihost(SEMIHOST_SYS_EXIT_EXTENDED, (const void *)block);
    /* Without a semihosting host the call returns: stop here for good. */
    for (;;) {
        cpu_irq_disable();
        cpu_wfi();
    }
}
