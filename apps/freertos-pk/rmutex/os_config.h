#include "freertos_os_config.h"
