/*
 * pk-fault, partition "victim": faults in a different way after each cold
 * restart (its restart count comes from the kernel), then, after the
 * fourth restart, runs CPU-bound for good.
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

/* The survivor's user range (system.toml): another partition's memory. */
#define OTHER_PARTITION_ADDR PK_LAYOUT_SURVIVOR_USER_BASE

static OS_KOBJ struct os_task task;
static OS_KOBJ volatile uint32_t guest_kernel_word = 1u;
static _Alignas(8) port_stack_t stack[512];

static void work(void *arg)
{
    (void)arg;
    struct pk_part_status st;
    pv_part_status(PK_SELF, &st);
    printf("victim start, restarts=%lu\n", (unsigned long)st.restarts);
    os_delay(100u);
    switch (st.restarts) {
    case 0:
        printf("writing into another partition\n");
        *(volatile uint32_t *)OTHER_PARTITION_ADDR = 0xdeadbeefu;
        break;
    case 1:
        printf("task touching a guest-kernel object\n");
        guest_kernel_word = 2u;
        break;
    case 2:
        printf("task writing DACR (privileged instruction)\n");
        __asm__ volatile("mcr p15, 0, %0, c3, c0, 0" : : "r"(0xFFFFFFFFu));
        break;
    case 3: {
        printf("task jumping into the middle of the guest kernel\n");
        void (*f)(void) = (void (*)(void))((uintptr_t)os_delay + 8u);
        f();
        break;
    }
    default:
        break;
    }
    printf("victim steady\n");
    for (;;) {
    }
}

int main(void)
{
    os_init();
    os_task_create(&task, "work", work, NULL, 1, stack, 512u);
    os_start();
}
