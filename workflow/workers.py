"""Worker processes of the parallel stages: Ctrl-C is the parent's to handle, not theirs.

Ctrl-C sends SIGINT to the whole process group; a forked worker that raised KeyboardInterrupt
while waiting for work printed its traceback beside the parent's one line. Workers ignore
SIGINT; the parent stops, says so once, and the pool winds down.
"""

from __future__ import annotations

import signal


def ignore_interrupts() -> None:
    """A pool initializer: this worker leaves Ctrl-C to its parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
