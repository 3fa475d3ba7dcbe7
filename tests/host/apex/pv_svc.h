/* pv_svc.h for the host unit tests of the APEX: the one service call the
 * APEX makes (a deadline miss to the health monitor) is recorded. */
#ifndef PV_SVC_H
#define PV_SVC_H
#include <stdint.h>
#define PK_GUEST_ERR_DEADLINE 3u
void host_apex_report(uint32_t code, uint32_t arg);
static inline int32_t pv_report_error(uint32_t code, uint32_t arg)
{
    host_apex_report(code, arg);
    return 0;
}
#endif
