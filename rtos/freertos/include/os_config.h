/* os_config.h of a FreeRTOS application that has none of its own: the
 * tick core configured from its FreeRTOSConfig.h. */
#include "freertos_os_config.h"
