#include "../../freertos/rmutex/FreeRTOSConfig.h"
