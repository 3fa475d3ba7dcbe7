#include "os.h"
#include "pv_port.h"
#include "pv_svc.h"
int main(void)
{
    os_init();
    os_start();
}
