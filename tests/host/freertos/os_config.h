/* The tick core configured from FreeRTOSConfig.h, as a FreeRTOS
 * application's is. */
#include "freertos_os_config.h"
