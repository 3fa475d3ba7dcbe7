/*
 * vit_stat.c - storage of the VIT request record (pv_vit_stat.h). Linked
 * into the user range so that tasks can read it; written only by the guest
 * kernel.
 */
#include "pv_vit_stat.h"

volatile uint64_t pv_vit_last_deadline_ns;
volatile uint32_t pv_vit_requests;
