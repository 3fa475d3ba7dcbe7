/*
 * native-boot: the system boots, prints a banner, and two tasks of equal
 * priority print long lines while round robin preempts them every 100 us.
 * The firmware checks that both tasks ran and took turns; check.py then
 * checks on the host that every line arrived whole (no interleaving).
 */
#include <stdio.h>
#include <string.h>

#include "bsp.h"
#include "os.h"
#include "tn.h"

#define LINES 200u
#define STACK_WORDS 1024u

static struct os_task printer_a, printer_b, monitor;
static port_stack_t stack_a[STACK_WORDS] __attribute__((aligned(8)));
static port_stack_t stack_b[STACK_WORDS] __attribute__((aligned(8)));
static port_stack_t stack_m[STACK_WORDS] __attribute__((aligned(8)));

static volatile unsigned done_a, done_b;
/* Times the printing task changed: proves that the two took turns. */
static volatile unsigned turns;
static volatile char last_printer;

static void printer(void *arg)
{
    const char id = *(const char *)arg;
    char body[121];
    memset(body, id, sizeof body - 1u);
    body[sizeof body - 1u] = '\0';
    for (unsigned i = 0; i < LINES; i++) {
        if (last_printer != id) {
            last_printer = id;
            turns++;
        }
        printf("LINE %c %03u %s END\n", id, i, body);
    }
    if (id == 'A') {
        done_a = 1;
    } else {
        done_b = 1;
    }
}

static void monitor_task(void *arg)
{
    (void)arg;
    while (!(done_a && done_b)) {
        os_delay(10);
    }
    printf("printers done, %u turns\n", turns);
    TN_CHECK(turns > 2u);
    tn_pass();
}

int main(void)
{
    static const char a = 'A', b = 'B';
    bsp_init();
    printf("\nBOOT banner: tick core on %s\n", bsp_board_name);
    tn_begin("native-boot");
    os_init();
    TN_CHECK(os_task_create(&printer_a, "printA", printer, (void *)&a, 1, stack_a, STACK_WORDS) == OS_OK);
    TN_CHECK(os_task_create(&printer_b, "printB", printer, (void *)&b, 1, stack_b, STACK_WORDS) == OS_OK);
    TN_CHECK(os_task_create(&monitor, "monitor", monitor_task, NULL, 2, stack_m, STACK_WORDS) == OS_OK);
    os_start();
}
