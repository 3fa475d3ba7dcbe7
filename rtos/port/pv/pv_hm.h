/*
 * pv_hm.h - the partition's error handler process and its operating mode,
 * on the para-virtual port (docs/arinc653.md, docs/abi.md PK_EV_HM).
 *
 * A process-level health-monitor error reaches the partition as the
 * virtual event PK_EV_HM, the error in the vCPU (hm_error, hm_addr,
 * hm_pc, hm_status). The port takes it in the upcall: the interrupted
 * task is the failed process; for a fault the kernel detected (an abort,
 * an undefined instruction, a refused service call) it is suspended, for
 * an error the partition reported (deadline, application error, ...) it
 * goes on; the error handler task is resumed with the error.
 *
 * The handler is an ordinary task that main() names with
 * pv_hm_set_handler() (guest-kernel mode, before os_start()) and that
 * loops on pv_hm_wait(). Only while it waits does the partition take
 * process-level errors (vcpu.hm_handler): an error while it handles one,
 * or before it first waits, is handled at the partition level.
 */
#ifndef PV_HM_H
#define PV_HM_H

#include <stdint.h>

#include "os.h"

/* One error, as the handler gets it. */
struct pv_hm_error {
    uint32_t error;          /* HM table error number (docs/arinc653.md) */
    uint32_t addr;           /* faulting address or the reported argument */
    uint32_t pc;             /* where the failed process was */
    uint32_t status;         /* fault status or the reported code */
    struct os_task *failed;  /* the failed process (NULL: none known) */
    uint32_t seq;            /* errors delivered since the start */
};

/* main(), guest-kernel mode, before os_start(): t (created) becomes the
 * error handler. OS_ERR_PARAM when t is not a live task. */
enum os_status pv_hm_set_handler(struct os_task *t);
/* The handler task: waits for the next process-level error and copies it
 * to *out. OS_ERR_PARAM for a bad buffer, OS_ERR_STATE when the caller
 * is not the handler. */
enum os_status pv_hm_wait(struct pv_hm_error *out);
/* Takes the last error delivered (GET_ERROR_STATUS): false when there is
 * none, or it was taken already (each error is reported once). */
bool pv_hm_last(struct pv_hm_error *out);

/* The same for guest-kernel code (a library such as the APEX, whose
 * buffers are its own): no buffer check; pv_hm_wait_gk takes NULL (wait
 * only). Not gates. */
enum os_status pv_hm_wait_gk(struct pv_hm_error *out);
bool pv_hm_take_gk(struct pv_hm_error *out);

#endif /* PV_HM_H */
