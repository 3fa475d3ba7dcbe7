/*
 * tm.h - an RTOS-neutral benchmark suite in the style of Thread-Metric
 * (its published test descriptions; our own code), written against the
 * tick core's API (os.h) alone, so that the same source runs natively and
 * as a partition's guest (docs/benchmarks.md, "Thread-Metric style").
 *
 * Each test runs for TM_PERIOD_MS of virtual time and reports how many
 * times its unit of work completed:
 *   cooperative  five tasks of one priority: count, yield
 *   preemptive   five tasks of five priorities: each resumes the next
 *                higher one (which preempts at once), counts, suspends
 *                itself; the lowest one starts the chain again
 *   message      one task sends a 16-byte message to a queue and receives
 *                it back, then counts
 *   sync         one task takes a semaphore and gives it back, then counts
 * One line per test,
 *   TM test=<name> period_ms=<p> count=<n> ok=<0|1>
 * (ok: the counts are as the test's pattern requires: equal per task in
 * the cooperative test but for the tick's time slices (0.1 %), whole
 * chains in the preemptive one but for the last, every message received
 * as sent), then
 *   TM done tests=<n> failed=<k>
 * and the environment's tm_env_exit(status), 0 when every test was ok.
 * Not in the suite: the interrupt tests (a software-triggered interrupt
 * and its handler), and memory allocation (the tick core has no
 * allocator).
 */
#ifndef TM_H
#define TM_H

#ifndef TM_PERIOD_MS
#define TM_PERIOD_MS 30000u
#endif

/* Creates every task of the suite (after os_init(), before os_start()):
 * the reporter, which runs the tests one after the other, and the tests'
 * tasks, which wait suspended for their turn. */
void tm_setup(void);

/* Provided by the system that runs the suite: ends the run. */
void tm_env_exit(int status) __attribute__((noreturn));

#endif /* TM_H */
