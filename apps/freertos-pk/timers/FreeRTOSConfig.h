#include "../../freertos/timers/FreeRTOSConfig.h"
