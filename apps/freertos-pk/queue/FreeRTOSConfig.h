#include "../../freertos/queue/FreeRTOSConfig.h"
