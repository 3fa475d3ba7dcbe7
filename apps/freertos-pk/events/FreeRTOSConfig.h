#include "../../freertos/events/FreeRTOSConfig.h"
