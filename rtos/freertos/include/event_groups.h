/*
 * event_groups.h - FreeRTOS's event groups over the core's (struct
 * os_event_group: 24 bits, as FreeRTOS with 32-bit ticks). See FreeRTOS.h.
 */
#ifndef EVENT_GROUPS_H
#define EVENT_GROUPS_H

#ifndef INC_FREERTOS_H
#error "include FreeRTOS.h before event_groups.h"
#endif

#if !FR_HAVE_PRIMS
#error "event_groups.h: this tick core has no event groups"
#endif

typedef struct os_event_group *EventGroupHandle_t;
typedef TickType_t EventBits_t;
typedef struct os_event_group StaticEventGroup_t;

/* Creation, deletion: rtos/freertos/src/fr_prims.c. */
#if configSUPPORT_DYNAMIC_ALLOCATION
EventGroupHandle_t xEventGroupCreate(void);
#endif
#if configSUPPORT_STATIC_ALLOCATION
EventGroupHandle_t xEventGroupCreateStatic(StaticEventGroup_t *pxEventGroupBuffer);
#endif
void vEventGroupDelete(EventGroupHandle_t xEventGroup);

/* The bits when the wait ended: at success before the clear on exit, at a
 * timeout the bits then. */
static inline EventBits_t xEventGroupWaitBits(EventGroupHandle_t xEventGroup,
                                              const EventBits_t uxBitsToWaitFor,
                                              const BaseType_t xClearOnExit,
                                              const BaseType_t xWaitForAllBits,
                                              TickType_t xTicksToWait)
{
    uint32_t bits = 0;
    unsigned flags = (xClearOnExit != pdFALSE ? OS_EVENT_CLEAR_ON_EXIT : 0u) |
                     (xWaitForAllBits != pdFALSE ? OS_EVENT_WAIT_ALL : 0u);
    (void)os_event_group_wait(xEventGroup, uxBitsToWaitFor, flags, &bits, xTicksToWait);
    return bits;
}

/* The bits after the call (waiters that cleared on exit have cleared). */
static inline EventBits_t xEventGroupSetBits(EventGroupHandle_t xEventGroup,
                                             const EventBits_t uxBitsToSet)
{
    uint32_t after = 0;
    (void)os_event_group_set(xEventGroup, uxBitsToSet, &after);
    return after;
}

/* The bits before the clear. */
static inline EventBits_t xEventGroupClearBits(EventGroupHandle_t xEventGroup,
                                               const EventBits_t uxBitsToClear)
{
    uint32_t before = 0;
    (void)os_event_group_clear(xEventGroup, uxBitsToClear, &before);
    return before;
}

static inline EventBits_t xEventGroupGetBits(EventGroupHandle_t xEventGroup)
{
    return os_event_group_get(xEventGroup);
}
static inline EventBits_t xEventGroupGetBitsFromISR(EventGroupHandle_t xEventGroup)
{
    return os_event_group_get(xEventGroup);
}

/* Done at once at interrupt level (FreeRTOS defers it to the timer task):
 * pdPASS when done. In a partition: the task-level call. */
static inline BaseType_t xEventGroupSetBitsFromISR(EventGroupHandle_t xEventGroup,
                                                   const EventBits_t uxBitsToSet,
                                                   BaseType_t *pxHigherPriorityTaskWoken)
{
#if FR_PARTITION
    (void)pxHigherPriorityTaskWoken;
    return fr_pass(os_event_group_set(xEventGroup, uxBitsToSet, NULL));
#else
    bool sw = false;
    bool ok = os_event_group_set_from_isr(xEventGroup, uxBitsToSet, &sw);
    if (sw && pxHigherPriorityTaskWoken != NULL)
        *pxHigherPriorityTaskWoken = pdTRUE;
    return ok ? pdPASS : pdFAIL;
#endif
}

static inline BaseType_t xEventGroupClearBitsFromISR(EventGroupHandle_t xEventGroup,
                                                     const EventBits_t uxBitsToClear)
{
#if FR_PARTITION
    return fr_pass(os_event_group_clear(xEventGroup, uxBitsToClear, NULL));
#else
    return os_event_group_clear_from_isr(xEventGroup, uxBitsToClear) ? pdPASS : pdFAIL;
#endif
}

/* Rendezvous: the bits when it ended (at success before the wait bits
 * were cleared). */
static inline EventBits_t xEventGroupSync(EventGroupHandle_t xEventGroup,
                                          const EventBits_t uxBitsToSet,
                                          const EventBits_t uxBitsToWaitFor,
                                          TickType_t xTicksToWait)
{
    uint32_t bits = 0;
    (void)os_event_group_sync(xEventGroup, uxBitsToSet, uxBitsToWaitFor, &bits, xTicksToWait);
    return bits;
}

#endif /* EVENT_GROUPS_H */
