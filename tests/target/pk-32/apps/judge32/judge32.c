/*
 * judge32 - partition p00 of tests/target/pk-32: the isolation attempts of
 * iso32.h, then the fairness judge of the 32 equal-weight partitions (see
 * apps/spin/fair_judge.h), from the kernel's accounting, within 2 %.
 */
#define FAIR_TEST "pk-32"
#define FAIR_WEIGHTS {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, \
                      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
#define FAIR_T1_NS 500000000ull  /* as apps spin32 */
#define FAIR_T2_NS 3500000000ull
#define FAIR_TOLERANCE_PPM 20000u /* 2 %: 1 ms windows, 94 rounds */
#define FAIR_BEFORE iso32_attack
#include "../iso32.h"
#include "../../../../../apps/spin/fair_judge.h"
