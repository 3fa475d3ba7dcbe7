/*
 * judge32 - partition p00 of tests/target/pk-32: the isolation attempts of
 * iso32.h, then the fairness judge of the 32 equal-weight partitions (see
 * apps/spin/fair_judge.h), from the kernel's accounting, within 2 %.
 */
#define FAIR_TEST "pk-32"
#define FAIR_WEIGHTS {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, \
                      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
#define FAIR_T1_NS 800000000ull  /* as apps spin32 */
#define FAIR_T2_NS 1800000000ull
#define FAIR_TOLERANCE_PPM 30000u /* 3 %: 0.5 ms windows, 62 rounds */
#define FAIR_REPORT_MAX_NS 10000000000ull /* 33 lines: 3.6 s (32 bytes per
                                             * turn of 16 ms); 97 s when the
                                             * console drained only on interrupts */
#define FAIR_BEFORE iso32_attack
#include "../iso32.h"
#include "../../../../../apps/spin/fair_judge.h"
