/*
 * rtrecv - the receiver of rt-urgentflood: an ordinary tick-core partition
 * with a real-time right (warp, like the victim's) for its urgent port
 * "in", and background work. main() opens the port; a low-priority task
 * computes for ever (the partition's background load), a real-time task
 * of high priority would serve the port. It makes no VIT request of its
 * own: any warp it gets comes from arrivals at its urgent port.
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_port.h"

static OS_KOBJ struct os_task bg;
static _Alignas(8) port_stack_t bg_stack[512];
static volatile uint32_t sink;

static void background(void *arg)
{
    (void)arg;
    uint32_t x = 1u;
    for (uint32_t i = 0;; i++) {
        x = x * 1103515245u + 12345u + i;
        sink = x;
    }
}

int main(void)
{
    os_init();
    uint32_t h;
    enum pv_port_rc rc = pv_port_open("in", &h, NULL);
    printf("rtrecv: open in=%d\n", (int)rc);
    os_task_create(&bg, "bg", background, NULL, 1, bg_stack, 512u);
    os_start();
}
