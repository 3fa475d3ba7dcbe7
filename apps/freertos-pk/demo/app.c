/* apps/freertos/demo as a partition: its sources and the layer. */
#include "../../freertos/demo/main.c"
#include "../../../rtos/freertos/fr_all.c"
