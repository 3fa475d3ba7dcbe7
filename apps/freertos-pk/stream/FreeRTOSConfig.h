#include "../../freertos/stream/FreeRTOSConfig.h"
