/*
 * avcontrol: the avionics demo's control partition (apps/systems/avionics).
 * A periodic process (20 ms) reads the attitude from the sampling port,
 * checks its validity, computes the surface commands and sends them on the
 * queuing port "command". Two faults are injected, each once:
 * - at sample AV_FAULT_APP_SEQ the process finds the sample implausible and
 *   raises an application error: the system's HM table makes it a process
 *   level error, so the partition's error handler runs; it reports the
 *   error and restarts the control process (STOP, START);
 * - at sample AV_FAULT_ABORT_SEQ the process writes through a null pointer:
 *   a memory violation, at partition level for this partition (its HM
 *   table: warm start). The partition starts again with its data kept
 *   (`starts` below counts the starts across warm restarts).
 * The sensor and the actuator go on meanwhile; the actuator sees the
 * samples the control partition missed as gaps in the sequence numbers.
 */
#include "../av_common/av.h"

#ifndef AV_FAULT_APP_SEQ
#define AV_FAULT_APP_SEQ 100u
#endif
#ifndef AV_FAULT_ABORT_SEQ
#define AV_FAULT_ABORT_SEQ 200u
#endif

static SAMPLING_PORT_ID_TYPE in;
static QUEUING_PORT_ID_TYPE out;
static PROCESS_ID_TYPE control;

/* Persistent data: kept by a warm start, zeroed by a cold one (the rest of
 * the partition's memory is reloaded by both). */
static APEX_PERSISTENT uint32_t starts;
static APEX_PERSISTENT uint32_t app_fault_done, abort_fault_done;
static volatile uint32_t *volatile av_nowhere; /* NULL: the injected abort */

static void control_main(void)
{
    uint32_t last = UINT32_MAX, invalid = 0, stale = 0;
    printf("AV control: process starts\n");
    for (;;) {
        RETURN_CODE_TYPE rc;
        struct av_attitude m;
        MESSAGE_SIZE_TYPE len = 0;
        VALIDITY_TYPE v = INVALID;
        READ_SAMPLING_MESSAGE(in, (MESSAGE_ADDR_TYPE)&m, &len, &v, &rc);
        if (rc != NO_ERROR || len != (MESSAGE_SIZE_TYPE)sizeof m || v != VALID) {
            invalid++;
        } else if (m.seq == last) {
            stale++; /* no new sample since the last period */
        } else {
            last = m.seq;
            if (m.seq >= AV_FAULT_APP_SEQ && !app_fault_done) {
                app_fault_done = 1u;
                static const char msg[] = "attitude sample implausible";
                printf("AV control: injecting an application error at seq=%u\n",
                       (unsigned)m.seq);
                RAISE_APPLICATION_ERROR(APPLICATION_ERROR, (MESSAGE_ADDR_TYPE)msg,
                                        sizeof msg - 1, &rc);
                /* The error handler stops this process: not reached. */
            }
            if (m.seq >= AV_FAULT_ABORT_SEQ && !abort_fault_done) {
                abort_fault_done = 1u;
                printf("AV control: injecting a memory violation at seq=%u\n",
                       (unsigned)m.seq);
                *av_nowhere = m.seq; /* data abort: the partition restarts warm */
            }
            struct av_command c = {.seq = m.seq, .control_starts = starts,
                                   .t_sample_ns = m.t_sample_ns};
            av_law(m.pitch_mdeg, m.roll_mdeg, &c.elevator_mdeg, &c.aileron_mdeg);
            c.t_sent_ns = av_now();
            av_pulse(AV_PIN_CONTROL);
            SEND_QUEUING_MESSAGE(out, (MESSAGE_ADDR_TYPE)&c, sizeof c, 0, &rc);
            if (rc != NO_ERROR)
                printf("AV control send seq=%u rc=%d\n", (unsigned)m.seq, (int)rc);
            if (m.seq % 50u == 0u)
                printf("AV control seq=%u elevator=%d aileron=%d invalid=%u stale=%u\n",
                       (unsigned)m.seq, (int)c.elevator_mdeg, (int)c.aileron_mdeg,
                       (unsigned)invalid, (unsigned)stale);
        }
        PERIODIC_WAIT(&rc);
    }
}

/* The error handler process: runs when a process-level error is raised. */
static void error_handler(void)
{
    for (;;) { /* every error delivered, then STOP_SELF */
        ERROR_STATUS_TYPE e;
        RETURN_CODE_TYPE rc;
        GET_ERROR_STATUS(&e, &rc);
        if (rc != NO_ERROR)
            STOP_SELF(); /* all handled: the handler waits for the next error */
        printf("AV control error handler: error=%d process=%d message=\"%.*s\"\n",
               (int)e.ERROR_CODE, (int)e.FAILED_PROCESS_ID, (int)e.LENGTH,
               (const char *)e.MESSAGE);
        if (e.FAILED_PROCESS_ID == control) {
            STOP(control, &rc);
            START(control, &rc);
            printf("AV control error handler: control process restarted rc=%d\n", (int)rc);
        }
    }
}

int main(void)
{
    RETURN_CODE_TYPE rc;
    starts++;
    PARTITION_STATUS_TYPE st;
    GET_PARTITION_STATUS(&st, &rc);
    av_require("GET_PARTITION_STATUS", rc);
    printf("AV control: start %u, mode %d, start condition %d\n", (unsigned)starts,
           (int)st.OPERATING_MODE, (int)st.START_CONDITION);

    NAME_TYPE name;
    av_name(name, "attitude");
    CREATE_SAMPLING_PORT(name, sizeof(struct av_attitude), DESTINATION, 40 * AV_MS, &in, &rc);
    av_require("CREATE_SAMPLING_PORT attitude", rc);
    av_name(name, "command");
    CREATE_QUEUING_PORT(name, sizeof(struct av_command), 8, SOURCE, FIFO, &out, &rc);
    av_require("CREATE_QUEUING_PORT command", rc);

    PROCESS_ATTRIBUTE_TYPE a = {
        .PERIOD = AV_PERIOD_NS,
        .TIME_CAPACITY = 6 * AV_MS,
        .ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)control_main,
        .STACK_SIZE = 2048,
        .BASE_PRIORITY = 10,
        .DEADLINE = HARD,
    };
    av_name(a.NAME, "control");
    CREATE_PROCESS(&a, &control, &rc);
    av_require("CREATE_PROCESS control", rc);
    CREATE_ERROR_HANDLER((SYSTEM_ADDRESS_TYPE)error_handler, 2048, &rc);
    av_require("CREATE_ERROR_HANDLER", rc);
    START(control, &rc);
    av_require("START control", rc);
    SET_PARTITION_MODE(NORMAL, &rc);
    av_require("SET_PARTITION_MODE", rc);
    return 0;
}
