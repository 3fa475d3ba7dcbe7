#include "../../freertos/demo/FreeRTOSConfig.h"
