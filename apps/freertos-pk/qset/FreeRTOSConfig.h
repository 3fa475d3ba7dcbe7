#include "../../freertos/qset/FreeRTOSConfig.h"
