/*
 * fake_board.c - the board (bsp.h), the MMU (mmu.h), the fake CPU's state
 * (fake/cpu.h) and the two assembly helpers of the partitioning kernel
 * (pk_arch_copy_regs, pk_arch_resume), for the kernel's host build.
 * Interface for tests: fake.h.
 */
#define _GNU_SOURCE /* MAP_FIXED_NOREPLACE */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "fake.h"

#include "bsp.h"
#include "mmu.h"
#include "pk_kernel.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

const char bsp_board_name[] = "host";

uint32_t fake_cpu_dacr;
uint32_t fake_cpu_tpidrurw;
unsigned fake_cpu_clrex_count;
unsigned fake_cpu_thumbee_locks;
uint32_t fake_cpu_far;
uint32_t fake_cpu_dfsr;
uint32_t fake_cpu_ifsr;
uint32_t fake_cpu_ttbr;

uint64_t fake_now_ns;
unsigned fake_clock_reads;
bool fake_timer_armed;
uint64_t fake_timer_deadline;
unsigned fake_timer_arms;
static void (*timer_handler)(void); /* registered by the kernel */

uint64_t fake_irq_enabled;
uint64_t fake_irq_pending;
unsigned fake_irq_enable_calls;
unsigned fake_irq_disable_calls;
unsigned fake_irq_last_enabled;
/* Handlers attached per source (the fake controller has 64, so that the
 * kernel is tested with sources beyond 32, as on a GIC). */
#define FAKE_IRQS 64u
const unsigned bsp_irq_count = FAKE_IRQS;
static bsp_irq_handler_t irq_handlers[FAKE_IRQS];
static void *irq_args[FAKE_IRQS];

jmp_buf *fake_exit_jmp;
int fake_exit_status;
unsigned fake_exit_calls;
jmp_buf *fake_resume_jmp;
jmp_buf *fake_idle_jmp;
unsigned fake_idle_waits;

unsigned fake_dacr_writes;
uint32_t fake_dacr_union;
unsigned fake_mmu_maps;
unsigned fake_mmu_page_maps;

void (*fake_assert_hook)(const char *expr, const char *file, int line);

/* Console capture: a linear buffer that keeps the latest output. */
static char console[1u << 16];
static size_t console_len;

/* ---- Memory ---- */

static bool mem_mapped;
/* Protection last applied per partition and range (0 guest kernel, 1 user),
 * so that only changes cost a system call. -1: not applied yet. */
static int range_prot[PK_MAX_PARTITIONS][2];

void fake_mem_map(void)
{
    if (mem_mapped)
        return;
    uint32_t end = FAKE_KRAM_BASE + FAKE_KRAM_SIZE;
    for (uint32_t i = 0; i < pk_system.n_partitions; i++) {
        const struct pk_partition_config *c = &pk_system.partitions[i];
        if (c->kernel_base < end || c->user_base < c->kernel_base) {
            fprintf(stderr, "fake board: partition %u ranges must follow the "
                            "fake kernel RAM in order\n", i);
            exit(2);
        }
        end = c->user_base + c->user_size;
    }
    void *want = (void *)(uintptr_t)FAKE_KRAM_BASE;
    size_t len = end - FAKE_KRAM_BASE;
    void *got = mmap(want, len, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (got != want) {
        fprintf(stderr, "fake board: cannot map partition memory at 0x%08x "
                        "(%zu bytes): %s\n", FAKE_KRAM_BASE, len,
                got == MAP_FAILED ? strerror(errno) : "placed elsewhere");
        exit(2);
    }
    /* Assigned devices' pages: plain memory where their registers are
     * (PK_SVC_DEV_WRITE stores there). */
    for (uint32_t i = 0; i < pk_system.n_partitions; i++) {
        const struct pk_partition_config *c = &pk_system.partitions[i];
        for (uint32_t d = 0; d < c->n_devices && d < PK_MAX_DEVICES; d++) {
            void *dw = (void *)(uintptr_t)c->devices[d].base;
            void *dg = mmap(dw, c->devices[d].size, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
                            -1, 0);
            if (dg != dw) {
                fprintf(stderr, "fake board: cannot map device pages at "
                                "0x%08x: %s\n", c->devices[d].base,
                        dg == MAP_FAILED ? strerror(errno) : "placed elsewhere");
                exit(2);
            }
        }
    }
    for (uint32_t i = 0; i < PK_MAX_PARTITIONS; i++)
        range_prot[i][0] = range_prot[i][1] = -1;
    mem_mapped = true;
}

static void protect(uint32_t part, int which, uint32_t base, uint32_t size,
                    int prot)
{
    if (range_prot[part][which] == prot)
        return;
    if (mprotect((void *)(uintptr_t)base, size, prot) != 0) {
        perror("fake board: mprotect");
        abort();
    }
    range_prot[part][which] = prot;
}

/* The DACR as page protections: "no access" -> PROT_NONE, else RW. */
static void apply_dacr(uint32_t dacr, bool open)
{
    if (!mem_mapped)
        return;
    for (uint32_t i = 0; i < pk_system.n_partitions; i++) {
        const struct pk_partition_config *c = &pk_system.partitions[i];
        uint32_t gk = (dacr >> (2u * PK_DOMAIN_GUEST_KERNEL(i))) & 3u;
        uint32_t us = (dacr >> (2u * PK_DOMAIN_USER(i))) & 3u;
        int rw = PROT_READ | PROT_WRITE;
        protect(i, 0, c->kernel_base, c->kernel_size,
                open || gk != 0u ? rw : PROT_NONE);
        protect(i, 1, c->user_base, c->user_size,
                open || us != 0u ? rw : PROT_NONE);
    }
}

void fake_mem_open(void)
{
    apply_dacr(0u, true);
}

void fake_mem_guard(void)
{
    apply_dacr(fake_cpu_dacr, false);
}

/* A board translation table: RAM at 0 (cacheable) and one device section,
 * which pk_mem_init() retags into D0 and D1. */
static void make_l1_table(void)
{
    uint32_t *l1 = (uint32_t *)(uintptr_t)FAKE_KRAM_BASE;
    memset(l1, 0, 16384u);
    l1[0] = 0x00000000u | 0xCu | 0x2u;
    l1[0x101] = 0x10100000u | 0x2u;
    fake_cpu_ttbr = FAKE_KRAM_BASE;
}

void fake_reset(void)
{
    fake_mem_map();
    fake_cpu_dacr = 0u;
    fake_cpu_far = fake_cpu_dfsr = fake_cpu_ifsr = 0u;
    fake_cpu_tpidrurw = 0u;
    fake_cpu_thumbee_locks = 0u;
    fake_console_fifo_room = SIZE_MAX;
    make_l1_table();
    fake_now_ns = 0u;
    fake_clock_reads = 0u;
    fake_timer_armed = false;
    fake_timer_deadline = 0u;
    fake_timer_arms = 0u;
    timer_handler = NULL;
    fake_irq_enabled = fake_irq_pending = 0u;
    fake_irq_enable_calls = fake_irq_disable_calls = 0u;
    fake_irq_last_enabled = 0u;
    memset(irq_handlers, 0, sizeof irq_handlers);
    memset(irq_args, 0, sizeof irq_args);
    fake_exit_jmp = fake_resume_jmp = fake_idle_jmp = NULL;
    fake_exit_status = 0;
    fake_exit_calls = 0u;
    fake_idle_waits = 0u;
    fake_dacr_writes = 0u;
    fake_dacr_union = 0u;
    fake_mmu_maps = fake_mmu_page_maps = 0u;
    fake_probe_level = 0u;
    fake_probe_writes = 0u;
    fake_console_clear();
    fake_mem_open();
}

/* ---- Console ---- */

static void console_add(const char *s, size_t len)
{
    if (len >= sizeof console - 1u) {
        s += len - (sizeof console - 2u);
        len = sizeof console - 2u;
    }
    if (console_len + len >= sizeof console - 1u) {
        /* Keep the newer half. */
        size_t keep = (sizeof console) / 2u;
        memmove(console, console + console_len - keep, keep);
        console_len = keep;
    }
    memcpy(console + console_len, s, len);
    console_len += len;
    console[console_len] = '\0';
}

const char *fake_console_text(void)
{
    return console;
}

void fake_console_clear(void)
{
    console_len = 0u;
    console[0] = '\0';
}

void bsp_console_putc(char c)
{
    console_add(&c, 1u);
}

void bsp_console_write(const char *s, size_t len)
{
    console_add(s, len);
}

/* The UART's transmit FIFO: the bytes it takes before it is full (a test
 * sets it; SIZE_MAX: unbounded, as QEMU's). */
size_t fake_console_fifo_room = SIZE_MAX;

size_t bsp_console_write_some(const char *s, size_t len)
{
    size_t n = len < fake_console_fifo_room ? len : fake_console_fifo_room;
    console_add(s, n);
    if (fake_console_fifo_room != SIZE_MAX)
        fake_console_fifo_room -= n;
    return n;
}

int bsp_console_getc(void)
{
    return -1;
}

/* ---- Time ---- */

void bsp_init(void)
{
}

uint64_t bsp_clock_ns(void)
{
    fake_clock_reads++;
    return fake_now_ns;
}

void bsp_timer_set_handler(void (*handler)(void))
{
    timer_handler = handler;
}

void bsp_timer_arm(uint64_t deadline_ns)
{
    fake_timer_armed = true;
    fake_timer_deadline = deadline_ns;
    fake_timer_arms++;
}

void bsp_timer_arm_from(uint64_t deadline_ns, uint64_t now_ns)
{
    /* now_ns is a reading the caller took: never ahead of the clock. */
    if (now_ns > fake_now_ns) {
        fprintf(stderr, "bsp_timer_arm_from: now %llu is ahead of the clock %llu\n",
                (unsigned long long)now_ns, (unsigned long long)fake_now_ns);
        abort();
    }
    bsp_timer_arm(deadline_ns);
}

void bsp_timer_cancel(void)
{
    fake_timer_armed = false;
}

/* The timer interrupt: the deadline is reached. */
static unsigned timer_fire_if_due(void)
{
    if (!fake_timer_armed || fake_now_ns < fake_timer_deadline)
        return 0u;
    fake_timer_armed = false;
    if (timer_handler != NULL)
        timer_handler();
    return 1u;
}

void fake_clock_set(uint64_t now_ns)
{
    fake_now_ns = now_ns;
    timer_fire_if_due();
}

/* ---- Interrupts ---- */

void bsp_irq_attach(unsigned source, bsp_irq_handler_t handler, void *arg)
{
    if (source >= FAKE_IRQS)
        abort();
    irq_handlers[source] = handler;
    irq_args[source] = arg;
    bsp_irq_enable(source);
}

void bsp_irq_enable(unsigned source)
{
    if (source >= FAKE_IRQS) {
        fprintf(stderr, "fake board: bsp_irq_enable(%u)\n", source);
        abort();
    }
    fake_irq_enabled |= 1ull << source;
    fake_irq_enable_calls++;
    fake_irq_last_enabled = source;
}

void bsp_irq_disable(unsigned source)
{
    if (source >= FAKE_IRQS) {
        fprintf(stderr, "fake board: bsp_irq_disable(%u)\n", source);
        abort();
    }
    fake_irq_enabled &= ~(1ull << source);
    fake_irq_disable_calls++;
}

void bsp_irq_dispatch(void)
{
    (void)timer_fire_if_due();
    for (unsigned s = 0; s < FAKE_IRQS; s++) {
        uint64_t bit = 1ull << s;
        if ((fake_irq_pending & fake_irq_enabled & bit) == 0u)
            continue;
        fake_irq_pending &= ~bit;
        if (irq_handlers[s] != NULL)
            irq_handlers[s](irq_args[s]);
    }
}

void fake_cpu_wfi(void)
{
    fake_idle_waits++;
    if ((fake_irq_pending & fake_irq_enabled) != 0u)
        return;
    /* A timer armed at PK_TIME_NEVER never calls the kernel (the board
     * counts capped countdowns until then): as if unarmed. */
    if (fake_timer_armed && fake_timer_deadline != UINT64_MAX) {
        if (fake_timer_deadline > fake_now_ns)
            fake_now_ns = fake_timer_deadline;
        return;
    }
    if (fake_idle_jmp != NULL)
        longjmp(*fake_idle_jmp, 1);
    fprintf(stderr, "fake board: the kernel waits for an interrupt that "
                    "can never come\n");
    abort();
}

/* ---- Probe pins, idle, exit ---- */

uint32_t fake_probe_level;
unsigned fake_probe_writes;

void bsp_probe_set(unsigned pin)
{
    fake_probe_writes++;
    if (pin < 32u)
        fake_probe_level |= 1u << pin;
}

void bsp_probe_clear(unsigned pin)
{
    fake_probe_writes++;
    if (pin < 32u)
        fake_probe_level &= ~(1u << pin);
}

void bsp_probe_write(unsigned mask)
{
    fake_probe_writes++;
    fake_probe_level = mask;
}

void bsp_cpu_idle(void)
{
    fake_cpu_wfi();
}

void bsp_exit(int status)
{
    fake_exit_status = status;
    fake_exit_calls++;
    if (fake_exit_jmp != NULL)
        longjmp(*fake_exit_jmp, 1);
    fprintf(stderr, "fake board: bsp_exit(%d) outside a test\n%s\n", status,
            fake_console_text());
    abort();
}

/* ---- MMU ---- */

void mmu_table_clear(void)
{
}

void mmu_map(uint32_t va, uint32_t pa, uint32_t size, enum mmu_ap ap,
             enum mmu_mem mem, unsigned domain)
{
    (void)va;
    (void)pa;
    (void)size;
    (void)ap;
    (void)mem;
    if (domain > 15u)
        abort();
    fake_mmu_maps++;
}

int mmu_map_pages(uint32_t va, uint32_t pa, uint32_t size, enum mmu_ap ap,
                  enum mmu_mem mem, unsigned domain)
{
    (void)va;
    (void)pa;
    (void)size;
    (void)ap;
    (void)mem;
    if (domain > 15u)
        abort();
    fake_mmu_page_maps++;
    return 0;
}

void mmu_enable(uint32_t dacr)
{
    mmu_set_dacr(dacr);
}

void mmu_set_dacr(uint32_t dacr)
{
    fake_cpu_dacr = dacr;
    fake_dacr_writes++;
    fake_dacr_union |= dacr;
    apply_dacr(dacr, false);
}

uint32_t mmu_get_dacr(void)
{
    return fake_cpu_dacr;
}

void mmu_tlb_flush(void)
{
}

/* The fake board's table (make_l1_table): sections only. */
void mmu_lookup(uint32_t va, struct mmu_mapping *m)
{
    const uint32_t *l1 = (const uint32_t *)(uintptr_t)fake_cpu_ttbr;
    uint32_t d = l1[va >> 20];
    m->domain = (d >> 5) & 0xFu;
    m->ap = (enum mmu_ap)((d >> 10) & 3u);
    if ((d & 3u) == 2u) {
        m->kind = MMU_KIND_SECTION;
        m->pa = (d & 0xFFF00000u) | (va & 0xFFFFFu);
        m->mem = (d & 0x8u) != 0u ? MMU_MEM_NORMAL : MMU_MEM_DEVICE;
    } else {
        m->kind = MMU_KIND_FAULT;
        m->pa = 0u;
        m->mem = MMU_MEM_DEVICE;
    }
}

unsigned mmu_table_count(void)
{
    return 1u;
}

bool mmu_table_sum_step(unsigned t, uint32_t *entry, uint32_t *h,
                        uint32_t words)
{
    (void)t;
    (void)words;
    *entry = 1u;
    *h = fake_mmu_maps * 31u + fake_mmu_page_maps;
    return true;
}

void mmu_debug_damage(uint32_t va)
{
    (void)va;
    fake_mmu_maps++;
}

/* ---- The assembly helpers of partitions/arch/arm ---- */

void pk_arch_copy_regs(struct pk_regs *dst, const struct pk_regs *src)
{
    *dst = *src;
}

void pk_arch_resume(void)
{
    if (fake_resume_jmp != NULL)
        longjmp(*fake_resume_jmp, 1);
    fprintf(stderr, "fake board: pk_arch_resume outside a boot\n");
    abort();
}

/* ---- Scheduler invariants ---- */

void pk_sched_assert_fail(const char *expr, const char *file, int line)
{
    if (fake_assert_hook != NULL) {
        fake_assert_hook(expr, file, line);
        return;
    }
    fprintf(stderr, "scheduler invariant failed: %s (%s:%d)\n", expr, file,
            line);
    abort();
}
