/*
 * os_port_defs.h - types and limits of the para-virtual port of the tick
 * core: the guest inside a partition of the partitioning kernel (see
 * rtos/include/os_port.h for the contract, docs/abi.md for the kernel side).
 */
#ifndef OS_PORT_DEFS_H
#define OS_PORT_DEFS_H

#include <stdint.h>

/* One stack word. */
typedef uint32_t port_stack_t;

/* AAPCS: the stack is 8-byte aligned at every public interface. */
#define PORT_STACK_ALIGN 8u

/* A saved task context: r0-r15, CPSR, virtual mode and the gate slot (the
 * task's return address and user sp while it is inside an API call). */
#define PV_FRAME_WORDS 20u
/* The task's own stack holds only its own calls (no saved context) and the
 * guard words of the stack check; the idle task's (OS_CONFIG_IDLE_STACK_WORDS
 * defaults to this) also its calls into the guest kernel. */
#define PORT_STACK_MIN_WORDS 160u

/* Each task's guest-kernel stack, in words: the API functions a task calls
 * through a gate run there. The deepest path (os_task_create or
 * os_queue_send with a task switch on the way, through port_yield's service
 * call, with its trace records) takes about 65 words (-fstack-usage);
 * upcalls run on their own stack, never on this one (docs/memory.md). Its
 * lowest word is a canary checked at every task switch. */
#ifndef PV_GK_STACK_WORDS
#define PV_GK_STACK_WORDS 256u
#endif

/*
 * The port's fields of struct os_task (PORT_TASK_FIELDS). The TCB must lie
 * in the guest-kernel range (OS_KOBJ, below; port_stack_init refuses
 * anything else), so none of this is reachable by the partition's tasks:
 * a task's saved context and the stack its API calls run on cannot be
 * forged by another task, nor by the task itself before its first run.
 */
struct pv_task_ctx {
    /* Saved context while the task is switched out (FRAME_* indices in
     * port.c): r0-r15, CPSR, virtual mode, gate slot. */
    uint32_t frame[PV_FRAME_WORDS];
    /* Non-zero for the guest kernel's own task (the idle task), which runs
     * in guest-kernel mode on its stack in the guest-kernel range; zero for
     * application tasks, which enter guest-kernel mode only through gates. */
    uint32_t kernel_task;
    /* Pad: keeps gk_stack 8-byte aligned within the TCB. */
    uint32_t pad;
    /* The guest-kernel stack (full descending; its top is published in
     * vcpu.gk_sp while the task is current). gk_stack[0] is a canary. */
    _Alignas(8) uint32_t gk_stack[PV_GK_STACK_WORDS];
};

#define PORT_TASK_FIELDS struct pv_task_ctx pv; /* saved context, gk stack */

/* A saved virtual interrupt mask (vcpu.vmask). */
#define PORT_IRQ_STATE_T uint32_t

/*
 * Kernel objects of the application (struct os_task, os_sem, os_mutex,
 * os_queue and queue storage) are declared with OS_KOBJ so that they are
 * linked into the partition's guest-kernel range, where tasks cannot
 * touch them (linker/partition.ld collects the ".kobj" sections there).
 * Other ports define OS_KOBJ as nothing.
 */
#define OS_KOBJ __attribute__((section(".kobj")))

/*
 * Data a warm start keeps (ARINC 653 WARM_START): declared with OS_PERSIST,
 * it is linked into the top of the user range, the partition's
 * persistent_size bytes (docs/configuration.md), which a cold start zeroes
 * and a warm start leaves as they were. Everything else of the user range,
 * code, data and bss, is reloaded by every start: the start-up code that
 * runs in guest-kernel mode (main(), newlib's set-up) is never code or data
 * a task could have rewritten. The persistent data is task-writable:
 * main() reads it as input (counts, state), never as code or as a pointer
 * to call. Zero-initialised only (the section is not part of the image).
 */
#define OS_PERSIST __attribute__((section(".user_persist")))

/*
 * Object validation (os.h). Kernel objects must lie wholly in the .kobj
 * section (linker symbols pv_kobj_start/pv_kobj_end): a pointer to any other
 * guest-kernel data (ready lists, the vCPU page, the upcall stack) is never
 * taken for an object, whatever it contains. Inside .kobj the type map
 * decides (below): bytes a task can steer there (queue storage declared
 * OS_KOBJ, a semaphore's count, the inside of any object) never pass for an
 * object. Buffers the core copies to or from on a task's behalf (queue
 * storage and items, the os_delay_until() reference) must not overlap the
 * guest-kernel range at all; guest-kernel code (main() before os_start(),
 * the idle task, upcalls) is trusted with any buffer, e.g. queue storage
 * declared OS_KOBJ. Only guest-kernel code makes new objects: a task may
 * re-initialise an existing object and reuse a deleted task's TCB, but not
 * turn other .kobj memory (the inside of a TCB, queue storage) into an
 * object. See rtos/port/pv/port.c.
 */
#include <stdbool.h>
#include <stddef.h>

#include "../arm/port_guard.h"

/* A task joined a ready list: the guest's tick_skip (vcpu, docs/abi.md
 * "Virtual ticks on demand") is withdrawn, the kernel sees that at the
 * gate return and delivers every tick again until the next upcall asks
 * anew (the word at PV_VCPU_TICK_SKIP_OFFSET of the vCPU page). */
extern volatile uint32_t pv_vcpu_tick_skip;
#define PORT_TASK_MADE_READY() (pv_vcpu_tick_skip = 0u)

extern char pv_kobj_start[]; /* first byte of the .kobj objects */
extern char pv_kobj_end[];   /* one past their last byte */

/* True when [p, p + size) lies within the .kobj section. One subtraction
 * and two compares: this runs on every API call. */
static inline bool pv_object_ok(const void *p, size_t size)
{
    uintptr_t off = (uintptr_t)p - (uintptr_t)pv_kobj_start;
    uintptr_t len = (uintptr_t)(pv_kobj_end - pv_kobj_start);
    return off <= len && size <= len - off;
}

bool pv_buffer_ok(const void *p, size_t size);
bool pv_new_object_ok(void);

#define PORT_OBJECT_OK(ptr, size) pv_object_ok((ptr), (size))
#define PORT_BUFFER_OK(ptr, size) pv_buffer_ok((ptr), (size))
#define PORT_NEW_OBJECT_OK() pv_new_object_ok()
/* A task of the guest kernel's own (kernel_task: the idle task, a
 * library's service task such as the APEX deadline monitor) is changed
 * only by guest-kernel code, never by an application task. */
#define PORT_TASK_CONTROL_OK(t) ((t)->pv.kernel_task == 0u || pv_new_object_ok())

/*
 * The type map of .kobj (os_port.h, PORT_KOBJ_MAP): one byte per 4-byte
 * grain of the section (every object type is at least 4-byte aligned), in
 * the guest-kernel bss after the core's own data (linker/partition.ld sizes
 * it from the section: pv_kobj_map .. pv_kobj_map_end). It is guest-kernel
 * memory outside .kobj and outside every buffer a task may pass, so no task
 * can write it or have the core write it; the cold start zeroes it and
 * os_init() clears it again. Cost: a quarter of the size of .kobj.
 */
#define PV_KOBJ_GRAIN 4u
extern unsigned char pv_kobj_map[];     /* first entry */
extern unsigned char pv_kobj_map_end[]; /* one past the last */

#define PORT_KOBJ_MAP 1
#define PORT_KOBJ_BASE ((uintptr_t)pv_kobj_start)
#define PORT_KOBJ_GRAIN PV_KOBJ_GRAIN
#define PORT_KOBJ_TABLE ((uint8_t *)pv_kobj_map)
#define PORT_KOBJ_ENTRIES ((size_t)(pv_kobj_map_end - pv_kobj_map))

#endif /* OS_PORT_DEFS_H */
