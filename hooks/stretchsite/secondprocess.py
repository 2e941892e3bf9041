"""A forked copy of the build process that renders the generated pages while MkDocs converts them.

It reads each content file when the first page needs it, sends the site text, the pages in
build order (a few messages ahead at most) and, last, the outcome of every check. It never
leaves the build waiting: an exception or an early exit comes back as a reason to stop.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import queue
import threading
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection

from .render import PagePlan
from .session import ContentSession, ContentSource, Outcome, RenderedPage, SiteText

BACKGROUND_FROM = 200  # pages; below this, starting a second process costs more than it saves
_FIRST_CHUNK = 10  # pages in the first delivery, so that MkDocs starts converting early
_CHUNK = 50  # pages sent back at a time after that
_MESSAGES_AHEAD = 8  # received and not yet filed, at most; the rest wait in the other process


@dataclass(frozen=True)
class _Stopped:
    """The second process stopped before it sent everything: why."""

    reason: str


_Message = SiteText | Outcome | list[RenderedPage] | _Stopped


def _serve(source: ContentSource, chunks: list[list[PagePlan]], sending: Connection) -> None:
    """The second process: send the site text, each chunk of pages in order, then the outcome;
    or stop after the first outcome that a page could not be rendered without."""
    gc.freeze()  # what the build process held before the fork stays shared, unscanned
    try:
        session = ContentSession(source)
        text = session.site_text()
        sending.send(text)
        if isinstance(text, Outcome):
            return
        for plans in chunks:
            pages = session.render(plans)
            sending.send(pages)
            if isinstance(pages, Outcome):
                return
        sending.send(session.outcome())
    except BrokenPipeError:
        pass  # the build stopped listening
    except Exception:
        with contextlib.suppress(OSError):
            sending.send(_Stopped(traceback.format_exc()))
    finally:
        sending.close()


class SecondProcess:
    """A forked process that runs `_serve`, and a thread here that receives what it sends."""

    def __init__(self, source: ContentSource, chunks: list[list[PagePlan]]) -> None:
        context = multiprocessing.get_context("fork")
        receiving, sending = context.Pipe(duplex=False)
        self._process = context.Process(target=_serve, args=(source, chunks, sending), daemon=True)
        self._process.start()
        sending.close()
        self._inbox: queue.Queue[_Message] = queue.Queue(maxsize=_MESSAGES_AHEAD)
        self._closing = threading.Event()
        self._stopped: str | None = None
        self._receiver = threading.Thread(target=self._receive_all, args=(receiving,), daemon=True)
        self._receiver.start()

    def _receive_all(self, receiving: Connection) -> None:
        """The thread: take each message as it arrives, a few ahead of the build."""
        with receiving:
            while not self._closing.is_set():
                message: _Message
                try:
                    message = receiving.recv()
                except EOFError:
                    message = _Stopped("")  # the build process adds the exit code
                except BaseException as error:
                    message = _Stopped(f"what it sent could not be read: {error!r}")
                while not self._closing.is_set():
                    try:
                        self._inbox.put(message, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if isinstance(message, _Stopped):
                    return

    def next(self) -> SiteText | Outcome | list[RenderedPage]:
        """The next message; raises (every time) once the process has stopped early."""
        if self._stopped is None:
            message = self._inbox.get()
            if not isinstance(message, _Stopped):
                return message
            self._process.join(timeout=5)
            self._stopped = message.reason or f"it exited with code {self._process.exitcode}"
        raise RuntimeError(f"the process that renders pages stopped: {self._stopped}")

    def close(self) -> None:
        self._closing.set()
        self._process.terminate()
        self._process.join()
        self._receiver.join()
        self._process.close()


def worth_a_second_process(pages: int) -> bool:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        pages >= BACKGROUND_FROM
        and (cores or 1) >= 2
        and threading.active_count() == 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


def in_chunks(plans: list[PagePlan]) -> list[list[PagePlan]]:
    first = plans[:_FIRST_CHUNK]
    rest = plans[_FIRST_CHUNK:]
    return [first, *(rest[start : start + _CHUNK] for start in range(0, len(rest), _CHUNK))]
