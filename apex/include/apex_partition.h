/*
 * apex_partition.h - ARINC 653 partition services (Part 1) and module
 * schedules (Part 2) of the APEX (docs/arinc653.md, "Partition operating
 * modes" and "Module schedules").
 */
#ifndef APEX_PARTITION_H
#define APEX_PARTITION_H

#include "apex_types.h"

/* Data a WARM_START keeps: the partition's persistent region (the
 * tick core's OS_PERSIST; persistent_size in the configuration). A warm
 * start reloads the rest of the partition's memory, code and data, as a
 * cold one does; zero-initialised only. */
#define APEX_PERSISTENT __attribute__((section(".user_persist")))

typedef struct {
    SYSTEM_TIME_TYPE PERIOD;    /* INFINITE_TIME_VALUE: not known here */
    SYSTEM_TIME_TYPE DURATION;  /* INFINITE_TIME_VALUE: not known here */
    PARTITION_ID_TYPE IDENTIFIER;
    LOCK_LEVEL_TYPE LOCK_LEVEL;
    OPERATING_MODE_TYPE OPERATING_MODE;
    START_CONDITION_TYPE START_CONDITION;
    NUM_CORES_TYPE NUM_ASSIGNED_CORES;
} PARTITION_STATUS_TYPE;

void GET_PARTITION_STATUS(PARTITION_STATUS_TYPE *PARTITION_STATUS,
                          RETURN_CODE_TYPE *RETURN_CODE);
/* NORMAL from the initialisation (main()) starts the processes and does
 * not return; IDLE, COLD_START and WARM_START of the caller's own
 * partition do not return either. */
void SET_PARTITION_MODE(OPERATING_MODE_TYPE OPERATING_MODE,
                        RETURN_CODE_TYPE *RETURN_CODE);

/* ---- Module schedules (Part 2; a partition with schedule_control) ---- */
typedef APEX_INTEGER SCHEDULE_ID_TYPE; /* index in the configuration */

typedef struct {
    SYSTEM_TIME_TYPE TIME_OF_LAST_SCHEDULE_SWITCH;
    SCHEDULE_ID_TYPE CURRENT_SCHEDULE;
    SCHEDULE_ID_TYPE NEXT_SCHEDULE;
} MODULE_SCHEDULE_STATUS_TYPE;

void SET_MODULE_SCHEDULE(SCHEDULE_ID_TYPE SCHEDULE_ID,
                         RETURN_CODE_TYPE *RETURN_CODE);
void GET_MODULE_SCHEDULE_STATUS(MODULE_SCHEDULE_STATUS_TYPE *SCHEDULE_STATUS,
                                RETURN_CODE_TYPE *RETURN_CODE);
/* The schedule's index by its name in the configuration ([[schedule]]
 * name; [system] schedule_name for schedule 0); INVALID_CONFIG when no
 * schedule has it. */
typedef NAME_TYPE SCHEDULE_NAME_TYPE;
void GET_MODULE_SCHEDULE_ID(SCHEDULE_NAME_TYPE SCHEDULE_NAME, SCHEDULE_ID_TYPE *SCHEDULE_ID,
                            RETURN_CODE_TYPE *RETURN_CODE);

#endif /* APEX_PARTITION_H */
