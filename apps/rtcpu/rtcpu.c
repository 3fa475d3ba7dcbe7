/*
 * rtcpu - a task probes the CPU state bits and privileged instructions it
 * can reach in USR mode (on_fault = "log": a refused instruction is logged
 * and skipped). Each probe prints
 *   rtcpu: <probe> cpsr=0x<cpsr after it> faults=<HM records so far>
 * and the HM line of a refused instruction comes before it. The run ends
 * with "RESULT rt-cpu PASS" if the task never left USR mode with IRQs
 * enabled, "FAIL" otherwise. (bkpt is left out: it is a prefetch abort,
 * IFSR 0x2, which cannot be skipped and stops the partition; the kernel
 * goes on.)
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

/* The victim-less system: RAM no partition has (tools/pkconfig.py's
 * PK_LAYOUT_RAM_BASE; the system's partition ends below it). */
#define OTHER_USER (PK_LAYOUT_RAM_BASE + 0x01300000u)

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[512];
static int bad;

static uint32_t cpsr(void)
{
    uint32_t v;
    __asm__ volatile("mrs %0, cpsr" : "=r"(v));
    return v;
}

static uint32_t faults(void)
{
    struct pk_part_status st;
    return pv_part_status(PK_SELF, &st) == PK_OK ? st.faults : 0xFFFFFFFFu;
}

static void report(const char *what)
{
    uint32_t c = cpsr();
    if ((c & 0x1Fu) != 0x10u || (c & 0xC0u) != 0u)
        bad = 1;
    printf("rtcpu: %s cpsr=0x%08lx faults=%lu\n", what, (unsigned long)c,
           (unsigned long)faults());
}

static void run(void *arg)
{
    (void)arg;
    report("start");
    __asm__ volatile("msr cpsr_c, #0xd3" ::: "memory");
    report("msr cpsr_c #0xd3 (SVC, I, F)");
    __asm__ volatile("msr cpsr_fsxc, %0" ::"r"(0x000001DFu) : "memory");
    report("msr cpsr_fsxc SYS|A|I|F");
    {
        uint32_t r = 0;
        __asm__ volatile("adr r3, 1f\n"
                         "    bxj r3\n"
                         "    mov %0, #1\n"
                         "1:  nop\n"
                         : "+r"(r)::"r3");
        printf("rtcpu: bxj skipped=%lu\n", (unsigned long)(r == 0u));
        report("bxj");
    }
    {
        uint32_t v = 0x55u;
        __asm__ volatile("swp %0, %0, [%1]" : "+r"(v) : "r"(OTHER_USER)
                         : "memory");
        report("swp on unowned RAM");
    }
    {
        uint32_t v = 0;
        __asm__ volatile("mrc p14, 0, %0, c0, c0, 0" : "=r"(v));
        printf("rtcpu: mrc p14 gave 0x%08lx\n", (unsigned long)v);
        report("mrc p14 (debug id)");
    }
    {
        uint32_t v = 0;
        __asm__ volatile("mcr p15, 0, %0, c7, c5, 0" ::"r"(v));
        report("mcr p15 icache invalidate");
    }
    {
        uint32_t v = 0x1D3u;
        __asm__ volatile("msr spsr_cxsf, %0" ::"r"(v));
        report("msr spsr");
    }
    {
        uint32_t v = 0;
        __asm__ volatile("mrs %0, spsr" : "=r"(v));
        printf("rtcpu: mrs spsr gave 0x%08lx\n", (unsigned long)v);
        report("mrs spsr");
    }
    {
        uint32_t w[2] = {0u, 0u};
        uint32_t *p = w;
        __asm__ volatile("ldmia %0, {r13, r14}^\n"
                         "    nop\n" ::"r"(p) : "memory");
        report("ldm user bank ^");
    }
    {
        /* An odd stack pointer across a service call and a gate entry. */
        uint32_t r;
        __asm__ volatile("mov r4, sp\n"
                         "    orr sp, sp, #3\n"
                         "    mov r7, #4\n" /* PK_SVC_TIME_GET */
                         "    svc #0\n"
                         "    mov sp, r4\n"
                         "    mov %0, r0\n"
                         : "=r"(r)::"r0", "r1", "r4", "r7", "memory");
        report("svc with sp | 3");
    }
    printf("RESULT rt-cpu %s\n", bad ? "FAIL left USR mode" : "PASS");
    pv_test_exit(bad);
}

int main(void)
{
    os_init();
    os_task_create(&task, "rtcpu", run, NULL, 2, stack, 512u);
    os_start();
}
