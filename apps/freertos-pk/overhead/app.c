/* apps/freertos/overhead as a partition: its sources, the layer, the result. */
#include "../../freertos/overhead/main.c"
#include "../../../rtos/freertos/fr_all.c"
#include "../../freertos/common/result_pk.c"
