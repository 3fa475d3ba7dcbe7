/* Judge of tests/target/pk-fair-12: weights {1, 2} (see apps/spin/fair_judge.h). */
#define FAIR_TEST "pk-fair-12"
#define FAIR_WEIGHTS {1, 2}
#include "../spin/fair_judge.h"
