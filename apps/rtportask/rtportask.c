/*
 * rtportask - attacker: a task aims the port calls at guest-kernel memory,
 * directly (PK_SVC_* from task mode) and through the guest's port API
 * (rtos/port/pv/pv_port.c gates, which pass PK_PORT_AS_TASK), at the
 * vCPU page, an OS_KOBJ word and the end of the user range. Every call
 * must be refused (EFAULT directly, INVALID_PARAM through the API) and a
 * buffer exactly at the end of the user range accepted. on_fault = "log":
 * the refused calls return. Ends with RESULT rt-porttask PASS or FAIL
 * (the failing check numbers are printed first).
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_port.h"
#include "pv_svc.h"

#define USER_END (PK_LAYOUT_SELF_USER_BASE + PK_LAYOUT_SELF_USER_SIZE)

extern struct pk_vcpu pv_vcpu; /* linker/partition.ld */

static OS_KOBJ volatile uint32_t gk_word[8];
static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[512];
static uint32_t hs, hd, hq, hr;
static unsigned bad;

static void expect(unsigned n, long got, long want)
{
    if (got == want)
        return;
    bad++;
    printf("rtportask: check %u got %ld want %ld\n", n, got, want);
}

static int32_t svc4(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2,
                    uint32_t a3)
{
    register uint32_t r0 __asm__("r0") = a0;
    register uint32_t r1 __asm__("r1") = a1;
    register uint32_t r2 __asm__("r2") = a2;
    register uint32_t r3 __asm__("r3") = a3;
    register uint32_t r7 __asm__("r7") = nr;
    __asm__ volatile("svc #0"
                     : "+r"(r0), "+r"(r1)
                     : "r"(r2), "r"(r3), "r"(r7)
                     : "memory");
    return (int32_t)r0;
}

static void run(void *arg)
{
    (void)arg;
    static uint8_t msg[16] = "0123456789abcde";
    uint32_t gk = (uint32_t)(uintptr_t)gk_word;
    uint32_t vcpu = (uint32_t)(uintptr_t)&pv_vcpu;
    expect(1, pv_sampling_write(hs, msg, 16u), PV_PORT_OK);
    /* Directly, in task mode. */
    expect(2, svc4(PK_SVC_SAMPLING_READ, 1u, gk, 16u, 0u), PK_EFAULT);
    expect(3, svc4(PK_SVC_SAMPLING_READ, 1u, vcpu, 16u, 0u), PK_EFAULT);
    expect(4, svc4(PK_SVC_SAMPLING_WRITE, 0u, gk, 16u, 0u), PK_EFAULT);
    expect(5, svc4(PK_SVC_PORT_STATUS, 1u, vcpu, 0u, 0u), PK_EFAULT);
    expect(6, svc4(PK_SVC_PORT_OPEN, (uint32_t)(uintptr_t)"s", 1u, gk, 0u),
           PK_EFAULT);
    expect(7, svc4(PK_SVC_MODE_STATUS, (uint32_t)PK_SELF, vcpu, 0u, 0u),
           PK_EFAULT);
    expect(8, svc4(PK_SVC_SCHEDULE_STATUS, gk, 0u, 0u, 0u), PK_EFAULT);
    /* Through the guest's API (gates): buffers and output words. */
    uint32_t len = 0;
    bool valid = false;
    expect(9, pv_sampling_read(hd, (void *)(uintptr_t)gk, 16u, &len, &valid),
           PV_PORT_INVALID_PARAM);
    expect(10, pv_sampling_read(hd, (void *)(uintptr_t)vcpu, 16u, &len,
                                &valid), PV_PORT_INVALID_PARAM);
    expect(11, pv_sampling_read(hd, (void *)(uintptr_t)(USER_END - 16u), 16u,
                                (uint32_t *)(uintptr_t)gk, &valid),
           PV_PORT_INVALID_PARAM);
    expect(12, pv_sampling_read(hd, (void *)(uintptr_t)(USER_END - 16u), 16u,
                                &len, (bool *)(uintptr_t)vcpu),
           PV_PORT_INVALID_PARAM);
    expect(13, pv_sampling_read(hd, (void *)(uintptr_t)(USER_END - 16u), 16u,
                                &len, &valid), PV_PORT_OK);
    expect(14, (long)len, 16);
    expect(15, pv_sampling_read(hd, (void *)(uintptr_t)(USER_END - 15u), 16u,
                                &len, &valid), PV_PORT_INVALID_PARAM);
    expect(16, pv_sampling_write(hs, (const void *)(uintptr_t)gk, 16u),
           PV_PORT_INVALID_PARAM);
    expect(17, pv_queuing_send(hq, msg, 16u, 0u), PV_PORT_OK);
    expect(18, pv_queuing_receive(hr, (void *)(uintptr_t)gk, 16u, &len, 0u),
           PV_PORT_INVALID_PARAM);
    expect(19, pv_queuing_receive(hr, msg, 16u, (uint32_t *)(uintptr_t)vcpu,
                                  0u), PV_PORT_INVALID_PARAM);
    expect(20, pv_queuing_receive(hr, msg, 16u, &len, 0u), PV_PORT_OK);
    expect(21, pv_port_status(hd, (struct pv_port_status *)(uintptr_t)gk),
           PV_PORT_INVALID_PARAM);
    uint32_t h = 99;
    expect(22, pv_port_open("s", &h, NULL), PV_PORT_INVALID_MODE);
    if (bad == 0u)
        printf("RESULT rt-porttask PASS\n");
    else
        printf("RESULT rt-porttask FAIL checks=%u\n", bad);
    pv_test_exit(bad == 0u ? 0 : 1);
}

int main(void)
{
    os_init();
    enum pv_port_rc a = pv_port_open("s", &hs, NULL),
                    b = pv_port_open("d", &hd, NULL),
                    c = pv_port_open("q", &hq, NULL),
                    d = pv_port_open("r", &hr, NULL);
    printf("rtportask: open %d %d %d %d\n", (int)a, (int)b, (int)c, (int)d);
    os_task_create(&task, "rtportask", run, NULL, 2, stack, 512u);
    os_start();
}
