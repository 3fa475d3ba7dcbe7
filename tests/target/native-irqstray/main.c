/*
 * native-irqstray: an interrupt source enabled at the controller with no
 * handler attached. Every source's slot has a handler from the start, and
 * an unattached source's disables it: the CPU leaves the IRQ path, the
 * tick and the tasks go on. A handler attached afterwards (which enables
 * the source again) gets the next expiry.
 *
 * Checked: a delay across the stray expiry of the auxiliary one-shot ends
 * on time (without the disable the CPU would stay in the IRQ path and the
 * run would end at its timeout); the handler attached afterwards runs once
 * for one expiry.
 */
#include "board.h"
#include "bsp.h"
#include "os.h"
#include "tn.h"

#define STACK_WORDS 1024u

static struct os_task main_t;
static port_stack_t stack_main[STACK_WORDS] __attribute__((aligned(8)));
static volatile unsigned hits;

static void aux_irq(void *arg)
{
    (void)arg;
    bsp_aux_timer_clear();
    hits++;
}

static void main_task(void *arg)
{
    (void)arg;
    /* Enabled, but nothing attached: the slot's default handler. */
    bsp_irq_enable(BOARD_AUX_IRQ);
    os_tick_t t0 = os_tick_count();
    bsp_aux_timer_start(100);
    (void)os_delay(5);
    os_tick_t dt = os_tick_count() - t0;
    TN_CHECK(dt >= 5u && dt <= 6u);
    TN_CHECK(hits == 0u);
    /* The expiry is still latched at the timer: dropped, then a handler. */
    bsp_aux_timer_clear();
    TN_CHECK(bsp_aux_timer_attach(aux_irq, NULL) == 0);
    bsp_aux_timer_start(100);
    (void)os_delay(2);
    TN_CHECK(hits == 1u);
    bsp_aux_timer_detach();
    tn_pass();
}

int main(void)
{
    bsp_init();
    tn_begin("native-irqstray");
    os_init();
    (void)os_task_create(&main_t, "main", main_task, NULL, 2, stack_main, STACK_WORDS);
    os_start();
}
