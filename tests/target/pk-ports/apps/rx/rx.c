/*
 * pk-ports, partition "rx": the receiver and most checks (docs/arinc653.md
 * maps each rule to the check named here). on_fault = "log": the refused
 * calls of the isolation step return their errors and are counted by the
 * health monitor (this partition's fault count, PK_SVC_PART_STATUS).
 */
#include <stdbool.h>
#include <string.h>

#include "../common.h"
#include "os.h"
#include "pv_port.h"

/* Global port indices (system.toml order, grouped by partition): tx's
 * nine ports first, then rx's. */
#define TX_SAMPLE 0u
#define RX_SAMPLE 9u
#define RX_ACK 15u
#define URG_PLAIN 21u /* after rx's eleven ports */
#define RX_BIGQ 18u

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[1024];
static OS_KOBJ struct os_task wt[6];
static _Alignas(8) port_stack_t wstack[6][512];
static uint32_t h_sample, h_never, h_data, h_ctl, h_fifo, h_prio, h_ack,
    h_selfq, h_selfin, h_bigq, h_bigin;
static _Alignas(8) char big_out[512 + 4], big_in[512 + 4];
/* A waiter deleted while it waits (victim), and one behind it (heir). */
static OS_KOBJ struct os_task victim, heir;
static _Alignas(8) port_stack_t vstack[512], hstack[512];
static volatile bool heir_got;

/* Which waiter got message '1', '2', '3' of each port. */
static volatile int got_fifo[3], got_prio[3];
static volatile unsigned done;

static void expect_ctl(const char *want)
{
    char buf[8];
    uint32_t len;
    enum pv_port_rc rc =
        pv_queuing_receive(h_ctl, buf, sizeof buf, &len, PV_PORT_FOREVER);
    CHECK("receive with an infinite timeout", rc == PV_PORT_OK &&
              len == strlen(want) && memcmp(buf, want, len) == 0);
}

static void ack(const char *s)
{
    CHECK("rx ack", pv_queuing_send(h_ack, s, (uint32_t)strlen(s),
                                    PV_PORT_FOREVER) == PV_PORT_OK);
}

static void waiter(void *arg)
{
    int id = (int)(uintptr_t)arg;
    bool prio = id >= 3;
    os_delay(1u + 2u * (unsigned)id); /* the order of arrival */
    char c;
    uint32_t len;
    enum pv_port_rc rc = pv_queuing_receive(prio ? h_prio : h_fifo, &c, 1u,
                                            &len, PV_PORT_FOREVER);
    if (rc == PV_PORT_OK && len == 1u && c >= '1' && c <= '3')
        (prio ? got_prio : got_fifo)[c - '1'] = id;
    done++;
}

static void self_waiter(void *arg)
{
    os_delay(arg != NULL ? 3u : 1u); /* the victim first */
    char c;
    uint32_t len;
    if (pv_queuing_receive(h_selfin, &c, 1u, &len, PV_PORT_FOREVER) ==
            PV_PORT_OK && arg != NULL && c == 'h')
        heir_got = true;
}

static uint32_t faults(void)
{
    static _Alignas(8) struct pk_part_status st;
    pv_part_status(PK_SELF, &st);
    return st.faults;
}

static void run(void *arg)
{
    (void)arg;
    char buf[32];
    uint32_t len;
    bool valid;

    /* Sampling: never written; then fresh, then aged. */
    CHECK("sampling read never written NO_ACTION",
          pv_sampling_read(h_never, buf, 16u, &len, &valid) ==
                  PV_PORT_NO_ACTION && len == 0u && !valid);
    expect_ctl("go1");
    CHECK("sampling read fresh: valid",
          pv_sampling_read(h_sample, buf, 16u, &len, &valid) == PV_PORT_OK &&
              len == 5u && valid && memcmp(buf, "fresh", 5u) == 0);
    os_delay(8u); /* the refresh period is 5 ms */
    CHECK("sampling read aged: invalid",
          pv_sampling_read(h_sample, buf, 16u, &len, &valid) == PV_PORT_OK &&
              len == 5u && !valid);

    /* Queuing: a buffer too small keeps the message; the overflow is
     * reported with the first message; FIFO order. */
    CHECK("receive into a too small buffer INVALID_CONFIG, nothing taken",
          pv_queuing_receive(h_data, buf, 1u, &len, 0u) ==
                  PV_PORT_INVALID_CONFIG && len == 0u);
    CHECK("overflow reported with the first message (INVALID_CONFIG)",
          pv_queuing_receive(h_data, buf, 32u, &len, 0u) ==
                  PV_PORT_INVALID_CONFIG &&
              len == 2u && memcmp(buf, "d1", 2u) == 0);
    static const char *const d[3] = {"d2", "d3", "d4"};
    for (unsigned i = 0; i < 3u; i++)
        CHECK("FIFO order of messages",
              pv_queuing_receive(h_data, buf, 32u, &len, 0u) == PV_PORT_OK &&
                  len == 2u && memcmp(buf, d[i], 2u) == 0);
    CHECK("receive timeout 0 on an empty queue NOT_AVAILABLE",
          pv_queuing_receive(h_data, buf, 32u, &len, 0u) ==
              PV_PORT_NOT_AVAILABLE);
    uint64_t t0 = pv_time_ns();
    enum pv_port_rc rc = pv_queuing_receive(h_data, buf, 32u, &len, 15u);
    uint64_t waited = pv_time_ns() - t0;
    printf("receive TIMED_OUT after %lu us\n",
           (unsigned long)(waited / 1000u));
    CHECK("receive timeout 15 ticks TIMED_OUT",
          rc == PV_PORT_TIMED_OUT && waited >= 14000000u &&
              waited <= 17000000u);
    struct pv_port_status st;
    CHECK("status of an empty queue",
          pv_port_status(h_data, &st) == PV_PORT_OK && st.k.messages == 0u &&
              st.k.max_messages == 4u && st.waiting == 0u);
    ack("a1");

    /* Clear. */
    expect_ctl("go2");
    CHECK("status: 2 messages",
          pv_port_status(h_data, &st) == PV_PORT_OK && st.k.messages == 2u);
    CHECK("clear", pv_queuing_clear(h_data) == PV_PORT_OK);
    CHECK("status after clear: 0 messages",
          pv_port_status(h_data, &st) == PV_PORT_OK && st.k.messages == 0u);
    CHECK("receive after clear NOT_AVAILABLE",
          pv_queuing_receive(h_data, buf, 32u, &len, 0u) ==
              PV_PORT_NOT_AVAILABLE);
    CHECK("clear of a source port INVALID_MODE",
          pv_queuing_clear(h_ack) == PV_PORT_INVALID_MODE);

    /* Waiting order: the waiters (made in main) have arrived in the order
     * 0 (priority 1), 1 (3), 2 (2) on each port long ago. */
    CHECK("status: 3 waiting tasks",
          pv_port_status(h_fifo, &st) == PV_PORT_OK && st.waiting == 3u &&
              pv_port_status(h_prio, &st) == PV_PORT_OK && st.waiting == 3u);
    ack("a2");
    for (unsigned i = 0; i < 200u && done < 6u; i++)
        os_delay(1u);
    printf("fifo release: %d %d %d, priority release: %d %d %d\n",
           got_fifo[0], got_fifo[1], got_fifo[2], got_prio[0], got_prio[1],
           got_prio[2]);
    CHECK("FIFO discipline releases in arrival order",
          got_fifo[0] == 0 && got_fifo[1] == 1 && got_fifo[2] == 2);
    CHECK("PRIORITY discipline releases by priority",
          got_prio[0] == 4 && got_prio[1] == 5 && got_prio[2] == 3);

    /* Isolation: raw kernel calls from this task (task mode). */
    uint32_t f0 = faults();
    uint32_t ubase = PK_LAYOUT_SELF_USER_BASE, usize = PK_LAYOUT_SELF_USER_SIZE;
    uint32_t uend = ubase + usize;
    CHECK("read a port of another partition: EPERM",
          raw4(PK_SVC_SAMPLING_READ, TX_SAMPLE, (uint32_t)(uintptr_t)buf, 16u,
               0u) == PK_EPERM);
    CHECK("receive on another partition's destination port: EPERM",
          raw4(PK_SVC_QUEUING_RECEIVE, URG_PLAIN, (uint32_t)(uintptr_t)buf,
               8u, 0u) == PK_EPERM);
    CHECK("receive on an own source port: EPERM",
          raw4(PK_SVC_QUEUING_RECEIVE, RX_ACK, (uint32_t)(uintptr_t)buf, 8u,
               0u) == PK_EPERM);
    CHECK("buffer exactly at the end of the user range",
          raw4(PK_SVC_SAMPLING_READ, RX_SAMPLE, uend - 16u, 16u, 0u) == 5);
    CHECK("buffer one past the end: EFAULT",
          raw4(PK_SVC_SAMPLING_READ, RX_SAMPLE, uend - 15u, 16u, 0u) ==
              PK_EFAULT);
    CHECK("addr + len wraps around: EFAULT",
          raw4(PK_SVC_SAMPLING_READ, RX_SAMPLE, 0xFFFFFFF0u, 0x20u, 0u) ==
              PK_EFAULT);
    CHECK("a length that wraps from inside the range: EFAULT",
          raw4(PK_SVC_SAMPLING_READ, RX_SAMPLE, ubase + 0x100u, 0xFFFFFF80u,
               0u) == PK_EFAULT);
    CHECK("another partition's memory: EFAULT",
          raw4(PK_SVC_SAMPLING_READ, RX_SAMPLE, PK_LAYOUT_TX_USER_BASE, 16u,
               0u) == PK_EFAULT);
    CHECK("a task naming its guest kernel: EFAULT",
          raw4(PK_SVC_SAMPLING_READ, RX_SAMPLE, PK_LAYOUT_SELF_KERNEL_BASE,
               16u, 0u) == PK_EFAULT);
    CHECK("a task passing a guest-kernel buffer to the API: INVALID_PARAM",
          pv_sampling_read(h_sample, (void *)PK_LAYOUT_SELF_KERNEL_BASE, 16u,
                           &len, &valid) == PV_PORT_INVALID_PARAM);
    uint32_t f1 = faults();
    printf("health-monitor records of the isolation step: %lu\n",
           (unsigned long)(f1 - f0));
    CHECK("each refused call recorded by the health monitor", f1 - f0 == 9u);
    CHECK("a guest-kernel address as an output word: INVALID_PARAM, no record",
          pv_sampling_read(h_sample, buf, 16u,
                           (uint32_t *)PK_LAYOUT_SELF_KERNEL_BASE, &valid) ==
                  PV_PORT_INVALID_PARAM &&
              faults() == f1);
    /* A task deleted while it waits at the head of a port's waiters: the
     * port's next message goes to the waiter behind it. */
    CHECK("two waiters on selfin",
          pv_port_status(h_selfin, &st) == PV_PORT_OK && st.waiting == 2u);
    CHECK("delete the first waiter", os_task_delete(&victim) == OS_OK);
    CHECK("the send to selfin",
          pv_queuing_send(h_selfq, "h", 1u, PV_PORT_NO_WAIT) == PV_PORT_OK);
    os_delay(2u);
    CHECK("a deleted waiter does not take the next waiter's wake-up",
          heir_got && pv_port_status(h_selfin, &st) == PV_PORT_OK &&
              st.waiting == 0u);
    /* A long message in a buffer that is not word aligned: the kernel
     * refuses to copy it (its copy bound), the guest API bounces it. */
    for (unsigned i = 0; i < 300u; i++)
        big_out[1 + i] = (char)('A' + i % 26u);
    CHECK("the kernel refuses a long unaligned copy: EINVAL",
          raw4(PK_SVC_QUEUING_SEND, RX_BIGQ, (uint32_t)(uintptr_t)&big_out[1],
               300u, 0u) == PK_EINVAL);
    CHECK("... and takes a short one",
          raw4(PK_SVC_QUEUING_SEND, RX_BIGQ, (uint32_t)(uintptr_t)&big_out[1],
               PK_PORT_UNALIGNED_MAX, 0u) == PK_OK &&
              pv_queuing_clear(h_bigin) == PV_PORT_OK);
    CHECK("the API sends a long unaligned message",
          pv_queuing_send(h_bigq, &big_out[1], 300u, PV_PORT_NO_WAIT) ==
              PV_PORT_OK);
    CHECK("the API receives it into an unaligned buffer",
          pv_queuing_receive(h_bigin, &big_in[3], 512u, &len, PV_PORT_NO_WAIT) ==
                  PV_PORT_OK &&
              len == 300u && memcmp(&big_in[3], &big_out[1], 300u) == 0);
    ack("a3");
    printf("RESULT rx PASS\n");
    for (;;)
        os_delay(1000u);
}

static void open_port(const char *name, uint32_t *h)
{
    if (pv_port_open(name, h, NULL) != PV_PORT_OK) {
        printf("RESULT pk-ports FAIL open %s\n", name);
        pv_test_exit(1);
    }
}

int main(void)
{
    os_init();
    open_port("sample", &h_sample);
    open_port("never", &h_never);
    open_port("data", &h_data);
    open_port("ctl", &h_ctl);
    open_port("fifo", &h_fifo);
    open_port("prio", &h_prio);
    open_port("ack", &h_ack);
    open_port("selfq", &h_selfq);
    open_port("selfin", &h_selfin);
    open_port("bigq", &h_bigq);
    open_port("bigin", &h_bigin);
    os_task_create(&task, "rx", run, NULL, 5, stack, 1024u);
    if (os_task_create(&victim, "victim", self_waiter, NULL, 4, vstack, 512u) !=
            OS_OK ||
        os_task_create(&heir, "heir", self_waiter, (void *)1, 4, hstack, 512u) !=
            OS_OK) {
        printf("RESULT pk-ports FAIL self waiters\n");
        pv_test_exit(1);
    }
    static const unsigned prio_of[3] = {1u, 3u, 2u};
    for (unsigned i = 0; i < 6u; i++) {
        got_fifo[i % 3u] = got_prio[i % 3u] = -1;
        if (os_task_create(&wt[i], "w", waiter, (void *)(uintptr_t)i,
                           prio_of[i % 3u], wstack[i], 512u) != OS_OK) {
            printf("RESULT pk-ports FAIL waiter task\n");
            pv_test_exit(1);
        }
    }
    os_start();
}
