/*
 * os_timer_task.c - the timer service task's body and its start.
 *
 * Task-level library code (linked into the user range of a partition, so
 * the service task runs callbacks in task mode, never with the guest
 * kernel's rights): it asks the core (os_timer_service_next, which applies
 * the commands and waits for the next expiry) what to run, and runs it.
 */
#include "os.h"

void os_timer_service_task(void *arg)
{
    (void)arg;
    for (;;) {
        struct os_timer_job job;
        if (os_timer_service_next(&job) != OS_OK)
            break; /* not the service task (os_init since?): stop */
        if (job.callback != NULL)
            job.callback(job.timer);
        else if (job.call != NULL)
            job.call(job.arg1, job.arg2);
    }
}

enum os_status os_timer_service_start(struct os_task *tcb, unsigned priority, port_stack_t *stack,
                                      size_t stack_words, struct os_timer_cmd *cmds, size_t ncmds)
{
    enum os_status st = os_timer_service_init(tcb, cmds, ncmds);
    if (st != OS_OK)
        return st;
    return os_task_create(tcb, "timers", os_timer_service_task, NULL, priority, stack,
                          stack_words);
}
