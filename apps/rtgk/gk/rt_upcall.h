/*
 * rt_upcall.h - the smallest upcall handler, for red-team guest kernels
 * that block: the rtgk entry leaves vmask = 1 for ever, so pending ticks
 * would make every PK_SVC_BLOCK return at once. The handler takes what was
 * delivered and resumes the interrupted context at once (UPCALL_RETURN).
 */
#ifndef RT_UPCALL_H
#define RT_UPCALL_H

#include <stdint.h>

#include "pk_abi.h"

extern struct pk_vcpu pv_vcpu;

__attribute__((naked)) static void rt_upcall_entry(void)
{
    __asm__ volatile("mov r7, #6\n\tsvc #0\n1:\tb 1b");
}

static uint64_t rt_upcall_stack[64];

static inline void rt_upcall_install(void)
{
    pv_vcpu.upcall_entry = (uint32_t)(uintptr_t)rt_upcall_entry;
    pv_vcpu.upcall_sp = (uint32_t)(uintptr_t)&rt_upcall_stack[64];
    pv_vcpu.vmask = 0u;
}

#endif /* RT_UPCALL_H */
