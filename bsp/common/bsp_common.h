/*
 * bsp_common.h - what the generic board files (bsp/common) give each other:
 * the start-up steps bsp_init() calls in order. Not part of bsp.h.
 */
#ifndef BSP_COMMON_H
#define BSP_COMMON_H

/* The interrupt controller on, every source disabled. */
void bsp_irq_init(void);
/* The probe pins as outputs, all low. */
void bsp_probe_init(void);
/* The clock from the counter's current value, the one-shot stopped and its
 * interrupt attached. Needs bsp_irq_init() first. */
void bsp_clock_init(void);

#endif /* BSP_COMMON_H */
