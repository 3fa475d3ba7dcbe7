/*
 * pv_layout.h - sizes shared by the para-virtual port's C and assembly
 * (no C syntax here: included by pv_entry.S).
 */
#ifndef PV_LAYOUT_H
#define PV_LAYOUT_H

/* Stack of the guest's upcalls, also used by its boot code until the
 * first task starts (bytes, 8-byte multiple). */
#define PV_UPCALL_STACK_BYTES 4096

#endif /* PV_LAYOUT_H */
