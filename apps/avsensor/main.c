/*
 * avsensor: the avionics demo's sensor partition (apps/systems/avionics).
 * One periodic process (20 ms, released at the start of the sensor's
 * window) samples the attitude and writes it to the sampling port
 * "attitude", marking the hop on its probe pin.
 */
#include "../av_common/av.h"

static SAMPLING_PORT_ID_TYPE port;

static void sensor_main(void)
{
    uint32_t seq = 0;
    for (;;) {
        struct av_attitude m = {.seq = seq};
        av_sample(seq, &m.pitch_mdeg, &m.roll_mdeg);
        m.t_sample_ns = av_now();
        RETURN_CODE_TYPE rc;
        av_pulse(AV_PIN_SENSOR);
        WRITE_SAMPLING_MESSAGE(port, (MESSAGE_ADDR_TYPE)&m, sizeof m, &rc);
        if (rc != NO_ERROR)
            printf("AV sensor write seq=%u rc=%d\n", (unsigned)seq, (int)rc);
        if (seq % 50u == 0u)
            printf("AV sensor seq=%u pitch=%d roll=%d\n", (unsigned)seq, (int)m.pitch_mdeg,
                   (int)m.roll_mdeg);
        seq++;
        PERIODIC_WAIT(&rc);
    }
}

int main(void)
{
    RETURN_CODE_TYPE rc;
    NAME_TYPE name;
    av_name(name, "attitude");
    CREATE_SAMPLING_PORT(name, sizeof(struct av_attitude), SOURCE, 40 * AV_MS, &port, &rc);
    av_require("CREATE_SAMPLING_PORT attitude", rc);

    PROCESS_ATTRIBUTE_TYPE a = {
        .PERIOD = AV_PERIOD_NS,
        .TIME_CAPACITY = 4 * AV_MS,
        .ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)sensor_main,
        .STACK_SIZE = 2048,
        .BASE_PRIORITY = 10,
        .DEADLINE = HARD,
    };
    av_name(a.NAME, "sensor");
    PROCESS_ID_TYPE pid;
    CREATE_PROCESS(&a, &pid, &rc);
    av_require("CREATE_PROCESS sensor", rc);
    START(pid, &rc);
    av_require("START sensor", rc);
    printf("AV sensor: 50 Hz on sampling port attitude\n");
    SET_PARTITION_MODE(NORMAL, &rc);
    av_require("SET_PARTITION_MODE", rc);
    return 0;
}
