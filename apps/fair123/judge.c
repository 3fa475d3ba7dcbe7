/* Judge of tests/target/pk-fair-123: weights {1, 2, 3} (see apps/spin/fair_judge.h). */
#define FAIR_TEST "pk-fair-123"
#define FAIR_WEIGHTS {1, 2, 3}
#include "../spin/fair_judge.h"
