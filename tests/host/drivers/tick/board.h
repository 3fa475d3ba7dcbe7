/*
 * board.h (host test) - a board for bsp/common/clock.c and irq.c
 * (tests/host/drivers/test_tick.c): versatilepb's rates (a 24 MHz counter,
 * a 1 MHz one-shot) over a fake counter, one-shot and interrupt
 * controller. Built twice: with the controller's claim in two steps
 * (BOARD_INTC_PEEK*, as versatilepb and raspi0) and, with FAKE_NO_PEEK,
 * without (the claim and a compare, as vexpress-a9).
 */
#ifndef BOARD_H
#define BOARD_H

#include <stdbool.h>
#include <stdint.h>

extern uint32_t fake_counter;     /* the free-running counter */
extern uint32_t fake_pending;     /* pending sources, bit n: source n */
extern unsigned fake_claims;      /* claims and peeks of the controller */
extern unsigned fake_completes;   /* completions */
extern unsigned fake_counter_reads;
extern uint32_t fake_oneshot_ticks; /* the last one-shot started, 1 MHz ticks */
extern unsigned fake_oneshot_starts;
void fake_oneshot_start(uint32_t ticks);
int fake_claim(void);

#define BOARD_IRQ_COUNT 32u
#define BOARD_COUNTER_HZ 24000000u
#define BOARD_COUNTER_NS_NUM 125u
#define BOARD_COUNTER_NS_DEN 3u
#define BOARD_COUNTER_READ() (fake_counter_reads++, fake_counter)

#define BOARD_ONESHOT_HZ 1000000u
#define BOARD_ONESHOT_NS_NUM 1000u
#define BOARD_ONESHOT_NS_DEN 1u
#define BOARD_ONESHOT_IRQ 4u
#define BOARD_ONESHOT_START(t) fake_oneshot_start(t)
#define BOARD_ONESHOT_CLEAR() ((void)(fake_pending &= ~(1u << BOARD_ONESHOT_IRQ)))
#define BOARD_ONESHOT_STOP() BOARD_ONESHOT_CLEAR()

#define BOARD_INTC_INIT() ((void)0)
#define BOARD_INTC_ENABLE(s) ((void)(s))
#define BOARD_INTC_DISABLE(s) ((void)(fake_pending &= ~(1u << (s))))
#define BOARD_INTC_CLAIM() fake_claim()
#define BOARD_INTC_COMPLETE(s) ((void)(s), fake_completes++)
#ifndef FAKE_NO_PEEK
/* The PL190's rule: the highest-numbered pending source first. */
#define BOARD_INTC_PEEK() (fake_claims++, fake_pending)
#define BOARD_INTC_PEEK_IS(w, s) ((w) == 1u << (s))
#define BOARD_INTC_CLAIM_PEEKED(w) ((w) == 0u ? -1 : (int)(31u - (unsigned)__builtin_clz(w)))
#endif

#endif /* BOARD_H */
