"""The kernels a run starts ahead of its notebooks (pipeline/notebooks.py) never reach the user's terminal.

A run interrupted while a kernel was still starting once let that kernel outlive it: the kernel then found
its working folder (the run's staging folder) removed and printed a traceback on the user's terminal
(test_safety.py's interrupted runs, on a loaded machine).
"""
from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import threading
import time
from concurrent.futures import Future

import pytest

from uncac_needs.pipeline import notebooks


def test_what_a_kernel_process_prints_goes_to_no_terminal(tmp_path):
    """A kernel writing to its own standard error (as ipykernel does with a traceback of its start-up) writes to
    the kernel's log, not to the run's standard error."""
    script = textwrap.dedent(f"""
        from pathlib import Path
        from uncac_needs.pipeline.notebooks import Kernels, kernel_env
        kernel_env()
        kernels = Kernels(["report"], Path({str(tmp_path)!r}))
        km = kernels.take()
        kc = km.client(); kc.start_channels(); kc.wait_for_ready(timeout=60)
        kc.execute_interactive("import os; os.write(2, b'Traceback (most recent call last): kernel\\\\n'); "
                               "os.write(1, b'kernel stdout\\\\n')", timeout=60, output_hook=lambda msg: None)
        kc.stop_channels()
        kernels.close()
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and "kernel stdout" not in proc.stdout


class _Kernel:
    def __init__(self):
        self.stopped, self.shutdowns = False, 0

    def shutdown_kernel(self, now=False):
        self.stopped, self.shutdowns = True, self.shutdowns + 1


def test_a_kernel_still_starting_when_the_run_is_interrupted_is_stopped(monkeypatch):
    """Interrupted while waiting for a kernel (Ctrl-C during take()), the run still stops that kernel when it
    closes: before, take() had already dropped it, and the kernel outlived the run."""
    kernel, started = _Kernel(), Future()

    def start(self, *args):
        return kernel

    monkeypatch.setattr(notebooks.Kernels, "_start", start)
    kernels = notebooks.Kernels(["report"], None)
    kernels._futures = [started]                       # a kernel that has not finished starting
    threading.Timer(0.3, lambda: signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)).start()
    threading.Timer(0.8, lambda: started.set_result(kernel)).start()
    with pytest.raises(KeyboardInterrupt):
        kernels.take()
    assert not kernel.stopped
    kernels.close()
    assert kernel.stopped
    time.sleep(0.6)


def test_a_kernel_released_is_shut_down_once_before_the_run_closes(monkeypatch):
    """A kernel whose notebook is done is shut down in the background (release); close() waits for it and does
    not shut it down again, and still shuts down the kernels never released."""
    done, kept = _Kernel(), _Kernel()
    monkeypatch.setattr(notebooks.Kernels, "_start", lambda self, *args: done if args[1] == "clean" else kept)
    kernels = notebooks.Kernels(["clean", "statistics"], None)
    kernels.release(kernels.take())
    kernels.take()
    kernels.close()
    assert (done.shutdowns, kept.shutdowns) == (1, 1)
