#include "../../freertos/dynamic/FreeRTOSConfig.h"
