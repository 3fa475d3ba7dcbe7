# freertos.mk - the FreeRTOS compatibility layer for a system.mk:
#   FREERTOS_SRCS      the layer's sources (heap, tasks, objects)
#   FREERTOS_INCLUDES  its headers (FreeRTOS.h, task.h, ...)
# A native FreeRTOS system names its application folder (with its
# FreeRTOSConfig.h) as SYSTEM_CONFIG_DIR and adds both to SYSTEM_SRCS and
# SYSTEM_INCLUDES; the tick core is then configured from FreeRTOSConfig.h
# (rtos/freertos/include/os_config.h). docs/freertos.md.
FREERTOS_SRCS := $(wildcard rtos/freertos/src/*.c)
FREERTOS_INCLUDES := -Irtos/freertos/include
