/*
 * timer.c - software timers and the core half of the timer service.
 *
 * Every timer command (start, stop, reset, change period, delete, pended
 * call) is a struct os_timer_cmd posted to the service's command queue (an
 * os_queue of the core, so a command's wait means what a queue send's wait
 * means); only the service task, in os_timer_service_next(), applies
 * commands and changes the active list and the timers' active/expiry
 * fields. os_timer_service_next() never runs application code: it returns
 * the callback (or pended call) due, and the service task's body
 * (rtos/lib/os_timer_task.c, task mode in a partition) runs it.
 *
 * The active list is sorted by expiry tick relative to a base no later
 * than any entry (the current tick, or the earliest entry when it is
 * overdue), so ordering survives the counter's wrap as long as no timer is
 * more than 2^31 ticks overdue or ahead. Changes to it and to a timer's
 * node are made with the scheduler suspended (os_timer_init checks a timer
 * is dormant the same way); no interrupt handler touches them, so nothing
 * here runs with interrupts masked but the queue operations.
 *
 * A command names its timer by address; the service checks that it is a
 * live timer when it applies the command (a timer deleted meanwhile, or a
 * forged command, is skipped).
 */
#include "os_internal.h"

enum timer_op {
    CMD_START = 1,         /* start (or restart) from cmd.tick */
    CMD_STOP = 2,          /* stop */
    CMD_CHANGE_PERIOD = 3, /* period = arg2, start from cmd.tick */
    CMD_DELETE = 4,        /* stop and forget */
    CMD_CALL = 5,          /* run call(arg1, arg2) */
};

/* The service of the current os_init() generation: valid while
 * service_key == os_obj_key (os_init changes the key, so a service set up
 * before it is forgotten without timer.c being told). */
static struct os_task *service;
static uint32_t service_key;
static uint32_t service_valid;
static OS_KOBJ struct os_queue cmdq;
static struct os_list active;

static bool service_ready(void)
{
    return service_valid != 0u && service_key == os_obj_key;
}

#define TIMER_LIVE(tm) OS_OBJ_LIVE(tm, struct os_timer, OS_TAG_TIMER)

enum os_status os_timer_service_init(struct os_task *tcb, struct os_timer_cmd *cmds, size_t ncmds)
{
    if (!OS_OBJ_PLACED(tcb, struct os_task) || cmds == NULL || ncmds == 0u)
        return OS_ERR_PARAM;
    if (port_in_isr())
        return OS_ERR_ISR;
    if (service_ready())
        return OS_ERR_STATE;
    enum os_status st = os_queue_init(&cmdq, cmds, sizeof *cmds, ncmds);
    if (st != OS_OK)
        return st;
    os_list_init(&active);
    service = tcb;
    service_key = os_obj_key;
    service_valid = 1u;
    return OS_OK;
}

struct os_task *os_timer_service_handle(void)
{
    return service_ready() ? service : NULL;
}

enum os_status os_timer_init(struct os_timer *tm, const char *name, os_tick_t period,
                             bool auto_reload, void *id, os_timer_fn callback)
{
    if (!OS_OBJ_PLACED(tm, struct os_timer) || period == 0u || period == OS_WAIT_FOREVER ||
        callback == NULL)
        return OS_ERR_PARAM;
    if (port_in_isr())
        return OS_ERR_ISR;
    enum os_status st = OS_OK;
    os_scheduler_suspend();
    os_critical_enter();
    if (OS_OBJ_IS(tm, OS_TAG_TIMER)) {
        if (tm->active != 0u)
            st = OS_ERR_STATE; /* in the active list */
    } else if (!PORT_NEW_OBJECT_OK() || !os_kobj_unclaimed(tm, sizeof *tm)) {
        st = OS_ERR_PARAM;
    }
    if (st == OS_OK) {
        tm->callback = callback;
        tm->id = id;
        tm->name = name != NULL ? name : "?";
        tm->period = period;
        tm->expiry = 0;
        tm->auto_reload = auto_reload ? 1u : 0u;
        tm->active = 0;
        os_list_node_init(&tm->node, NULL);
        tm->tag = OS_OBJ_TAG(OS_TAG_TIMER);
        os_kobj_claim(tm, sizeof *tm, OS_TAG_TIMER);
    }
    os_critical_exit();
    os_scheduler_resume();
    return st;
}

/* Post a command. Before os_start() and from the service task itself (a
 * callback), a full queue is not waited for: nobody could empty it. */
static enum os_status post(const struct os_timer_cmd *c, os_tick_t wait)
{
    if (!service_ready())
        return OS_ERR_STATE;
    if (!os_running() || os_current == service)
        wait = OS_NO_WAIT;
    return os_queue_send_trusted(&cmdq, c, wait, false);
}

static bool post_from_isr(const struct os_timer_cmd *c, bool *switch_needed)
{
    if (switch_needed != NULL)
        *switch_needed = false;
    if (!service_ready())
        return false;
    return os_queue_send_isr_trusted(&cmdq, c, switch_needed);
}

static enum os_status timer_cmd(struct os_timer *tm, uint32_t op, uint32_t arg, os_tick_t wait)
{
    if (!TIMER_LIVE(tm) || (op == CMD_CHANGE_PERIOD && (arg == 0u || arg == OS_WAIT_FOREVER)))
        return OS_ERR_PARAM;
    if (port_in_isr())
        return OS_ERR_ISR;
    struct os_timer_cmd c = {.op = op, .timer = tm, .tick = os_tick_count(), .arg2 = arg};
    return post(&c, wait);
}

static bool timer_cmd_from_isr(struct os_timer *tm, uint32_t op, uint32_t arg, bool *switch_needed)
{
    if (!TIMER_LIVE(tm) || (op == CMD_CHANGE_PERIOD && (arg == 0u || arg == OS_WAIT_FOREVER))) {
        if (switch_needed != NULL)
            *switch_needed = false;
        return false;
    }
    struct os_timer_cmd c = {.op = op, .timer = tm, .tick = os_tick_count(), .arg2 = arg};
    return post_from_isr(&c, switch_needed);
}

enum os_status os_timer_start(struct os_timer *tm, os_tick_t wait)
{
    return timer_cmd(tm, CMD_START, 0u, wait);
}

enum os_status os_timer_stop(struct os_timer *tm, os_tick_t wait)
{
    return timer_cmd(tm, CMD_STOP, 0u, wait);
}

enum os_status os_timer_reset(struct os_timer *tm, os_tick_t wait)
{
    return timer_cmd(tm, CMD_START, 0u, wait);
}

enum os_status os_timer_change_period(struct os_timer *tm, os_tick_t period, os_tick_t wait)
{
    return timer_cmd(tm, CMD_CHANGE_PERIOD, period, wait);
}

enum os_status os_timer_delete(struct os_timer *tm, os_tick_t wait)
{
    return timer_cmd(tm, CMD_DELETE, 0u, wait);
}

bool os_timer_start_from_isr(struct os_timer *tm, bool *switch_needed)
{
    return timer_cmd_from_isr(tm, CMD_START, 0u, switch_needed);
}

bool os_timer_stop_from_isr(struct os_timer *tm, bool *switch_needed)
{
    return timer_cmd_from_isr(tm, CMD_STOP, 0u, switch_needed);
}

bool os_timer_reset_from_isr(struct os_timer *tm, bool *switch_needed)
{
    return timer_cmd_from_isr(tm, CMD_START, 0u, switch_needed);
}

bool os_timer_change_period_from_isr(struct os_timer *tm, os_tick_t period, bool *switch_needed)
{
    return timer_cmd_from_isr(tm, CMD_CHANGE_PERIOD, period, switch_needed);
}

enum os_status os_timer_pend_call(void (*call)(void *, uint32_t), void *arg1, uint32_t arg2,
                                  os_tick_t wait)
{
    if (call == NULL)
        return OS_ERR_PARAM;
    if (port_in_isr())
        return OS_ERR_ISR;
    struct os_timer_cmd c = {.op = CMD_CALL, .call = call, .arg1 = arg1, .arg2 = arg2};
    return post(&c, wait);
}

bool os_timer_pend_call_from_isr(void (*call)(void *, uint32_t), void *arg1, uint32_t arg2,
                                 bool *switch_needed)
{
    if (call == NULL) {
        if (switch_needed != NULL)
            *switch_needed = false;
        return false;
    }
    struct os_timer_cmd c = {.op = CMD_CALL, .call = call, .arg1 = arg1, .arg2 = arg2};
    return post_from_isr(&c, switch_needed);
}

/* ---- the service side (os_current == service) ---- */

static inline int32_t tick_diff(os_tick_t a, os_tick_t b)
{
    return (int32_t)(a - b);
}

/* The list's base: now, or the earliest entry when it is overdue. */
static os_tick_t list_base(os_tick_t now)
{
    struct os_list_node *n = os_list_first(&active);
    return n != NULL && tick_diff(n->key, now) < 0 ? n->key : now;
}

/* Put tm (not in the list) in the active list at its expiry. */
static void activate(struct os_timer *tm, os_tick_t now)
{
    os_tick_t base = list_base(now);
    /* An expiry already passed is due now; it sorts no earlier than the
     * base, behind the overdue ones before it. */
    tm->node.key = tick_diff(tm->expiry, base) < 0 ? base : tm->expiry;
    os_list_insert_wrapped(&active, &tm->node, base);
    tm->active = 1u;
}

static void deactivate(struct os_timer *tm)
{
    if (tm->active != 0u) {
        os_list_remove(&tm->node);
        tm->active = 0u;
    }
}

/* Apply one command; true when it gave a job (a pended call). */
static bool apply(const struct os_timer_cmd *c, struct os_timer_job *job)
{
    if (c->op == CMD_CALL) {
        job->callback = NULL;
        job->timer = NULL;
        job->call = c->call;
        job->arg1 = c->arg1;
        job->arg2 = c->arg2;
        return true;
    }
    struct os_timer *tm = c->timer;
    if (!TIMER_LIVE(tm))
        return false; /* deleted since (or never a timer) */
    /* The queue storage may lie where tasks write it: a period the calls
     * would have refused is ignored, not applied. */
    if (c->op == CMD_CHANGE_PERIOD && (c->arg2 == 0u || c->arg2 == OS_WAIT_FOREVER))
        return false;
    os_scheduler_suspend();
    deactivate(tm);
    switch (c->op) {
    case CMD_CHANGE_PERIOD:
    case CMD_START:
        /* Both start from the command's tick. */
        if (c->op == CMD_CHANGE_PERIOD)
            tm->period = c->arg2;
        tm->expiry = c->tick + tm->period;
        activate(tm, os_tick_count());
        break;
    case CMD_DELETE:
        os_critical_enter();
        os_obj_forget(tm, sizeof *tm);
        os_critical_exit();
        break;
    default: /* CMD_STOP and unknown ops: stopped */
        break;
    }
    os_scheduler_resume();
    return false;
}

enum os_status os_timer_service_next(struct os_timer_job *job)
{
    if (job == NULL || !PORT_BUFFER_OK(job, sizeof *job))
        return OS_ERR_PARAM;
    if (port_in_isr())
        return OS_ERR_ISR;
    if (!service_ready() || os_current != service || !os_running())
        return OS_ERR_STATE;
    for (;;) {
        os_tick_t now = os_tick_count();
        struct os_list_node *n = os_list_first(&active);
        if (n != NULL && tick_diff(n->key, now) <= 0) {
            struct os_timer *tm = (struct os_timer *)((char *)n - offsetof(struct os_timer, node));
            os_scheduler_suspend();
            deactivate(tm);
            if (tm->auto_reload != 0u) {
                /* From the nominal expiry: no drift; a missed period is
                 * due at once and runs next. */
                tm->expiry += tm->period;
                activate(tm, now);
            }
            os_scheduler_resume();
            job->callback = tm->callback;
            job->timer = tm;
            job->call = NULL;
            job->arg1 = NULL;
            job->arg2 = 0;
            return OS_OK;
        }
        os_tick_t wait = n != NULL ? n->key - now : OS_WAIT_FOREVER;
        struct os_timer_cmd c;
        if (os_queue_receive_trusted(&cmdq, &c, wait) == OS_OK && apply(&c, job))
            return OS_OK;
    }
}

/* ---- queries ---- */

bool os_timer_is_active(const struct os_timer *tm)
{
    return TIMER_LIVE(tm) && tm->active != 0u;
}

void *os_timer_get_id(const struct os_timer *tm)
{
    return TIMER_LIVE(tm) ? tm->id : NULL;
}

enum os_status os_timer_set_id(struct os_timer *tm, void *id)
{
    if (!TIMER_LIVE(tm))
        return OS_ERR_PARAM;
    tm->id = id;
    return OS_OK;
}

os_tick_t os_timer_get_period(const struct os_timer *tm)
{
    return TIMER_LIVE(tm) ? tm->period : 0u;
}

os_tick_t os_timer_get_expiry(const struct os_timer *tm)
{
    return TIMER_LIVE(tm) ? tm->expiry : 0u;
}

const char *os_timer_get_name(const struct os_timer *tm)
{
    return TIMER_LIVE(tm) ? tm->name : NULL;
}

enum os_status os_timer_set_auto_reload(struct os_timer *tm, bool auto_reload)
{
    if (!TIMER_LIVE(tm))
        return OS_ERR_PARAM;
    tm->auto_reload = auto_reload ? 1u : 0u;
    return OS_OK;
}

bool os_timer_get_auto_reload(const struct os_timer *tm)
{
    return TIMER_LIVE(tm) && tm->auto_reload != 0u;
}
