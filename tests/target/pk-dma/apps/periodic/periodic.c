/* pk-dma, partition "periodic": apps/periodic unchanged (the bystander). */
#include "../../../../../apps/periodic/periodic.c"
