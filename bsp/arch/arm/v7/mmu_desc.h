/*
 * mmu_desc.h (ARMv7-A) - ARMv7's short descriptors are the ARMv6 format
 * (SCTLR.XP reads as one): the same encoders.
 */
#include "../v6/mmu_desc.h"
