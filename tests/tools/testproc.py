"""Running a command from a test so that nothing it starts outlives it.

The command gets a process group of its own (a new session); on a timeout,
or any exception while waiting, the whole group is killed, so a make that
started qemu_run.py that started QEMU leaves nothing behind. Not a test
module (its name does not start with test_).
"""

import os
import signal
import subprocess


def kill_group(proc):
    """Kill the process group led by proc, if any of it is still there."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def run(cmd, timeout, input=None, text=False, cwd=None, env=None):
    """Like subprocess.run(cmd, capture_output=True, timeout=timeout), but
    the timeout kills the command's whole process group and then raises
    subprocess.TimeoutExpired."""
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, start_new_session=True,
        stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=text)
    try:
        out, err = proc.communicate(input, timeout=timeout)
    except BaseException:
        kill_group(proc)
        proc.communicate()
        raise
    # A child that left a daemon behind in the group is stopped too.
    kill_group(proc)
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)
