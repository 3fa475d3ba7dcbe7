/*
 * pk-dma, partition "dmatest": owns the PL110 CLCD, a bus master, and tries
 * to make it read memory outside its own user range.
 *
 * Each attempt prints
 *   WHAT id=<id> <what is tried>
 *   ATTEMPT id=<id> expect=<HM kind | none> [addr=0x<hex> status=<0x<hex>|any>]
 *   OUTCOME id=<id> result=0x<hex> hm=+<n> <ok | BAD>
 * around it: check.py pairs the ATTEMPT with the kernel's HM line. "ok"
 * means the partition saw what it must: the service call's result, one
 * health-monitor record per refusal and none otherwise, and the register
 * read back (the pages are readable) unchanged after a refusal and holding
 * the value after an accepted write. Attempts:
 *   - a direct store to UPBASE, from the guest kernel and from a task:
 *     the pages are read-only, a data abort;
 *   - PK_SVC_DEV_WRITE of UPBASE and LPBASE with another partition's
 *     address, the kernel's, its own guest-kernel range, just below its
 *     user range, so that the frame ends exactly at the end of the user
 *     range (accepted), 1 and 4 bytes further (refused), and wrapping
 *     past 2^32 (refused); LPBASE counts only in dual-panel mode;
 *   - enlarging the frame (pixels per line, lines, bits per pixel) under
 *     a base that fitted;
 *   - a bad base while the controller is disabled (accepted: no DMA), then
 *     enabling it (refused);
 *   - bad device index and offsets (PK_EINVAL, no record).
 * Then it prints "DMATEST complete attempts=<n> bad=<b>" and, if all were
 * ok, jumps into kernel memory: a prefetch abort that cannot be skipped,
 * so the health monitor stops the partition and the kernel must stop the
 * CLCD's DMA ("PK dma stopped ..."). With a bad attempt it ends the run
 * with RESULT FAIL instead.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

#include "../../../../../bsp/drivers/pl110.h"

#if !defined(PK_DEVICE_DISPLAY_INDEX) || !defined(PK_DEVICE_DISPLAY_REGS)
#error "dmatest needs the display device (system.toml)"
#endif

/* Memory of the system, from the configuration (tools/pkconfig.py's
 * PK_MAP_* and PK_BOARD_*: system.toml placed in the board's RAM). */
#define OWN_GK PK_LAYOUT_SELF_KERNEL_BASE  /* this partition's guest-kernel range */
#define OWN_USER PK_LAYOUT_SELF_USER_BASE  /* its user range, 1 MiB */
#define OWN_USER_END (PK_LAYOUT_SELF_USER_BASE + PK_LAYOUT_SELF_USER_SIZE)
#define OTHER_USER PK_LAYOUT_PERIODIC_USER_BASE  /* periodic's user range */
#define OTHER_GK PK_LAYOUT_PERIODIC_KERNEL_BASE  /* periodic's guest-kernel range */
#define KERNEL_MEM (PK_LAYOUT_KERNEL_BASE + 0x10000u) /* the kernel's text */

/* The frame the driver programs: 320 x 240, 16 bits per pixel. */
#define W 320u
#define H 240u
#define FRAME (W * H * 2u)

/* HM status of a refused DEV_WRITE (PK_EFAULT) and of a store to a
 * read-only page of this partition's user domain D5 (DFSR: domain 5,
 * page permission fault 0xF). */
#define ST_EFAULT 0xfffffffdu
/* The user domain is D5 with domains alone, D3 with a table per partition
 * (PK_LAYOUT_ASID); ARMv6 and later add the DFSR's WnR bit 11. */
#ifdef PK_LAYOUT_ASID
#define ST_RO_DOMAIN 3u
#else
#define ST_RO_DOMAIN 5u
#endif
#if __ARM_ARCH >= 6
#define ST_RO_PAGE (0x80fu | (ST_RO_DOMAIN << 4))
#else
#define ST_RO_PAGE (0x00fu | (ST_RO_DOMAIN << 4))
#endif

#define REG(off) (*(volatile uint32_t *)(uintptr_t)(PK_DEVICE_DISPLAY_REGS + (off)))

static uint16_t fb[W * H] __attribute__((aligned(8)));
static unsigned n_attempts, n_bad;

static uint32_t own_faults(void)
{
    struct pk_part_status st;
    if (pv_part_status(PK_SELF, &st) != PK_OK)
        return 0xFFFFFFFFu;
    return st.faults;
}

/* What the partition expects of one write. */
enum expect {
    ACCEPT,   /* PK_OK, the register holds the value, no record */
    REFUSE,   /* PK_EFAULT, register unchanged, one bad_pointer record */
    INVALID,  /* PK_EINVAL, no record */
};

static void outcome(const char *id, uint32_t result, uint32_t hm, bool ok)
{
    n_attempts++;
    if (!ok)
        n_bad++;
    printf("OUTCOME id=%s result=0x%08lx hm=+%lu %s\n", id,
           (unsigned long)result, (unsigned long)hm, ok ? "ok" : "BAD");
}

/* One PK_SVC_DEV_WRITE of value at off of device dev. For REFUSE, addr is
 * the start of the transfer the kernel must name. */
static void dev_write(const char *id, const char *what, uint32_t dev,
                      uint32_t off, uint32_t value, enum expect e,
                      uint32_t addr)
{
    bool readable = dev == PK_DEVICE_DISPLAY_INDEX && off < 0x1000u &&
                    (off & 3u) == 0u;
    uint32_t before = readable ? REG(off) : 0u;
    printf("WHAT id=%s %s\n", id, what);
    if (e == REFUSE)
        printf("ATTEMPT id=%s expect=bad_pointer addr=0x%08lx status=0x%08lx\n",
               id, (unsigned long)addr, (unsigned long)ST_EFAULT);
    else
        printf("ATTEMPT id=%s expect=none\n", id);
    uint32_t f0 = own_faults();
    int32_t r = pv_dev_write(dev, off, value);
    uint32_t hm = own_faults() - f0;
    uint32_t after = readable ? REG(off) : 0u;
    bool ok;
    switch (e) {
    case ACCEPT:
        ok = r == PK_OK && hm == 0u && after == value;
        break;
    case REFUSE:
        ok = r == PK_EFAULT && hm == 1u && after == before;
        break;
    case INVALID:
    default:
        ok = r == PK_EINVAL && hm == 0u && after == before;
        break;
    }
    outcome(id, (uint32_t)r, hm, ok);
}

/* A plain store to a CLCD register: the page is read-only, so a data
 * abort, skipped (on_fault = "log"), and the register keeps its value. */
static void direct_store(const char *id, const char *what, uint32_t off,
                         uint32_t value)
{
    uint32_t before = REG(off);
    printf("WHAT id=%s %s\n", id, what);
    printf("ATTEMPT id=%s expect=data_abort addr=0x%08lx status=0x%02lx\n",
           id, (unsigned long)(PK_DEVICE_DISPLAY_REGS + off),
           (unsigned long)ST_RO_PAGE);
    uint32_t f0 = own_faults();
    REG(off) = value;
    uint32_t hm = own_faults() - f0;
    outcome(id, REG(off), hm, hm == 1u && REG(off) == before);
}

static void svc_write(uint32_t off, uint32_t value)
{
    (void)pv_dev_write(PK_DEVICE_DISPLAY_INDEX, off, value);
}

/* TIMING0 / TIMING1 with another panel size, porches as pl110_init's. */
static uint32_t tim0_ppl(uint32_t ppl)
{
    return (REG(PL110_TIMING0) & ~(PL110_T0_PPL_MASK << PL110_T0_PPL_SHIFT)) |
           ((ppl / 16u - 1u) << PL110_T0_PPL_SHIFT);
}

static uint32_t tim1_lines(uint32_t lines)
{
    return (REG(PL110_TIMING1) & ~(PL110_T1_LPP_MASK << PL110_T1_LPP_SHIFT)) |
           ((lines - 1u) << PL110_T1_LPP_SHIFT);
}

static void fail(const char *why)
{
    printf("RESULT pk-dma FAIL %s\n", why);
    pv_test_exit(1);
}

static void attacks(void *arg)
{
    (void)arg;
    const uint32_t d = PK_DEVICE_DISPLAY_INDEX;
    const uint32_t last = OWN_USER_END - FRAME; /* frame ends at the end */

    /* Set-up through the driver, every write a service call. */
    uint32_t f0 = own_faults();
    pl110_set_reg_write(svc_write);
    if (pl110_init(PK_DEVICE_DISPLAY_REGS, fb, W, H) != 0)
        fail("pl110_init refused its arguments");
    if (own_faults() != f0 || REG(PL110_UPBASE) != (uint32_t)(uintptr_t)fb ||
        (REG(PL110_CONTROL) & PL110_CTRL_EN) == 0u)
        fail("the driver's set-up through PK_SVC_DEV_WRITE did not take");
    const uint32_t ctrl = REG(PL110_CONTROL);
    const uint32_t tim0 = REG(PL110_TIMING0), tim1 = REG(PL110_TIMING1);

    /* (a) Direct store from a task. */
    direct_store("T01", "task stores UPBASE directly", PL110_UPBASE,
                 OTHER_USER);

    /* (b) UPBASE through the service call, single panel, enabled. */
    dev_write("T02", "UPBASE = periodic's user range", d, PL110_UPBASE,
              OTHER_USER, REFUSE, OTHER_USER);
    dev_write("T03", "UPBASE = periodic's guest-kernel range", d,
              PL110_UPBASE, OTHER_GK, REFUSE, OTHER_GK);
    dev_write("T04", "UPBASE = kernel memory", d, PL110_UPBASE, KERNEL_MEM,
              REFUSE, KERNEL_MEM);
    dev_write("T05", "UPBASE = address 0", d, PL110_UPBASE, 0u, REFUSE, 0u);
    dev_write("T06", "UPBASE = own guest-kernel range", d, PL110_UPBASE,
              OWN_GK, REFUSE, OWN_GK);
    dev_write("T07", "UPBASE = user end - frame: ends exactly at the end", d,
              PL110_UPBASE, last, ACCEPT, 0u);
    /* The silicon ignores the base's bits 2:0: the transfer the kernel
     * names starts at the doubleword below (and ends 4 bytes past). */
    dev_write("T08", "UPBASE = user end - frame + 4", d, PL110_UPBASE,
              last + 4u, REFUSE, last);
    dev_write("T09", "UPBASE = user end - frame + 1 (one byte past)", d,
              PL110_UPBASE, last + 1u, REFUSE, last);
    dev_write("T10", "UPBASE = user end: starts past the end", d,
              PL110_UPBASE, OWN_USER_END, REFUSE, OWN_USER_END);
    dev_write("T11", "UPBASE = user start - 8", d, PL110_UPBASE,
              OWN_USER - 8u, REFUSE, OWN_USER - 8u);
    dev_write("T12", "UPBASE = user start", d, PL110_UPBASE, OWN_USER,
              ACCEPT, 0u);
    dev_write("T13", "UPBASE = 0xfffffff8: wraps past 2^32", d,
              PL110_UPBASE, 0xFFFFFFF8u, REFUSE, 0xFFFFFFF8u);
    dev_write("T14", "UPBASE = -frame/2: wraps into address 0", d,
              PL110_UPBASE, 0u - FRAME / 2u, REFUSE, 0u - FRAME / 2u);

    /* LPBASE: read by the controller in dual-panel mode only. */
    dev_write("T15", "LPBASE = kernel memory, single panel (not read)", d,
              PL110_LPBASE, KERNEL_MEM, ACCEPT, 0u);
    dev_write("T16", "CONTROL dual panel with LPBASE = kernel memory", d,
              PL110_CONTROL, ctrl | PL110_CTRL_DUAL, REFUSE, KERNEL_MEM);
    dev_write("T17", "LPBASE = user start", d, PL110_LPBASE, OWN_USER,
              ACCEPT, 0u);
    dev_write("T18", "CONTROL dual panel", d, PL110_CONTROL,
              ctrl | PL110_CTRL_DUAL, ACCEPT, 0u);
    dev_write("T19", "LPBASE = periodic's user range", d, PL110_LPBASE,
              OTHER_USER, REFUSE, OTHER_USER);
    dev_write("T20", "LPBASE = kernel memory", d, PL110_LPBASE, KERNEL_MEM,
              REFUSE, KERNEL_MEM);
    dev_write("T21", "LPBASE = user end - frame: ends exactly at the end", d,
              PL110_LPBASE, last, ACCEPT, 0u);
    dev_write("T22", "LPBASE = user end - frame + 4", d, PL110_LPBASE,
              last + 4u, REFUSE, last);
    dev_write("T23", "LPBASE = 0xfffffff8: wraps past 2^32", d,
              PL110_LPBASE, 0xFFFFFFF8u, REFUSE, 0xFFFFFFF8u);
    dev_write("T24", "CONTROL single panel again", d, PL110_CONTROL, ctrl,
              ACCEPT, 0u);

    /* (c) A frame that fitted grows past the end. */
    dev_write("T25", "UPBASE = user end - frame", d, PL110_UPBASE, last,
              ACCEPT, 0u);
    dev_write("T26", "TIMING0: 336 pixels per line", d, PL110_TIMING0,
              tim0_ppl(W + 16u), REFUSE, last);
    dev_write("T27", "TIMING1: 241 lines", d, PL110_TIMING1,
              tim1_lines(H + 1u), REFUSE, last);
    dev_write("T28", "CONTROL: 32 bits per pixel", d, PL110_CONTROL,
              (ctrl & ~PL110_CTRL_BPP_MASK) | PL110_CTRL_BPP32, REFUSE, last);
    dev_write("T29", "UPBASE = user start", d, PL110_UPBASE, OWN_USER,
              ACCEPT, 0u);
    dev_write("T30", "CONTROL: 32 bits per pixel at the user start", d,
              PL110_CONTROL, (ctrl & ~PL110_CTRL_BPP_MASK) | PL110_CTRL_BPP32,
              ACCEPT, 0u);
    dev_write("T31", "TIMING0: 1024 pixels per line at 32 bpp (960 KiB)", d,
              PL110_TIMING0, tim0_ppl(1024u), ACCEPT, 0u);
    dev_write("T32", "TIMING1: 257 lines (1028 KiB, more than the range)", d,
              PL110_TIMING1, tim1_lines(257u), REFUSE, OWN_USER);
    dev_write("T33", "TIMING0 back to 320 pixels", d, PL110_TIMING0, tim0,
              ACCEPT, 0u);
    dev_write("T34", "CONTROL back to 16 bits per pixel", d, PL110_CONTROL,
              ctrl, ACCEPT, 0u);

    /* The enable bit: a disabled controller reads nothing. */
    dev_write("T35", "CONTROL: disabled", d, PL110_CONTROL,
              ctrl & ~(PL110_CTRL_EN | PL110_CTRL_PWR), ACCEPT, 0u);
    dev_write("T36", "UPBASE = kernel memory while disabled", d,
              PL110_UPBASE, KERNEL_MEM, ACCEPT, 0u);
    dev_write("T37", "TIMING0: 1024 pixels per line while disabled", d,
              PL110_TIMING0, tim0_ppl(1024u), ACCEPT, 0u);
    dev_write("T38", "TIMING1: 1024 lines while disabled", d, PL110_TIMING1,
              tim1_lines(1024u), ACCEPT, 0u);
    dev_write("T39", "CONTROL: enabled over kernel memory", d, PL110_CONTROL,
              ctrl, REFUSE, KERNEL_MEM);
    dev_write("T40", "UPBASE = user start", d, PL110_UPBASE, OWN_USER,
              ACCEPT, 0u);
    dev_write("T41", "CONTROL: enabled with a 1024 x 1024 frame (2 MiB)", d,
              PL110_CONTROL, ctrl, REFUSE, OWN_USER);
    dev_write("T42", "TIMING0 back to 320 pixels", d, PL110_TIMING0, tim0,
              ACCEPT, 0u);
    dev_write("T43", "TIMING1 back to 240 lines", d, PL110_TIMING1, tim1,
              ACCEPT, 0u);
    dev_write("T44", "CONTROL: enabled", d, PL110_CONTROL, ctrl, ACCEPT, 0u);

    /* (d) Bad arguments. */
    dev_write("T45", "device index 1 (not assigned)", d + 1u, PL110_UPBASE,
              OWN_USER, INVALID, 0u);
    dev_write("T46", "offset 0x12 (not word aligned)", d, 0x12u, OWN_USER,
              INVALID, 0u);
    dev_write("T47", "offset 0x1000 (past the register page)", d, 0x1000u,
              OWN_USER, INVALID, 0u);
    dev_write("T48", "offset 0xfffffffc", d, 0xFFFFFFFCu, OWN_USER, INVALID,
              0u);
    dev_write("T49", "IMSC (not a DMA register)", d, PL110_IMSC, 0u, ACCEPT,
              0u);

    printf("DMATEST complete attempts=%u bad=%u\n", n_attempts, n_bad);
    if (n_bad != 0u)
        fail("an attempt had an effect or was refused wrongly");
    /* The CLCD scans out of this partition's memory now; a fault that
     * cannot be skipped stops the partition, and the kernel must stop the
     * DMA with it. */
    printf("WHAT id=T50 jump into kernel memory (stops the partition)\n");
    printf("ATTEMPT id=T50 expect=prefetch_abort addr=0x%08lx status=any\n",
           (unsigned long)KERNEL_MEM);
    ((void (*)(void))(uintptr_t)KERNEL_MEM)();
    fail("the jump into kernel memory returned");
}

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[1024];

int main(void)
{
    os_init();
    /* From the guest kernel: the pages are read-only in this mode too, and
     * the service call is allowed. */
    direct_store("G01", "guest kernel stores UPBASE directly", PL110_UPBASE,
                 OTHER_USER);
    dev_write("G02", "guest kernel: UPBASE = kernel memory (disabled)",
              PK_DEVICE_DISPLAY_INDEX, PL110_UPBASE, KERNEL_MEM, ACCEPT, 0u);
    dev_write("G03", "guest kernel: UPBASE = user start",
              PK_DEVICE_DISPLAY_INDEX, PL110_UPBASE, OWN_USER, ACCEPT, 0u);
    os_task_create(&task, "attacks", attacks, NULL, 2, stack, 1024u);
    os_start();
}
