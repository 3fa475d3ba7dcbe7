/*
 * pk_env.c - boot and drive the kernel on the host (see pk_env.h).
 */
#include <setjmp.h>
#include <string.h>

#include "pk_env.h"

bool env_boot(void)
{
    /* The console ring is the kernel's static state, not reset with the
     * partitions: output of an earlier run is written out (and cleared
     * below with the boot's own). */
    env_console_drain();
    fake_reset();
    memset(pk_parts, 0, sizeof pk_parts);
    memset(&pk_sched_state, 0, sizeof pk_sched_state);
    memset(&pk_vit_state, 0, sizeof pk_vit_state);
    pk_cur = NULL;
    pk_cur_ctx = NULL;
    fake_now_ns = PKT_BOOT_NS;
    jmp_buf resumed, exited;
    fake_resume_jmp = &resumed;
    fake_exit_jmp = &exited;
    bool ok = true;
    if (setjmp(exited) != 0)
        ok = false;
    else if (setjmp(resumed) == 0)
        pk_boot_main();
    fake_resume_jmp = NULL;
    fake_exit_jmp = NULL;
    env_console_clear();
    return ok && pk_cur != NULL;
}

struct pk_part *env_part(unsigned i)
{
    return &pk_parts[i];
}

struct pk_part *env_current(unsigned i, uint32_t vmode)
{
    struct pk_part *p = &pk_parts[i];
    p->vmode = vmode;
    pk_part_switch_to(p);
    return p;
}

void env_svc_at(struct pk_part *p, uint32_t pc, uint32_t nr, uint32_t r0,
                uint32_t r1, uint32_t r2, uint32_t r3)
{
    p->ctx.r[0] = r0;
    p->ctx.r[1] = r1;
    p->ctx.r[2] = r2;
    p->ctx.r[3] = r3;
    p->ctx.r[7] = nr;
    p->ctx.r[15] = pc;
    pk_trap_svc();
}

void env_svc(struct pk_part *p, uint32_t nr, uint32_t r0, uint32_t r1,
             uint32_t r2, uint32_t r3)
{
    uint32_t pc = (p->vmode == PK_VMODE_TASK ? p->cfg->user_base
                                             : p->cfg->kernel_base) + 0x804u;
    env_svc_at(p, pc, nr, r0, r1, r2, r3);
}

void env_console_drain(void)
{
    while (pk_console_drain(UINT32_MAX) != 0u)
        ;
}

const char *env_console_text(void)
{
    env_console_drain();
    return fake_console_text();
}

void env_console_clear(void)
{
    env_console_drain();
    fake_console_clear();
}

unsigned env_hm_lines(void)
{
    unsigned n = 0;
    const char *t = env_console_text();
    for (const char *s = strstr(t, "HM partition="); s != NULL;
         s = strstr(s + 1, "HM partition="))
        if (s == t || s[-1] == '\n')
            n++;
    return n;
}

const char *env_hm_field(const char *key, char *buf, unsigned size)
{
    const char *t = env_console_text(), *last = NULL;
    for (const char *s = strstr(t, "HM partition="); s != NULL;
         s = strstr(s + 1, "HM partition="))
        if (s == t || s[-1] == '\n')
            last = s;
    buf[0] = '\0';
    if (last == NULL)
        return buf;
    char pat[32];
    size_t kl = strlen(key);
    if (kl + 3u > sizeof pat)
        return buf;
    pat[0] = ' ';
    memcpy(pat + 1, key, kl);
    pat[kl + 1u] = '=';
    pat[kl + 2u] = '\0';
    const char *end = strchr(last, '\n');
    const char *f = strstr(last, pat);
    if (f == NULL || (end != NULL && f > end))
        return buf;
    f += kl + 2u;
    unsigned n = 0;
    while (f[n] != '\0' && f[n] != ' ' && f[n] != '\n' && n + 1u < size) {
        buf[n] = f[n];
        n++;
    }
    buf[n] = '\0';
    return buf;
}
