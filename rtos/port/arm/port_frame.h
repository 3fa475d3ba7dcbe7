/*
 * port_frame.h - the saved context of a task on its own stack, shared by
 * port.c (initial frame) and the assembly (save/restore). Included by
 * assembly: only #defines here.
 *
 * Layout, lowest address first (the task's saved sp points at word 0):
 *   0      CPSR of the task (restored through SPSR)
 *   1..13  r0..r12
 *   14     sp of the task before the frame was pushed (SYS banked sp)
 *   15     lr of the task (SYS banked lr)
 *   16     pc at which the task resumes
 */
#ifndef PORT_FRAME_H
#define PORT_FRAME_H

#define PORT_FRAME_CPSR 0
#define PORT_FRAME_R0 1
#define PORT_FRAME_R12 13
#define PORT_FRAME_SP 14
#define PORT_FRAME_LR 15
#define PORT_FRAME_PC 16
#define PORT_FRAME_BYTES (17 * 4)

/* Offset of the saved sp in struct os_task (checked in port.c). */
#define PORT_TASK_SP_OFFSET 0

#endif /* PORT_FRAME_H */
