/* Judge of tests/target/pk-fair-11: weights {1, 1} (see apps/spin/fair_judge.h). */
#define FAIR_TEST "pk-fair-11"
#define FAIR_WEIGHTS {1, 1}
#include "../spin/fair_judge.h"
