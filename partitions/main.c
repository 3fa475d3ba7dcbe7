/*
 * main.c - boot of the partitioning kernel and its global state.
 *
 * bsp_init() brings up the board (console, VIC, clock, one-shot timer, MMU
 * with a flat map); the kernel then retags the translation table with its
 * domain plan, loads every partition from its pristine images, starts the
 * scheduler and resumes the first partition. From then on the kernel runs
 * only in exception handlers (partitions/arch/arm/entry.S).
 */
#include "pk_kernel.h"

#include "bsp.h"

struct pk_part pk_parts[PK_MAX_PARTITIONS];
struct pk_cpu pk_cpus[PK_MAX_CPUS];

/* Context restored if an exception exit ever happens with no partition
 * chosen; pk_kernel_exit_work() never lets that happen, and this context
 * would fault at once in the kernel's address range. */
static struct pk_regs pk_no_ctx;

int main(void);

/* A device interrupt source routed to a partition. */
struct pk_dev_binding {
    struct pk_part *part; /* the partition the device is assigned to */
    unsigned source;      /* the board's interrupt source number */
    unsigned device;      /* the device's index in the partition's list */
};
static struct pk_dev_binding dev_bindings[PK_MAX_PARTITIONS * PK_MAX_DEVICES];

/* A device interrupt assigned to a partition: mask the source until the
 * partition acknowledges it (PK_SVC_IRQ_DONE) and deliver it as a virtual
 * event. A plain wake: it does not preempt the running partition. */
static void pk_dev_irq(void *arg)
{
    struct pk_dev_binding *b = arg;
    bsp_irq_disable(b->source);
    b->part->irqs_pending |= 1u << b->device;
    pk_raise(b->part, PK_EV_IRQ);
}

/* Route every assigned device interrupt to its partition. */
static void pk_dev_init(void)
{
    unsigned n = 0;
    for (unsigned i = 0; i < pk_system.n_partitions; i++) {
        const struct pk_partition_config *c = &pk_system.partitions[i];
        for (uint32_t d = 0; d < c->n_devices && d < PK_MAX_DEVICES; d++) {
            int32_t src = c->devices[d].irq;
            if (src < 0)
                continue; /* the device has no interrupt */
            /* tools/pkconfig.py checks the board's irq_count: a source
             * beyond the controller would never be delivered. */
            if ((uint32_t)src >= bsp_irq_count)
                pk_panic("device interrupt beyond the board's controller",
                         NULL, 0u, (uint32_t)src);
            dev_bindings[n].part = &pk_parts[i];
            dev_bindings[n].source = (unsigned)src;
            dev_bindings[n].device = d;
            bsp_irq_attach((unsigned)src, pk_dev_irq, &dev_bindings[n]);
            n++;
        }
    }
}

int main(void)
{
    bsp_init();
    pk_console_init();
    pk_hm_init();
    pk_cur_ctx = &pk_no_ctx;
    static const char *const policy_names[] = {
        [PK_POLICY_BVT] = "bvt", [PK_POLICY_STATIC] = "static",
        [PK_POLICY_CYCLIC] = "cyclic"};
    pk_printf("PK partitioning kernel on %s: system %s, %u partitions, "
              "policy %s\n",
              bsp_board_name, pk_system.name, pk_system.n_partitions,
              (unsigned)pk_system.policy < 3u ? policy_names[pk_system.policy]
                                              : "?");
    if (pk_system.n_partitions == 0u ||
        pk_system.n_partitions > PK_MAX_PARTITIONS)
        pk_panic("bad partition count", NULL, 0, 0);

    pk_arch_mem_init();
    pk_arch_cpu_init();
    uint64_t now = bsp_clock_ns();
    pk_vit_init(&pk_vit_state, pk_system.n_partitions);
    pk_port_init();
    for (unsigned i = 0; i < pk_system.n_partitions; i++) {
        struct pk_part *p = &pk_parts[i];
        p->cfg = &pk_system.partitions[i];
        p->index = i;
        /* From the configuration alone, so once (two divisions, one of
         * 64 bits, that no restart repeats): pkconfig bounds tick_hz to
         * 1..100 000. */
        uint32_t hz = p->cfg->tick_hz != 0u ? p->cfg->tick_hz : 1u;
        p->tick_period_ns = 1000000000u / hz;
        p->tick_recip = UINT32_MAX / (uint32_t)p->tick_period_ns;
        pk_part_cold_start(p, now);
        pk_printf("PK partition %s: kernel 0x%08x+0x%x user 0x%08x+0x%x "
                  "tick %u Hz\n",
                  p->cfg->name, p->cfg->kernel_base, p->cfg->kernel_size,
                  p->cfg->user_base, p->cfg->user_size, p->cfg->tick_hz);
        /* Boot is not time-critical: the report goes out whole, whatever
         * the number of partitions (the kernel's reserve of the console
         * ring holds about twenty such lines). */
        pk_console_flush();
    }
    pk_dev_init();
    /* Time starts now for the scheduler (the cyclic major frame's origin)
     * and for the partitions' virtual ticks: loading is over. */
    now = bsp_clock_ns();
    pk_sched_init(&pk_sched_state, &pk_system, now);
    for (unsigned i = 0; i < pk_system.n_partitions; i++)
        pk_parts[i].next_tick_ns = now + pk_parts[i].tick_period_ns;
    pk_time_init(now);
    pk_kernel_exit_work(true);
    pk_arch_resume();
}
