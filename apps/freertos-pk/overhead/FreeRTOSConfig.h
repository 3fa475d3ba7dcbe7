#include "../../freertos/overhead/FreeRTOSConfig.h"
