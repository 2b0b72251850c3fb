"""Stopped by SIGTERM (CI, a timeout, the preview stopping its server): clean up as on Ctrl-C."""

from __future__ import annotations

import signal
import threading


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def stop_as_on_ctrl_c() -> None:
    """Make SIGTERM raise KeyboardInterrupt, so `finally` blocks run (only the main thread can)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
