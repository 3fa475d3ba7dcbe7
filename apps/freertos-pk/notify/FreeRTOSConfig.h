#include "../../freertos/notify/FreeRTOSConfig.h"
