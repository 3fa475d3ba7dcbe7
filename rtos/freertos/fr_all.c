/*
 * fr_all.c - the whole FreeRTOS layer as one source, for a partition's
 * application folder (a partition builds only the sources in its own
 * folder: one line there, #include ".../rtos/freertos/fr_all.c", brings
 * the layer in). Native systems build every file of rtos/freertos/src instead.
 */
#include "src/fr_heap.c"
#include "src/fr_objects.c"
#include "src/fr_pool.c"
#include "src/fr_prims.c"
#include "src/fr_task.c"
