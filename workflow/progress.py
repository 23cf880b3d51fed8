"""Progress bars for long runs (translate, import, build): counts, rate and time left, with rich.

One helper for every command: ``with progress_bar(enabled, log) as bar:`` gives a meter,
``bar(label, done, total)``, one bar per label, and ``bar.log(line)`` prints a line above the
bars (a ``print`` would tear them). The bars go to stderr, so ``--json`` on stdout stays clean.
``show_progress(as_json)`` says when to draw them: only when stderr is a terminal and the
output is read by a person (stdout a terminal, or ``--json`` piped to a program while the
person watches stderr). Elsewhere, in CI logs or ``> file``, the meter does nothing and lines
are printed as usual.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

Log = Callable[[str], None]


def show_progress(as_json: bool = False) -> bool:
    """Draw bars only for a person at a terminal."""
    return sys.stderr.isatty() and (sys.stdout.isatty() or as_json)


class Bars:
    """A meter ``bar(label, done, total)`` over rich's Progress; with no Progress, it does nothing."""

    def __init__(self, progress: Any | None, log: Log) -> None:
        self._progress = progress
        self._tasks: dict[str, Any] = {}
        self.log = log

    def __bool__(self) -> bool:
        return self._progress is not None

    def __call__(self, label: str, done: int, total: int) -> None:
        if self._progress is None:
            return
        task = self._tasks.get(label)
        if task is None:
            task = self._tasks[label] = self._progress.add_task(label, total=total)
        self._progress.update(task, completed=done, total=total)


class RateColumn(ProgressColumn):
    """Items per second, from rich's own speed estimate."""

    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} {self.unit}/s" if speed else "")


@contextlib.contextmanager
def progress_bar(enabled: bool, log: Log, *, unit: str = "items", console: Console | None = None) -> Iterator[Bars]:
    """Bars on stderr while the block runs (when ``enabled``); ``log`` lines are printed above them."""
    if not enabled:
        yield Bars(None, log)
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        RateColumn(unit),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        TextColumn("left"),
    )
    with Progress(*columns, console=console or Console(stderr=True)) as progress:
        # Lines said during the run go above the bars, where they stay readable.
        yield Bars(progress, lambda line: progress.console.print(line, markup=False, highlight=False))
