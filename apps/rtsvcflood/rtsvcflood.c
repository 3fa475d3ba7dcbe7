/*
 * rtsvcflood - attacker for trace builds: fill the partitioning kernel's own
 * trace buffer with service-call records.
 *
 * main() runs in guest-kernel mode and never starts the tick core. It makes
 * PK_SVC_EVENT_RAISE(0) in a loop: a no-op call that the kernel still
 * records (pk_trace_svc: one TRACE_SVC record per call into the kernel's
 * buffer, partitions/trace.c). A call costs a few hundred instructions; the
 * drain of one record (hex, checksum, UART) costs more, and the kernel only
 * drains while some buffer is more than half full, 16 records per buffer
 * per drain, twice for its own buffer (drain_all). So the kernel buffer
 * stays above half full, and every partition switch and every virtual
 * interrupt delivery (pk_trace_virq: "the kernel's own is checked every
 * time") drains 32 kernel records with interrupts masked, in the victim's
 * wake-up path. Compare: the same system without TRACE=1 (no records).
 */
#include <stdint.h>

#include "pv_svc.h"

int main(void)
{
    for (;;)
        (void)pv_svc(PK_SVC_EVENT_RAISE, 0u, 0u, 0u);
}
