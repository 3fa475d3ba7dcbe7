"""The FreeRTOS layer reads the application's FreeRTOSConfig.h: a good one
compiles (natively and for a partition), each contradictory or unsupported
setting stops the compilation with the #error that names it
(rtos/freertos/include/FreeRTOS.h, freertos_os_config.h; docs/freertos.md).

Run from the repository root:
/usr/bin/python3 -m unittest tests.tools.test_freertos_config
"""

import os
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
CC = "arm-none-eabi-gcc"
HAVE_CC = shutil.which(CC) is not None

GOOD = {
    "configTICK_RATE_HZ": "1000",
    "configMAX_PRIORITIES": "5",
    "configMINIMAL_STACK_SIZE": "256",
    "configUSE_MUTEXES": "1",
}

# A source that includes every header of the layer it can.
SOURCE = """
#include "FreeRTOS.h"
#include "task.h"
#include "queue.h"
#include "semphr.h"
#include "event_groups.h"
#include "stream_buffer.h"
#include "message_buffer.h"
#if configUSE_TIMERS
#include "timers.h"
#endif
int fr_config_probe(void);
static portTASK_FUNCTION_PROTO(probe_task, pvParameters);
static portTASK_FUNCTION(probe_task, pvParameters) { (void)pvParameters; }
int fr_config_probe(void)
{
    /* Older names still compile (configENABLE_BACKWARD_COMPATIBILITY). */
    xTaskHandle t = NULL;
    xQueueHandle q = NULL;
    xSemaphoreHandle s = q;
    portTickType ticks = 10 / portTICK_RATE_MS;
    pdTASK_CODE code = probe_task;
    (void)t; (void)s; (void)code;
    return OS_CONFIG_MAX_PRIORITIES + (int)ticks + (int)xPortIsInsideInterrupt();
}
"""

# (what is changed, the words the #error must contain)
BAD = [
    ({"configUSE_PREEMPTION": "0"}, "configUSE_PREEMPTION"),
    ({"configSUPPORT_STATIC_ALLOCATION": "0", "configSUPPORT_DYNAMIC_ALLOCATION": "0"},
     "configSUPPORT_STATIC_ALLOCATION and configSUPPORT_DYNAMIC_ALLOCATION"),
    ({"configUSE_MUTEXES": "0", "configUSE_RECURSIVE_MUTEXES": "1"},
     "configUSE_RECURSIVE_MUTEXES needs configUSE_MUTEXES"),
    ({"configUSE_16_BIT_TICKS": "1"}, "configUSE_16_BIT_TICKS"),
    ({"configUSE_TIMERS": "1"}, "configUSE_TIMERS needs configTIMER_TASK_PRIORITY"),
    ({"configUSE_TIMERS": "1", "configTIMER_TASK_PRIORITY": "5",
      "configTIMER_QUEUE_LENGTH": "4", "configTIMER_TASK_STACK_DEPTH": "256"},
     "configTIMER_TASK_PRIORITY must be below configMAX_PRIORITIES"),
    ({"configUSE_DAEMON_TASK_STARTUP_HOOK": "1"},
     "configUSE_DAEMON_TASK_STARTUP_HOOK needs configUSE_TIMERS"),
    ({"configCHECK_FOR_STACK_OVERFLOW": "3"}, "configCHECK_FOR_STACK_OVERFLOW"),
    ({"configMINIMAL_STACK_SIZE": "16"}, "configMINIMAL_STACK_SIZE"),
    ({"configMAX_PRIORITIES": "32"}, "configMAX_PRIORITIES must be 1..31"),
    ({"configTASK_NOTIFICATION_ARRAY_ENTRIES": "33"}, "configTASK_NOTIFICATION_ARRAY_ENTRIES"),
    ({"configFR_MAX_TASKS": "33"}, "configFR_MAX_"),
]
# Only in a partition.
BAD_PARTITION = [
    ({"configUSE_TICKLESS_IDLE": "1"}, "configUSE_TICKLESS_IDLE"),
    ({"configTICK_RATE_HZ": "500"}, "differs from the partition's tick_hz"),
]


def compile_with(settings, partition, tmp):
    cfg = os.path.join(tmp, "FreeRTOSConfig.h")
    with open(cfg, "w", encoding="utf-8") as f:
        for k, v in settings.items():
            f.write(f"#define {k} {v}\n")
    src = os.path.join(tmp, "probe.c")
    with open(src, "w", encoding="utf-8") as f:
        f.write(SOURCE)
    if partition:
        port = ["-Irtos/port/pv", "-Ipartitions/include", "-DOS_CONFIG_TICK_HZ=1000"]
    else:
        port = ["-Irtos/port/arm", "-Ibsp/arch/arm/v5", "-Ibsp/arch/arm", "-Ibsp/include"]
    cmd = [CC, "-mcpu=arm926ej-s", "-std=c11", "-ffreestanding", "-Wall", "-Wextra",
           "-Werror", "-fsyntax-only", f"-I{tmp}", "-Irtos/freertos/include",
           "-Irtos/include", *port, src]
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=120, check=False)
    return proc.returncode, proc.stdout


@unittest.skipUnless(HAVE_CC, f"{CC} not installed")
class FreeRTOSConfig(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="test-frcfg-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_good_compiles(self):
        for partition in (False, True):
            status, out = compile_with(GOOD, partition, self.tmp)
            self.assertEqual(status, 0, out)

    def test_good_with_everything(self):
        settings = dict(GOOD, configUSE_RECURSIVE_MUTEXES="1", configUSE_QUEUE_SETS="1",
                        configUSE_TIMERS="1", configTIMER_TASK_PRIORITY="4",
                        configTIMER_QUEUE_LENGTH="8", configTIMER_TASK_STACK_DEPTH="256",
                        configSUPPORT_STATIC_ALLOCATION="1", configUSE_TRACE_FACILITY="1",
                        configTASK_NOTIFICATION_ARRAY_ENTRIES="4")
        for partition in (False, True):
            status, out = compile_with(settings, partition, self.tmp)
            self.assertEqual(status, 0, out)

    def check_rejected(self, cases, partition):
        for change, words in cases:
            with self.subTest(change=change, partition=partition):
                status, out = compile_with(dict(GOOD, **change), partition, self.tmp)
                self.assertNotEqual(status, 0, f"{change} was accepted")
                self.assertIn("#error", out)
                self.assertIn(words, out)

    def test_bad_rejected_natively(self):
        self.check_rejected(BAD, partition=False)

    def test_bad_rejected_in_partition(self):
        self.check_rejected(BAD + BAD_PARTITION, partition=True)

    def test_missing_required(self):
        for key in ("configTICK_RATE_HZ", "configMAX_PRIORITIES"):
            settings = {k: v for k, v in GOOD.items() if k != key}
            status, out = compile_with(settings, False, self.tmp)
            self.assertNotEqual(status, 0)
            self.assertIn(key, out)


if __name__ == "__main__":
    unittest.main()
