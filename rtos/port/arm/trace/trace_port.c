/*
 * trace_port.c (arm) - port side of the tick core's trace glue on a
 * native system (the tick core alone on the board, rtos/port/arm).
 *
 * Clock: the board clock, bsp_clock_ns() (24 MHz counter on versatilepb),
 * the same clock the kernel stamps its records with in a partitioned
 * system, so both kinds of system give traces in the same time base.
 *
 * Masking: the producers are the tick core's hooks (interrupts masked) and
 * the tick interrupt; the consumer is the idle task. The buffer gets the
 * port's mask pair so that a drain never races a producer.
 *
 * Draining, as source 0 (the tick core owns the board's only buffer):
 *   - by the idle task (os_hook_idle), whenever the system has nothing
 *     else to do;
 *   - at the end of the run: mk/trace.mk links native trace builds with
 *     --wrap=bsp_exit, so every exit (a test's verdict, a panic path that
 *     calls bsp_exit, the run stop below) drains the whole buffer first and
 *     prints "OS trace end time_ns=<t> lost=<n>".
 * A frame is written with interrupts masked, so that no task prints into
 * the middle of it (a frame line is about 160 characters; at 115200 baud on
 * a board that is 14 ms with interrupts off, hence idle time only).
 *
 * Idle: trace builds also link with --wrap=bsp_cpu_idle, whose wrapper
 * returns at once: the idle task then polls instead of waiting in WFI, so
 * the CPU never halts and QEMU's instruction count stays equal to its
 * virtual time (the emulated analyzer stamps instruction count x 4 ns,
 * docs/measuring.md section 4).
 *
 * Run stop: with OS_TRACE_RUN_STOP_MS (mk/trace.mk, from RUN_MS) the tick
 * hook ends the run once the clock passes that many milliseconds, the way
 * the partitioning kernel's PK_RUN_STOP_MS does.
 *
 * Pins: the board's own, one store each (bsp_probe_set/bsp_probe_clear).
 */
#include <stddef.h>
#include <stdint.h>

#include "bsp.h"
#include "os.h"
#include "os_trace_glue.h"

/* Initial run-time category mask of the buffer. */
#ifndef OS_TRACE_RUN_MASK
#define OS_TRACE_RUN_MASK TRACE_MASK_ALL
#endif

/* Records drained per idle-loop pass: one frame's worth keeps each
 * interrupt-masked stretch to a single line. */
#define GLUE_IDLE_DRAIN TRACE_FRAME_RECORDS

/* The real functions behind the linker's --wrap (the board's). */
void __real_bsp_exit(int status) __attribute__((noreturn));
void __real_bsp_cpu_idle(void);

static uint32_t glue_irq_save(void)
{
    return (uint32_t)port_irq_save();
}

static void glue_irq_restore(uint32_t state)
{
    port_irq_restore((PORT_IRQ_STATE_T)state);
}

/* Writes one frame line with interrupts masked (see the file comment). */
static void glue_write(const char *s, size_t len)
{
    uint32_t st = glue_irq_save();
    bsp_console_write(s, len);
    glue_irq_restore(st);
}

void os_trace_glue_port_init(void)
{
    os_trace_buf.source = TRACE_SOURCE_KERNEL;
    trace_set_hooks(&os_trace_buf, bsp_clock_ns, glue_irq_save,
                    glue_irq_restore);
    trace_set_mask(&os_trace_buf, OS_TRACE_RUN_MASK);
}

void os_trace_glue_port_pin(unsigned pin, unsigned level)
{
    if (level != 0u)
        bsp_probe_set(pin);
    else
        bsp_probe_clear(pin);
}

/* The idle task's hook: drain a frame if anything is pending. */
void os_hook_idle(void)
{
    if (os_trace_buf.capacity != 0u && trace_pending(&os_trace_buf) != 0u)
        (void)trace_drain(&os_trace_buf, glue_write, GLUE_IDLE_DRAIN);
}

/* Busy idle in trace builds (see the file comment): return at once. */
void __wrap_bsp_cpu_idle(void)
{
}

#if PK_TRACE_ENABLED
/* Appends the decimal form of v to buf at *len (buf has room for 20). */
static void glue_put_dec(char *buf, size_t *len, uint64_t v)
{
    char tmp[20];
    unsigned n = 0u;
    do {
        tmp[n++] = (char)('0' + (int)(v % 10u));
        v /= 10u;
    } while (v != 0u);
    while (n > 0u)
        buf[(*len)++] = tmp[--n];
}

static void glue_put_str(char *buf, size_t *len, const char *s)
{
    while (*s != '\0')
        buf[(*len)++] = *s++;
}

/* Every exit drains the buffer and states the end time and the loss. */
void __wrap_bsp_exit(int status)
{
    char line[80];
    size_t len = 0u;

    (void)glue_irq_save();
    if (os_trace_buf.capacity != 0u) {
        while (trace_drain(&os_trace_buf, bsp_console_write, 64u) != 0u) {
        }
    }
    glue_put_str(line, &len, "OS trace end time_ns=");
    glue_put_dec(line, &len, bsp_clock_ns());
    glue_put_str(line, &len, " lost=");
    glue_put_dec(line, &len, os_trace_buf.lost_total);
    line[len++] = '\n';
    bsp_console_write(line, len);
    __real_bsp_exit(status);
}
#else
/* A pins-only build (PROBE_TASK without TRACE) has no records to report:
 * the exit goes straight to the board's. */
void __wrap_bsp_exit(int status)
{
    __real_bsp_exit(status);
}
#endif

#ifdef OS_TRACE_RUN_STOP_MS
#define GLUE_STR2(x) #x
#define GLUE_STR(x) GLUE_STR2(x)

void os_trace_glue_tick(uint32_t count)
{
    static const char msg[] = "OS run end after "
                              GLUE_STR(OS_TRACE_RUN_STOP_MS) " ms\n";
    (void)count;
    if (bsp_clock_ns() >= (uint64_t)OS_TRACE_RUN_STOP_MS * 1000000u) {
        bsp_console_write(msg, sizeof msg - 1u);
        bsp_exit(0);
    }
}
#endif
