/*
 * restartforever.c - red-team guest kernel: restarts itself cold with
 * PK_SVC_SET_MODE (NORMAL, then COLD_START) at every start, for ever, so
 * that the victim beside it measures what a restart loop costs others
 * (the kernel's reset of the partition, its "PK mode" and "PK restart"
 * lines, the reload in 4 KiB steps). restartloop.c is the self-checking
 * form that counts the restarts against restart_limit.
 */
#include "rtgk.h"

void rtgk_attack(void);
void rtgk_attack(void)
{
    (void)rtgk_svc(PK_SVC_SET_MODE, (uint32_t)PK_SELF, PK_MODE_NORMAL, 0u, 0);
    (void)rtgk_svc(PK_SVC_SET_MODE, (uint32_t)PK_SELF, PK_MODE_COLD_START, 0u,
                   0);
    for (;;)
        (void)rtgk_svc(PK_SVC_YIELD, 0u, 0u, 0u, 0);
}
