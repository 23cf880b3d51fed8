"""Worker processes of the parallel stages: Ctrl-C is the parent's to handle, not theirs.

Ctrl-C sends SIGINT to the whole process group; a forked worker that raised KeyboardInterrupt
while waiting for work printed its traceback beside the parent's one line. Workers ignore
SIGINT; the parent stops, says so once, and the pool winds down. A single piece of work can
also run beside the caller in a forked child (:func:`forked`).
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def ignore_interrupts() -> None:
    """A pool initializer: this worker leaves Ctrl-C to its parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def forked(work: Callable[[], T]) -> Callable[[], T | None]:
    """Start ``work`` in a forked child, for the caller to go on with something else meanwhile.

    Returns a call that waits for the child and gives what ``work`` returned (pickled through a
    pipe), or None if it failed or could not start: the caller then does the work itself. The
    child shares the parent's memory as it was at the fork, and ends without running any of the
    parent's clean-up (open files, databases and locks stay the parent's).
    """
    try:
        read, write = os.pipe()
        pid = os.fork()
    except OSError:
        return lambda: None
    if pid == 0:  # the child
        code = 1
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            os.close(read)
            with os.fdopen(write, "wb") as pipe:
                pickle.dump(work(), pipe, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)  # never returns into the parent's code
    os.close(write)

    def result() -> T | None:
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if status != 0 or not data:
            return None
        found: T = pickle.loads(data)  # noqa: S301 (written by our own child, through our own pipe)
        return found

    return result
