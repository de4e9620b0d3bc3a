"""A wall-clock budget for one piece of work: :func:`time_budget` interrupts it when time is up.

The budget is a ``SIGALRM`` timer, so it holds in the main thread of a process (the command's
process, each ``--jobs`` worker) on systems with ``signal.setitimer``; elsewhere, or with no
budget, the work runs unbounded. The alarm interrupts Python code and regular-expression
searches alike (``re`` checks for signals while it matches). :class:`BudgetExceeded` derives
from ``BaseException`` so that no ``except Exception`` in a stage or library swallows it.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator, Optional


class BudgetExceeded(BaseException):
    """The work ran past its budget of ``seconds``."""

    def __init__(self, seconds: float):
        super().__init__(f"over the time budget of {seconds:g} s")
        self.seconds = seconds


def can_interrupt() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: Optional[float]) -> Iterator[None]:
    """Raise :class:`BudgetExceeded` inside the ``with`` body once ``seconds`` have passed."""
    if not seconds or seconds <= 0 or not can_interrupt():
        yield
        return
    running = [True]

    def on_alarm(signum, frame):
        if running[0]:
            raise BudgetExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        running[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
