/* apps/freertos/rmutex as a partition: its sources, the layer, the result. */
#include "../../freertos/rmutex/main.c"
#include "../../../rtos/freertos/fr_all.c"
#include "../../freertos/common/result_pk.c"
