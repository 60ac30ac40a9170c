"""Work done in a forked child process, on the machine's other core; its result or its error comes back.

The build does four things this way (respub.publish.site parsing half the texts and staging half the
languages' pages, respub.publish.beside the editions and the search index, respub.publish.parallel
half the language builds). A forked child has the parent's objects (the loaded Site, mkdocs' config) without loading
them again. It sends one message through a pipe: its result, or the `InputError` it met (path, line,
message: raised again, identical, by `result`), or the traceback of anything else (raised as a
RuntimeError naming the work). The child is daemonic, so it ends with the build. Where the platform
cannot fork, `start` only records the work and `result` does it, in this process.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Generic, TypeVar

from respub.errors import InputError

T = TypeVar("T")
U = TypeVar("U")


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


@dataclass(frozen=True)
class Child(Generic[T]):
    what: str  # "the search index": said in the error if the child fails
    work: Callable[[], T]
    process: BaseProcess | None = None  # None: not forked, `result` does the work
    connection: Connection | None = None


def start(what: str, work: Callable[[], T]) -> Child[T]:
    if not can_fork():
        return Child(what, work)
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_run, args=(work, sending), name=f"respub: {what}", daemon=True)
    process.start()
    sending.close()  # the child's end; the parent keeps its own
    return Child(what, work, process, receiving)


def _run(work: Callable[[], object], connection: Connection) -> None:
    try:
        outcome: tuple = ("done", work())
    except InputError as error:
        outcome = ("input", error.path, error.line, error.message)
    except SystemExit as stop:  # mkdocs' Abort ("Aborted with 1 warnings in strict mode!"): logged already
        outcome = ("failed", str(stop) or f"stopped (exit code {stop.code})")
    except BaseException:  # noqa: BLE001 - anything else goes to the parent, with where it happened
        outcome = ("failed", traceback.format_exc())
    connection.send(outcome)
    connection.close()


def result(child: Child[T]) -> T:
    """The child's result (waiting for it), or its error raised here."""
    if child.process is None or child.connection is None:
        return child.work()
    try:
        outcome = child.connection.recv()  # before join: a child sending much waits until it is read
    except EOFError:
        child.process.join()
        outcome = ("failed", f"its process ended without an answer (exit code {child.process.exitcode})")
    finally:
        child.connection.close()
        child.process.join()
    if outcome[0] == "done":
        return outcome[1]
    if outcome[0] == "input":
        raise InputError(*outcome[1:])
    raise RuntimeError(f"{child.what}: {outcome[1]}")


def discard(child: Child[object]) -> None:
    """Stop a child whose result is no longer wanted (the work beside it failed), and wait for it:
    none is left behind, even in a long-running `mkdocs serve`."""
    if child.process is None or child.connection is None:
        return
    child.process.terminate()
    child.process.join()
    child.connection.close()


def split_map(what: str, work: Callable[[U], T], items: Sequence[U]) -> list[T]:
    """`[work(item) for item in items]`, the second half in a child while this process does the first.
    An error in the first half is raised as one process would raise it (the child is stopped);
    otherwise the child's error, if any."""
    half = (len(items) + 1) // 2
    child = start(what, lambda: [work(item) for item in items[half:]])
    try:
        mine = [work(item) for item in items[:half]]
    except BaseException:
        discard(child)
        raise
    return mine + result(child)
