/*
 * vit-flood, partition "flood": a hostile guest. main() runs in
 * guest-kernel mode, where the VIT service call is allowed, and never
 * returns: it requests VIT expiries in a tight loop - one already past, one
 * at the current time, one 20 us ahead - and never blocks, so that every
 * request it can get granted turns into a warp. The kernel must keep it to
 * its warp limit and unwarp time and charge all it runs.
 */
#include <stdint.h>

#include "pv_svc.h"

int main(void)
{
    static const char hello[] = "flood: requesting VIT in a tight loop\n";
    (void)pv_console_write(hello, sizeof hello - 1u);
    for (;;) {
        uint64_t now = pv_time_ns();
        uint64_t t[3] = {now - 1000000u, now, now + 20000u};
        for (unsigned i = 0; i < 3u; i++)
            (void)pv_svc(PK_SVC_VIT_REQUEST, (uint32_t)t[i],
                         (uint32_t)(t[i] >> 32), 0u);
    }
}
