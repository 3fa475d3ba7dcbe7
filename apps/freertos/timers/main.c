/*
 * Software timers: an auto-reload timer of 10 ticks fires 20 times on
 * exact multiples of its period from the tick it was started; a one-shot
 * of 25 ticks fires once; a reset pushes a one-shot's expiry out; a change
 * of period restarts a timer from the tick of the command; a stopped timer
 * stays silent; a timer started from the tick interrupt
 * (xTimerStartFromISR); a pended function call; timer IDs and names; the
 * daemon task's startup hook runs first in the service task; a timer
 * started in main() before the scheduler.
 */
#include <stdio.h>

#include "FreeRTOS.h"
#include "app_hooks.h"
#include "task.h"
#include "timers.h"

#define RELOADS 20u

static TimerHandle_t periodic, oneshot, pushed, from_isr, early;
static TaskHandle_t main_task;
static volatile TickType_t fired_at[RELOADS + 2];
static volatile uint32_t n_periodic, n_oneshot, n_pushed, n_isr, n_early, startup_ran;
static volatile TickType_t early_at;
static volatile TickType_t oneshot_at, pushed_at, isr_at, isr_started_at;
static volatile TickType_t isr_start_tick; /* tick at which the hook starts from_isr, 0: never */
static volatile uint32_t pended_arg;

void vApplicationDaemonTaskStartupHook(void)
{
    APP_CHECK(xTaskGetCurrentTaskHandle() == xTimerGetTimerDaemonTaskHandle());
    startup_ran = 1;
}

void vApplicationTickHook(void)
{
    if (isr_start_tick != 0u && xTaskGetTickCountFromISR() == isr_start_tick) {
        BaseType_t woken = pdFALSE;
        isr_started_at = xTaskGetTickCountFromISR();
        APP_CHECK(xTimerStartFromISR(from_isr, &woken) == pdPASS);
        portYIELD_FROM_ISR(woken);
    }
}

static void on_timer(TimerHandle_t t)
{
    TickType_t now = xTaskGetTickCount();
    APP_CHECK(xTaskGetCurrentTaskHandle() == xTimerGetTimerDaemonTaskHandle());
    if (t == periodic) {
        if (n_periodic < RELOADS + 2u)
            fired_at[n_periodic] = now;
        if (++n_periodic == RELOADS)
            APP_CHECK(xTimerStop(t, 0) == pdPASS);
    } else if (t == oneshot) {
        n_oneshot++;
        oneshot_at = now;
    } else if (t == pushed) {
        n_pushed++;
        pushed_at = now;
    } else if (t == early) {
        n_early++;
        early_at = now;
    } else if (t == from_isr) {
        n_isr++;
        isr_at = now;
        xTaskNotifyGive(main_task);
    }
}

static void pended(void *p, uint32_t v)
{
    APP_CHECK(p == &pended_arg);
    pended_arg = v;
}

static void main_fn(void *arg)
{
    (void)arg;
    APP_CHECK(startup_ran == 1u);
    /* Started in main() before the scheduler: 30 ticks from tick 0. */
    vTaskDelay(40);
    APP_CHECK(n_early == 1u && early_at == 30u);
    APP_CHECK(xTaskGetSchedulerState() == taskSCHEDULER_RUNNING);
    APP_CHECK(pvTimerGetTimerID(periodic) == (void *)1);
    vTimerSetTimerID(periodic, (void *)7);
    APP_CHECK(pvTimerGetTimerID(periodic) == (void *)7);
    APP_CHECK(xTimerIsTimerActive(periodic) == pdFALSE);
    APP_CHECK(xTimerGetReloadMode(periodic) == pdTRUE && xTimerGetReloadMode(oneshot) == pdFALSE);

    TickType_t t0 = xTaskGetTickCount();
    APP_CHECK(xTimerStart(periodic, 0) == pdPASS);
    APP_CHECK(xTimerStart(oneshot, 0) == pdPASS);
    APP_CHECK(xTimerStart(pushed, 0) == pdPASS);
    vTaskDelay(10);
    APP_CHECK(xTimerReset(pushed, 0) == pdPASS); /* 15 from t0 + 10 */
    vTaskDelay(RELOADS * 10u + 10u);
    APP_CHECK(n_periodic == RELOADS);
    for (uint32_t i = 0; i < RELOADS; i++)
        APP_CHECK(fired_at[i] == t0 + 10u * (i + 1u));
    APP_CHECK(xTimerIsTimerActive(periodic) == pdFALSE);
    APP_CHECK(n_oneshot == 1u && oneshot_at == t0 + 25u);
    APP_CHECK(n_pushed == 1u && pushed_at == t0 + 10u + 15u);
    APP_CHECK(xTimerIsTimerActive(oneshot) == pdFALSE);

    /* Change of period: restarts from the command's tick. */
    TickType_t t1 = xTaskGetTickCount();
    APP_CHECK(xTimerChangePeriod(oneshot, 7, 0) == pdPASS);
    APP_CHECK(xTimerGetPeriod(oneshot) == 7u || xTimerIsTimerActive(oneshot) == pdFALSE);
    vTaskDelay(10);
    APP_CHECK(n_oneshot == 2u && oneshot_at == t1 + 7u);
    /* Stopped before expiry: silent. */
    APP_CHECK(xTimerStart(oneshot, 0) == pdPASS);
    vTaskDelay(3);
    APP_CHECK(xTimerStop(oneshot, 0) == pdPASS);
    vTaskDelay(10);
    APP_CHECK(n_oneshot == 2u);

    /* Started from the tick interrupt: expires 5 ticks after that tick. */
    isr_start_tick = xTaskGetTickCount() + 3u;
    APP_CHECK(ulTaskNotifyTake(pdTRUE, pdMS_TO_TICKS(100)) == 1u);
    APP_CHECK(n_isr == 1u && isr_at == isr_started_at + 5u);

    /* A pended call runs in the service task. */
    APP_CHECK(xTimerPendFunctionCall(pended, (void *)&pended_arg, 1234u, 0) == pdPASS);
    vTaskDelay(2);
    APP_CHECK(pended_arg == 1234u);
    APP_CHECK(pcTimerGetName(pushed) != NULL && pcTimerGetName(pushed)[0] == 'p');
    APP_CHECK(xTimerDelete(pushed, 0) == pdPASS);
    vTaskDelay(2);
    printf("timers: %u reloads on their ticks, one-shot, reset, change, stop, from ISR\n",
           (unsigned)RELOADS);
    app_result(1, "");
}

int main(void)
{
    periodic = xTimerCreate("periodic", 10, pdTRUE, (void *)1, on_timer);
    oneshot = xTimerCreate("oneshot", 25, pdFALSE, (void *)2, on_timer);
    pushed = xTimerCreate("pushed", 15, pdFALSE, (void *)3, on_timer);
    from_isr = xTimerCreate("fromisr", 5, pdFALSE, (void *)4, on_timer);
    early = xTimerCreate("early", 30, pdFALSE, (void *)5, on_timer);
    if (periodic == NULL || oneshot == NULL || pushed == NULL || from_isr == NULL ||
        early == NULL || xTimerStart(early, 0) != pdPASS)
        app_result(0, "create");
    if (xTaskCreate(main_fn, "main", 512, NULL, 2, &main_task) != pdPASS)
        app_result(0, "task create");
    vTaskStartScheduler();
    app_result(0, "scheduler returned");
}
