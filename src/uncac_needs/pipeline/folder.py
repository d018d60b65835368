"""The report folder while it is being made: one run at a time, a hidden staging folder swapped in only
when complete, Ctrl-C and `kill` leaving the previous report as it was, a disk that fills said so."""
from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
from pathlib import Path

import filelock

from uncac_needs.plumbing import config
from uncac_needs.plumbing.errors import UserError

LOCKS_DIR = config.CACHE_DIR / "locks"


def lock_path(out: Path) -> Path:
    """The lock of a report folder: in the project's cache, never beside the report (nothing to clean up)."""
    key = hashlib.sha256(str(Path(out).absolute()).encode()).hexdigest()[:24]
    return LOCKS_DIR / f"{key}.lock"


@contextlib.contextmanager
def lock(out: Path):
    path = lock_path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        held = filelock.FileLock(str(path), timeout=0)
        held.acquire()
    except filelock.Timeout:
        raise UserError(f"Another run is writing {out} right now; wait for it to finish and run again.") from None
    except OSError as exc:
        raise UserError(f"Cannot write to {path.parent} ({exc.strerror}); choose a folder you can write to.") from None
    try:
        yield
    finally:
        held.release()


@contextlib.contextmanager
def signals_as_interrupt():
    """Ctrl-C (SIGINT) and `kill` (SIGTERM) end a run alike: the staging folder is removed, the old report
    stays. SIGINT is set explicitly: a run started in the background inherits an ignored SIGINT."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    try:
        previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    except ValueError:            # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def staging(out: Path) -> Path:
    return out.parent / f".{out.name}.partial-{os.getpid()}"


def failed(out: Path) -> Path:
    return out.parent / f".{out.name}.failed"


def remove_stale(out: Path) -> None:
    """Staging folders left by a run that was killed outright (SIGKILL, power cut): their process is gone."""
    for stale in out.parent.glob(f".{out.name}.partial-*"):
        try:
            os.kill(int(stale.name.rsplit("-", 1)[1]), 0)
        except (ValueError, ProcessLookupError):
            shutil.rmtree(stale, ignore_errors=True)
        except PermissionError:
            pass


def swap(stage: Path, out: Path) -> None:
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        os.rename(out, old)
    os.rename(stage, out)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def no_room(out: Path) -> bool:
    try:
        return shutil.disk_usage(out.parent).free < 1024 * 1024
    except OSError:
        return False


def disk_full(out: Path) -> UserError:
    return UserError(f"The disk holding {out.parent} filled up during the run; the previous report is unchanged. "
                     "Free some space and run again.")
