/*
 * dev.c - writes to assigned devices (PK_SVC_DEV_WRITE) and the
 * confinement of bus-master devices (docs/memory.md, docs/abi.md).
 *
 * A bus master reads or writes memory by DMA, which the MMU does not
 * check: a partition that could program its transfer addresses freely
 * could read or overwrite the kernel or another partition. So a bus
 * master's register pages are mapped read-only for its partition
 * (pk_arch_mem_init) and every write goes through the kernel. For the registers
 * its board description lists (addresses, and what the extent of a
 * transfer depends on) the kernel keeps a shadow; before a write it asks
 * the driver's extent function which memory the device would transfer
 * with the new value and refuses the write if any range leaves the
 * partition's user range. Only the kernel writes these registers and the
 * device does not change them itself, so the shadow equals the device.
 *
 * The IP-specific part (which registers, how big a transfer is) lives in
 * the driver (bsp/drivers/<driver>.c, bsp_dma.h); nothing here knows a
 * device.
 */
#include <string.h>

#include "pk_kernel.h"

#include "bsp_dma.h"

/* Shadow of the listed registers of every assigned bus master, indexed
 * [partition][device in its configuration][register offset / 4];
 * registers not listed stay 0. */
static uint32_t dev_shadow[PK_MAX_PARTITIONS][PK_MAX_DEVICES]
                          [BSP_DMA_SHADOW_WORDS];

static volatile uint32_t *dev_reg(const struct pk_device_config *d,
                                  uint32_t off)
{
    return (volatile uint32_t *)(uintptr_t)(d->regs + off);
}

/* True if the write to offset off must be checked: a register of the
 * device's DMA description. */
static bool dma_listed(const struct pk_dma_config *dma, uint32_t off)
{
    for (uint32_t i = 0; i < dma->n_regs && i < PK_DMA_MAX_REGS; i++)
        if (dma->regs[i] == off)
            return true;
    return false;
}

/* [base, base + size) inside p's user range, without overflow: a range
 * that wraps past 2^32 is never inside. */
static bool in_user_range(const struct pk_part *p,
                          const struct bsp_dma_range *r)
{
    uint32_t size = r->size != 0u ? r->size : 1u;
    uint32_t off = r->base - p->cfg->user_base;
    return off < p->cfg->user_size && size <= p->cfg->user_size - off;
}

/* The start of the first transfer of device d that would leave p's user
 * range after writing value at off, through *bad; false if none would. */
static bool dma_escapes(const struct pk_part *p, uint32_t dev,
                        const struct pk_dma_config *dma, uint32_t off,
                        uint32_t value, uint32_t *bad)
{
    uint32_t snap[BSP_DMA_SHADOW_WORDS];
    memcpy(snap, dev_shadow[p->index][dev], sizeof snap);
    snap[off / 4u] = value;
    struct bsp_dma_range r[BSP_DMA_MAX_RANGES];
    unsigned n = dma->extent(snap, r);
    for (unsigned i = 0; i < n && i < BSP_DMA_MAX_RANGES; i++) {
        if (!in_user_range(p, &r[i])) {
            *bad = r[i].base;
            return true;
        }
    }
    return false;
}

void pk_dev_svc_write(struct pk_part *p)
{
    uint32_t dev = p->ctx.r[0], off = p->ctx.r[1], value = p->ctx.r[2];
    const struct pk_partition_config *c = p->cfg;
    if (dev >= c->n_devices || dev >= PK_MAX_DEVICES) {
        p->ctx.r[0] = (uint32_t)PK_EINVAL;
        return;
    }
    const struct pk_device_config *d = &c->devices[dev];
    uint32_t room = d->base + d->size - d->regs; /* bytes from regs on */
    if ((off & 3u) != 0u || off >= room) {
        p->ctx.r[0] = (uint32_t)PK_EINVAL;
        return;
    }
    const struct pk_dma_config *dma = d->dma;
    if (dma != NULL && dma_listed(dma, off)) {
        uint32_t bad;
        if (off / 4u >= BSP_DMA_SHADOW_WORDS) {
            /* Not in a snapshot (the configuration tool rejects it). */
            p->ctx.r[0] = (uint32_t)PK_EINVAL;
            return;
        }
        if (dma_escapes(p, dev, dma, off, value, &bad)) {
            /* Refused: the device keeps its old value. */
            if (pk_hm_fault(p, PK_HM_BAD_POINTER, bad, p->ctx.r[15] - 4u,
                            (uint32_t)PK_EFAULT, true))
                p->ctx.r[0] = (uint32_t)PK_EFAULT;
            pk_kernel_exit_work(true);
            return;
        }
        dev_shadow[p->index][dev][off / 4u] = value;
    }
    /* The caller's DACR is loaded: its user domain, which holds the
     * device's pages, is client, and the pages are writable to the
     * kernel. */
    *dev_reg(d, off) = value;
    p->ctx.r[0] = PK_OK;
}

void pk_dev_reset(struct pk_part *p)
{
    const struct pk_partition_config *c = p->cfg;
    /* The partition's view need not be loaded (boot, or another
     * partition's fault path): open one that reaches its devices. */
    pk_arch_view_t saved = pk_arch_view_open_part(p);
    for (uint32_t dev = 0; dev < c->n_devices && dev < PK_MAX_DEVICES; dev++) {
        const struct pk_device_config *d = &c->devices[dev];
        const struct pk_dma_config *dma = d->dma;
        if (d->reset != NULL)
            d->reset(d->regs);
        if (dma == NULL)
            continue;
        uint32_t *shadow = dev_shadow[p->index][dev];
        struct bsp_dma_range r[BSP_DMA_MAX_RANGES];
        bool active = dma->extent(shadow, r) != 0u;
        dma->quiesce(d->regs);
        memset(shadow, 0, sizeof dev_shadow[0][0]);
        for (uint32_t i = 0; i < dma->n_regs && i < PK_DMA_MAX_REGS; i++) {
            uint32_t off = dma->regs[i];
            if (off / 4u < BSP_DMA_SHADOW_WORDS)
                shadow[off / 4u] = *dev_reg(d, off);
        }
        /* Read back: a device that still transfers would keep reaching
         * memory the next run (or nobody) owns. */
        if (dma->extent(shadow, r) != 0u)
            pk_panic("bus master does not stop", NULL, 0u, 0u);
        if (active)
            pk_printf("PK dma stopped partition=%s device=%s\n", c->name,
                      d->name);
    }
    pk_arch_view_restore_part(saved);
}
