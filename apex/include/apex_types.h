/*
 * apex_types.h - the ARINC 653 Part 1 (APEX) base types, limits and
 * return codes, shared by every APEX service area (docs/arinc653.md).
 *
 * Names, types and enumeration values follow ARINC 653 Part 1 as the open
 * kernels spell them in C, so APEX application code compiles unchanged.
 * Sizes are fixed-width: APEX_INTEGER is 32 bits, SYSTEM_TIME_TYPE is a
 * signed 64-bit count of nanoseconds.
 */
#ifndef APEX_TYPES_H
#define APEX_TYPES_H

#include <stdint.h>

/* ---- Base types ---- */

typedef uint8_t APEX_BYTE;          /* 8-bit unsigned */
typedef int32_t APEX_INTEGER;       /* 32-bit signed */
typedef uint32_t APEX_UNSIGNED;     /* 32-bit unsigned */
typedef int64_t APEX_LONG_INTEGER;  /* 64-bit signed */

/* ---- System limits (this implementation) ---- */

#define SYSTEM_LIMIT_NUMBER_OF_PARTITIONS 32
#define SYSTEM_LIMIT_NUMBER_OF_MESSAGES 512
#define SYSTEM_LIMIT_MESSAGE_SIZE 8192
#define SYSTEM_LIMIT_NUMBER_OF_PROCESSES 128
#define SYSTEM_LIMIT_NUMBER_OF_SAMPLING_PORTS 512
#define SYSTEM_LIMIT_NUMBER_OF_QUEUING_PORTS 512
#define SYSTEM_LIMIT_NUMBER_OF_BUFFERS 256
#define SYSTEM_LIMIT_NUMBER_OF_BLACKBOARDS 256
#define SYSTEM_LIMIT_NUMBER_OF_SEMAPHORES 256
#define SYSTEM_LIMIT_NUMBER_OF_EVENTS 256

/* ---- Return codes ---- */

typedef enum {
    NO_ERROR = 0,       /* request valid and operation performed */
    NO_ACTION = 1,      /* status of system unaffected by request */
    NOT_AVAILABLE = 2,  /* resource required by request unavailable */
    INVALID_PARAM = 3,  /* invalid parameter specified in request */
    INVALID_CONFIG = 4, /* parameter incompatible with configuration */
    INVALID_MODE = 5,   /* request incompatible with current mode */
    TIMED_OUT = 6       /* time-out tied up with request has expired */
} RETURN_CODE_TYPE;

/* ---- Names, addresses, messages ---- */

#define MAX_NAME_LENGTH 30
typedef char NAME_TYPE[MAX_NAME_LENGTH]; /* NUL-padded; may fill all 30 */

typedef void (*SYSTEM_ADDRESS_TYPE);     /* an entry point */
typedef APEX_BYTE *MESSAGE_ADDR_TYPE;    /* a message's first byte */
typedef APEX_INTEGER MESSAGE_SIZE_TYPE;  /* bytes, 1 .. SYSTEM_LIMIT_MESSAGE_SIZE */
typedef APEX_INTEGER MESSAGE_RANGE_TYPE; /* messages, 0 .. SYSTEM_LIMIT_NUMBER_OF_MESSAGES */

typedef enum { SOURCE = 0, DESTINATION = 1 } PORT_DIRECTION_TYPE;
typedef enum { FIFO = 0, PRIORITY = 1 } QUEUING_DISCIPLINE_TYPE;
typedef enum { INVALID = 0, VALID = 1 } VALIDITY_TYPE;

/* ---- Time ---- */

typedef APEX_LONG_INTEGER SYSTEM_TIME_TYPE; /* ns; INFINITE_TIME_VALUE: none */
#define INFINITE_TIME_VALUE (-1LL)

/* ---- Processes (the types; the services are in apex_process.h) ---- */

#define MAX_NUMBER_OF_PROCESSES SYSTEM_LIMIT_NUMBER_OF_PROCESSES
#define MIN_PRIORITY_VALUE 1
#define MAX_PRIORITY_VALUE 239
#define MAX_LOCK_LEVEL 16

typedef NAME_TYPE PROCESS_NAME_TYPE;
typedef APEX_INTEGER PROCESS_ID_TYPE;  /* > 0 for a process; NULL_PROCESS_ID none */
#define NULL_PROCESS_ID 0
typedef APEX_INTEGER PROCESS_INDEX_TYPE;
typedef APEX_INTEGER LOCK_LEVEL_TYPE;  /* 0 .. MAX_LOCK_LEVEL */
typedef APEX_UNSIGNED STACK_SIZE_TYPE; /* bytes */
typedef APEX_INTEGER WAITING_RANGE_TYPE; /* processes waiting on an object */
typedef APEX_INTEGER PRIORITY_TYPE;    /* MIN_PRIORITY_VALUE .. MAX_PRIORITY_VALUE */

typedef enum {
    DORMANT = 0, /* not started, or stopped */
    READY = 1,   /* able to run */
    RUNNING = 2, /* the process running now */
    WAITING = 3, /* delayed, suspended or waiting on an object */
    FAULTED = 4  /* stopped by the health monitor */
} PROCESS_STATE_TYPE;

typedef enum { SOFT = 0, HARD = 1 } DEADLINE_TYPE;

typedef struct {
    SYSTEM_TIME_TYPE PERIOD;        /* INFINITE_TIME_VALUE: aperiodic */
    SYSTEM_TIME_TYPE TIME_CAPACITY; /* INFINITE_TIME_VALUE: no deadline */
    SYSTEM_ADDRESS_TYPE ENTRY_POINT;
    STACK_SIZE_TYPE STACK_SIZE;
    PRIORITY_TYPE BASE_PRIORITY;
    DEADLINE_TYPE DEADLINE;
    PROCESS_NAME_TYPE NAME;
} PROCESS_ATTRIBUTE_TYPE;

typedef struct {
    SYSTEM_TIME_TYPE DEADLINE_TIME; /* absolute; INFINITE_TIME_VALUE: none */
    PRIORITY_TYPE CURRENT_PRIORITY;
    PROCESS_STATE_TYPE PROCESS_STATE;
    PROCESS_ATTRIBUTE_TYPE ATTRIBUTES;
} PROCESS_STATUS_TYPE;

/* ---- Partitions (the types; the services are in apex_partition.h) ---- */

typedef APEX_INTEGER PARTITION_ID_TYPE;
typedef APEX_UNSIGNED NUM_CORES_TYPE;

typedef enum {
    IDLE = 0,
    COLD_START = 1,
    WARM_START = 2,
    NORMAL = 3
} OPERATING_MODE_TYPE;

typedef enum {
    NORMAL_START = 0,
    PARTITION_RESTART = 1,
    HM_MODULE_RESTART = 2,
    HM_PARTITION_RESTART = 3
} START_CONDITION_TYPE;

#endif /* APEX_TYPES_H */
