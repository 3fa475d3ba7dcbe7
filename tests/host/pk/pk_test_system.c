/*
 * pk_test_system.c - the system configuration of the kernel's host tests:
 * three partitions shaped like tests/target/pk-iso (guest-kernel range then
 * user range, back to back from 0x01000000), one for each health-monitor
 * action (alpha: log, beta: restart, gamma: stop); alpha has an assigned
 * device with an interrupt.
 *
 * What the generator (tools/pkconfig.py) would add is written out here:
 * each partition's own bit in status_of. Alpha may read every status but
 * beta's (its bits above the last partition are set too, so that only the
 * index check refuses index 3 and up), beta only its own, gamma alpha's and
 * its own. Probe pins: alpha drives pins 3 and 4, beta pin 5, gamma none.
 * Beta restarts at most PKT_RESTART_LIMIT times per PKT_RESTART_WINDOW_NS
 * (then it is stopped); the others have no restart limit.
 *
 * Modes and HM tables (tests/host/pk/test_modes.c): alpha may set and read
 * gamma's mode (its status_of already covers reading), read the HM log and set the module schedule. The tables
 * name only the NORMAL states (task, guest kernel), which no other test
 * reaches, so every other test sees on_fault alone: in a task, deadline
 * misses, application errors and data aborts go to the error handler
 * process, configuration errors to the module (shutdown); in the guest
 * kernel numeric errors to the module (reset). Gamma restarts warm on an
 * application error, beta ignores illegal requests.
 *
 * PKT_RANGE is the size of every range: 1 MiB as on the target for the
 * unit tests; the fuzzer builds it smaller (64 KiB) so that a cold start
 * (which zeroes both ranges) stays cheap.
 */
#include "pk_env.h"

/* Pristine images: a recognisable pattern at the start of each range. */
static const uint8_t image_k0[64] = {0x10, 0x11, 0x12, 0x13};
static const uint8_t image_u0[64] = {0x20, 0x21, 0x22, 0x23};
static const uint8_t image_k1[64] = {0x30, 0x31, 0x32, 0x33};
static const uint8_t image_u1[64] = {0x40, 0x41, 0x42, 0x43};
static const uint8_t image_k2[64] = {0x50, 0x51, 0x52, 0x53};
static const uint8_t image_u2[64] = {0x60, 0x61, 0x62, 0x63};

#define PART(n, i, kimg, uimg, action, ...)                                \
    {                                                                   \
        .name = n, .app = n, .kernel_base = PKT_GK_BASE(i),             \
        .kernel_size = PKT_RANGE, .user_base = PKT_USER_BASE(i),        \
        .user_size = PKT_RANGE, .user_persist_size = PKT_PERSIST,       \
        .kernel_image = kimg,                   \
        .kernel_image_end = kimg + sizeof kimg, .user_image = uimg,     \
        .user_image_end = uimg + sizeof uimg, .entry = PKT_GK_BASE(i),  \
        .tick_hz = PKT_TICK_HZ, .weight = 1u, .warp_ns = 10000000ull,   \
        .warp_limit_ns = 2000000ull, .unwarp_ns = 1000000ull,           \
        .hm_action = action, __VA_ARGS__                                \
    }

/* Ports (what tools/pkconfig.py would emit for them; test_port.c):
 *   0 alpha.s  sampling source, 16 B          -> beta.s, gamma.s
 *   1 alpha.q  queuing source, 8 B            -> beta.q
 *   2 alpha.u  queuing source, 8 B            -> gamma.u
 *   3 beta.s   sampling destination, 16 B, refresh 1 ms
 *   4 beta.q   queuing destination, 8 B, 2 messages, FIFO
 *   5 gamma.s  sampling destination, 32 B, refresh 2 ms
 *   6 gamma.u  queuing destination, 8 B, 2 messages, urgent */
static struct pk_port_state port_state[7];
static uint8_t buf_alpha_s[16];
static uint8_t buf_beta_q[2 * 8];
static uint32_t lens_beta_q[2];
static uint8_t buf_gamma_u[2 * 8];
static uint32_t lens_gamma_u[2];
static const uint16_t dests_alpha_s[] = {3u, 5u};
static const uint16_t dests_alpha_q[] = {4u};
static const uint16_t dests_alpha_u[] = {6u};
static const struct pk_port_config ports[7] = {
    {.name = "s", .partition = 0u, .bit = 0u, .kind = PK_PORT_SAMPLING,
     .direction = PK_PORT_SOURCE, .max_message_size = 16u,
     .max_messages = 1u, .refresh_ns = 1000000ull, .source = -1,
     .n_dests = 2u, .dests = dests_alpha_s, .buf = buf_alpha_s,
     .slot_size = 16u, .state = &port_state[0]},
    {.name = "q", .partition = 0u, .bit = 1u, .kind = PK_PORT_QUEUING,
     .direction = PK_PORT_SOURCE, .max_message_size = 8u,
     .max_messages = 2u, .source = -1, .n_dests = 1u,
     .dests = dests_alpha_q, .slot_size = 8u, .state = &port_state[1]},
    {.name = "u", .partition = 0u, .bit = 2u, .kind = PK_PORT_QUEUING,
     .direction = PK_PORT_SOURCE, .max_message_size = 8u,
     .max_messages = 2u, .source = -1, .n_dests = 1u,
     .dests = dests_alpha_u, .slot_size = 8u, .state = &port_state[2]},
    {.name = "s", .partition = 1u, .bit = 0u, .kind = PK_PORT_SAMPLING,
     .direction = PK_PORT_DESTINATION, .max_message_size = 16u,
     .max_messages = 1u, .refresh_ns = 1000000ull, .source = 0,
     .slot_size = 16u, .state = &port_state[3]},
    {.name = "q", .partition = 1u, .bit = 1u, .kind = PK_PORT_QUEUING,
     .direction = PK_PORT_DESTINATION, .max_message_size = 8u,
     .max_messages = 2u, .source = 1, .buf = buf_beta_q,
     .lens = lens_beta_q, .slot_size = 8u, .state = &port_state[4]},
    {.name = "s", .partition = 2u, .bit = 0u, .kind = PK_PORT_SAMPLING,
     .direction = PK_PORT_DESTINATION, .max_message_size = 32u,
     .max_messages = 1u, .refresh_ns = 2000000ull, .source = 0,
     .slot_size = 32u, .state = &port_state[5]},
    {.name = "u", .partition = 2u, .bit = 1u, .kind = PK_PORT_QUEUING,
     .direction = PK_PORT_DESTINATION, .urgent = 1u,
     .max_message_size = 8u, .max_messages = 2u, .source = 2,
     .buf = buf_gamma_u, .lens = lens_gamma_u, .slot_size = 8u,
     .state = &port_state[6]},
};

const struct pk_system_config pk_system = {
    .name = "pk_host",
    .policy = PK_POLICY_BVT,
    .window_ns = PKT_WINDOW_NS,
    .csw_allowance_ns = 1000000ull,
    .test_judge = 0u, /* alpha's verdict counts, not beta's or gamma's */
    .n_partitions = 3u,
    .partitions = {
        [0] = PART("alpha", 0u, image_k0, image_u0, PK_HM_LOG,
                   .probe_pins = 1u << 3 | 1u << 4, .status_of = ~(1u << 1),
                   .mode_of = 1u << 2, .hm_log = 1u, .schedule_control = 1u,
                   .n_devices = 1u,
                   .devices = {{.name = "dev", .base = PKT_DEV_BASE,
                                .size = 0x1000u, .irq = PKT_DEV_IRQ,
                                .regs = PKT_DEV_BASE, .dma = NULL}}),
        [1] = PART("beta", 1u, image_k1, image_u1, PK_HM_RESTART,
                   .restart_limit = PKT_RESTART_LIMIT,
                   .restart_window_ns = PKT_RESTART_WINDOW_NS,
                   .probe_pins = 1u << 5, .status_of = 1u << 1,
                   .hm_actions = {[PK_HM_ILLEGAL_REQUEST] = PK_HMP_IGNORE},
                   .n_devices = 0u),
        [2] = PART("gamma", 2u, image_k2, image_u2, PK_HM_STOP,
                   .status_of = 1u << 0 | 1u << 2, .n_devices = 0u,
                   .hm_actions = {[PK_HM_APPLICATION_ERROR] =
                                      PK_HMP_WARM_START}),
    },
    .n_ports = 7u,
    .ports = ports,
    .hm_levels = {
        [PK_HM_STATE_TASK] = {[PK_HM_DEADLINE_MISSED] = PK_HM_LEVEL_PROCESS,
                              [PK_HM_APPLICATION_ERROR] = PK_HM_LEVEL_PROCESS,
                              [PK_HM_DATA_ABORT] = PK_HM_LEVEL_PROCESS,
                              [PK_HM_CONFIG_ERROR] = PK_HM_LEVEL_MODULE},
        [PK_HM_STATE_KERNEL] = {[PK_HM_NUMERIC_ERROR] = PK_HM_LEVEL_MODULE,
                                [PK_HM_PREFETCH_ABORT] = PK_HM_LEVEL_PROCESS},
    },
    .hm_module_actions = {[PK_HM_NUMERIC_ERROR] = PK_HMM_RESET,
                          [PK_HM_CONFIG_ERROR] = PK_HMM_SHUTDOWN},
};
