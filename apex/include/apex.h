/*
 * apex.h - the ARINC 653 Part 1 application executive (APEX) of a
 * partition, implemented over the tick core (docs/arinc653.md).
 *
 * An application asks for it in its folder's app.mk (APP_LIBS := apex);
 * the services run in the partition's guest kernel, reached through one
 * gate, and their objects live in .kobj, out of the processes' reach.
 * One include line per service area.
 */
#ifndef APEX_H
#define APEX_H

#include "apex_types.h"
#include "apex_process.h"
#include "apex_time.h"
#include "apex_buffer.h"
#include "apex_blackboard.h"
#include "apex_semaphore.h"
#include "apex_event.h"
#include "apex_sampling.h"
#include "apex_queuing.h"
#include "apex_partition.h"
#include "apex_hm.h"

#endif /* APEX_H */
