/*
 * pk-printf: two tasks of equal priority print long lines while round robin
 * preempts them every tick (100 us). Every printf must reach the console as
 * one whole line (rtos/lib/os_stdio.c turns it into one console service
 * call); check.py verifies it on the host. The tasks also prove they took
 * turns, so the test cannot pass by running them one after the other.
 */
#include <stdio.h>
#include <string.h>

#include "os.h"
#include "pv_svc.h"

#define LINES 150u
#define STACK_WORDS 512u

static OS_KOBJ struct os_task printer_a, printer_b, monitor;
static port_stack_t stack_a[STACK_WORDS] __attribute__((aligned(8)));
static port_stack_t stack_b[STACK_WORDS] __attribute__((aligned(8)));
static port_stack_t stack_m[STACK_WORDS] __attribute__((aligned(8)));

static volatile unsigned done_a, done_b;
static volatile unsigned turns;       /* times the printing task changed */
static volatile char last_printer;

static void printer(void *arg)
{
    const char id = *(const char *)arg;
    char body[81];
    memset(body, id, sizeof body - 1u);
    body[sizeof body - 1u] = '\0';
    for (unsigned i = 0; i < LINES; i++) {
        if (last_printer != id) {
            last_printer = id;
            turns++;
        }
        printf("LINE %c %03u %s END\n", id, i, body);
    }
    if (id == 'A')
        done_a = 1;
    else
        done_b = 1;
}

static void monitor_task(void *arg)
{
    (void)arg;
    while (!(done_a && done_b))
        os_delay(10);
    printf("printers done, %u turns\n", turns);
    if (turns > 2u) {
        printf("RESULT pk-printf PASS\n");
        pv_test_exit(0);
    }
    printf("RESULT pk-printf FAIL the printers never took turns\n");
    pv_test_exit(1);
}

int main(void)
{
    static const char a = 'A', b = 'B';
    os_init();
    if (os_task_create(&printer_a, "printA", printer, (void *)&a, 1, stack_a,
                       STACK_WORDS) != OS_OK ||
        os_task_create(&printer_b, "printB", printer, (void *)&b, 1, stack_b,
                       STACK_WORDS) != OS_OK ||
        os_task_create(&monitor, "monitor", monitor_task, NULL, 2, stack_m,
                       STACK_WORDS) != OS_OK) {
        printf("RESULT pk-printf FAIL task creation\n");
        pv_test_exit(1);
    }
    os_start();
}
