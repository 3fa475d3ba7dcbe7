/*
 * masked.c - measured masked time (kernel built with
 * PK_CONFIG_MASKED_STATS; test and benchmark systems).
 *
 * The kernel runs with interrupts masked from every exception entry to the
 * resumption of a partition. What bounds the latency it adds to others is
 * the longest *stretch* during which it neither resumes a partition nor
 * polls interrupts and deadlines (a cold start polls between its steps,
 * the idle loop waits in WFI, which any interrupt ends). This file times
 * every stretch with the global clock and keeps, per kind of kernel path
 * (each service call number, interrupt, each abort, a loading step), the
 * longest one, how often the path ran, and the caller's r0..r2 of the
 * longest, so the report names the arguments that made it worst. The
 * report is printed at the end of a test run:
 *
 *   PK masked path=<name> count=<n> max_ns=<ns> r0=0x<hex> r1=0x<hex> r2=0x<hex>
 */
#include "pk_kernel.h"

#include "bsp.h"

#ifdef PK_CONFIG_MASKED_STATS

/* One kind of path: the longest stretch seen and its arguments. */
struct masked_stat {
    uint32_t count;   /* stretches measured */
    uint64_t max_ns;  /* the longest */
    uint32_t arg[3];  /* r0..r2 of the partition when it began */
};

static struct masked_stat stats[PK_MK_COUNT];
static uint64_t mark_ns;      /* start of the current stretch (0: none) */
static unsigned mark_kind;    /* its kind */
static uint32_t mark_arg[3];  /* its arguments */

static const char *const names[PK_MK_COUNT] = {
    [PK_MK_SVC + PK_SVC_CONSOLE_WRITE] = "svc_console_write",
    [PK_MK_SVC + PK_SVC_YIELD] = "svc_yield",
    [PK_MK_SVC + PK_SVC_BLOCK] = "svc_block",
    [PK_MK_SVC + PK_SVC_TIMER_SET] = "svc_timer_set",
    [PK_MK_SVC + PK_SVC_TIME_GET] = "svc_time_get",
    [PK_MK_SVC + PK_SVC_VIT_REQUEST] = "svc_vit_request",
    [PK_MK_SVC + PK_SVC_UPCALL_RETURN] = "svc_upcall_return",
    [PK_MK_SVC + PK_SVC_EVENT_RAISE] = "svc_event_raise",
    [PK_MK_SVC + PK_SVC_PART_STATUS] = "svc_part_status",
    [PK_MK_SVC + PK_SVC_REPORT_ERROR] = "svc_report_error",
    [PK_MK_SVC + PK_SVC_GATE_SETUP] = "svc_gate_setup",
    [PK_MK_SVC + PK_SVC_GATE_RETURN] = "svc_gate_return",
    [PK_MK_SVC + PK_SVC_IRQ_DONE] = "svc_irq_done",
    [PK_MK_SVC + PK_SVC_TEST_EXIT] = "svc_test_exit",
    [PK_MK_SVC + PK_SVC_PROBE] = "svc_probe",
    [PK_MK_SVC + PK_SVC_DEV_WRITE] = "svc_dev_write",
    [PK_MK_SVC + PK_SVC_PORT_OPEN] = "svc_port_open",
    [PK_MK_SVC + PK_SVC_SAMPLING_WRITE] = "svc_sampling_write",
    [PK_MK_SVC + PK_SVC_SAMPLING_READ] = "svc_sampling_read",
    [PK_MK_SVC + PK_SVC_QUEUING_SEND] = "svc_queuing_send",
    [PK_MK_SVC + PK_SVC_QUEUING_RECEIVE] = "svc_queuing_receive",
    [PK_MK_SVC + PK_SVC_PORT_STATUS] = "svc_port_status",
    [PK_MK_SVC + PK_SVC_QUEUING_CLEAR] = "svc_queuing_clear",
    [PK_MK_SVC + PK_SVC_SET_MODE] = "svc_set_mode",
    [PK_MK_SVC + PK_SVC_MODE_STATUS] = "svc_mode_status",
    [PK_MK_SVC + PK_SVC_HM_LOG_READ] = "svc_hm_log_read",
    [PK_MK_SVC + PK_SVC_SCHEDULE_SET] = "svc_schedule_set",
    [PK_MK_SVC + PK_SVC_SCHEDULE_STATUS] = "svc_schedule_status",
    [PK_MK_SVC + PK_SVC_SCHEDULE_ID] = "svc_schedule_id",
    [PK_MK_SVC_BAD] = "svc_unknown_number",
    [PK_MK_IRQ] = "irq",
    [PK_MK_PABT] = "prefetch_abort_or_gate",
    [PK_MK_DABT] = "data_abort",
    [PK_MK_UNDEF] = "undefined",
    [PK_MK_LOAD] = "restart_step",
    [PK_MK_IDLE] = "idle_wakeup",
    [PK_MK_CONSOLE] = "console_drain",
    [PK_MK_HM] = "hm_action",
};

/* Ends the current stretch (if any) and records it. */
static void close_stretch(uint64_t now)
{
    if (mark_ns == 0u)
        return;
    struct masked_stat *s = &stats[mark_kind];
    uint64_t d = now - mark_ns;
    s->count++;
    if (d > s->max_ns) {
        s->max_ns = d;
        s->arg[0] = mark_arg[0];
        s->arg[1] = mark_arg[1];
        s->arg[2] = mark_arg[2];
    }
    mark_ns = 0u;
}

void pk_masked_begin(unsigned kind)
{
    const struct pk_regs *c = &pk_cur->ctx;
    mark_kind = kind < PK_MK_COUNT ? kind : PK_MK_SVC_BAD;
    mark_arg[0] = c->r[0];
    mark_arg[1] = c->r[1];
    mark_arg[2] = c->r[2];
    mark_ns = bsp_clock_ns();
}

void pk_masked_poll(unsigned next_kind)
{
    uint64_t now = bsp_clock_ns();
    close_stretch(now);
    mark_kind = next_kind < PK_MK_COUNT ? next_kind : PK_MK_SVC_BAD;
    mark_ns = now;
}

void pk_masked_idle(bool waking)
{
    uint64_t now = bsp_clock_ns();
    if (!waking) {
        close_stretch(now);
        return;
    }
    mark_kind = PK_MK_IDLE;
    mark_arg[0] = mark_arg[1] = mark_arg[2] = 0u;
    mark_ns = now;
}

void pk_masked_end(void)
{
    close_stretch(bsp_clock_ns());
}

void pk_masked_report(void)
{
    for (unsigned k = 0; k < PK_MK_COUNT; k++) {
        const struct masked_stat *s = &stats[k];
        if (s->count == 0u)
            continue;
        pk_printf("PK masked path=%s count=%u max_ns=%llu r0=0x%x r1=0x%x "
                  "r2=0x%x\n",
                  names[k] != NULL ? names[k] : "?", s->count,
                  (unsigned long long)s->max_ns, s->arg[0], s->arg[1],
                  s->arg[2]);
    }
}

#endif /* PK_CONFIG_MASKED_STATS */
