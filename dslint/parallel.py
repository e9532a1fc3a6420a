"""Linting on several cores, with output in the same order as one core gives.

Two kinds of work are spread: many files (each worker lints whole files), and one long stream
(each worker parses and checks a batch of its documents; the parent merges them in order and
applies the per-file limits and comment suppressions, exactly as for one core). Each worker
process builds its own `Linter` once (rules resolved, validators built). A worker that dies
(killed, out of memory) fails the run with an error instead of leaving it waiting forever.

Ctrl-C is the parent's to handle: workers ignore SIGINT (each would otherwise print a traceback),
and when the parent stops early the tasks not yet started are cancelled, so it exits at once
with one line instead of finishing the run.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from dslint.results import DocumentResult, FileResult

# Below these sizes a pool costs more to start than it saves.
MIN_FILES_FOR_POOL = 16
MIN_DOCUMENTS_FOR_POOL = 64
FILES_PER_TASK = 8
DOCUMENTS_PER_TASK = 32


class Linter(Protocol):
    """What the pool needs of a linter. Each worker builds its own from the same configuration by
    calling the linter's class, so this module never imports the engine (which imports it)."""

    @property
    def config(self) -> Any: ...

    def lint_file(self, path: str, jobs: int = 1) -> FileResult: ...

    def lint_document(self, file: str, text: str, line_offset: int) -> DocumentResult: ...


_worker_linter: Linter | None = None


def worker_count(jobs: int) -> int:
    """`--jobs 0` means every core this process may use."""
    if jobs > 0:
        return jobs
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _start_worker(make_linter: Any, config: Any) -> None:
    import signal

    global _worker_linter
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_linter = make_linter(config)


def _pool(linter: Linter, workers: int) -> ProcessPoolExecutor:
    # Imported here: a one-file lint never pays for them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork shares the parent's imported modules, so workers start in milliseconds.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(type(linter), linter.config),
    )


def _lint_one_file(path: str) -> FileResult:
    assert _worker_linter is not None
    return _worker_linter.lint_file(path)


def lint_files(linter: Linter, paths: Iterable[str], jobs: int) -> Iterator[FileResult]:
    """Lint files with `jobs` workers, yielding results in the order of `paths`."""
    files = list(paths)
    workers = min(worker_count(jobs), max(1, len(files) // FILES_PER_TASK))
    if workers <= 1 or len(files) < MIN_FILES_FOR_POOL:
        for path in files:
            yield linter.lint_file(path, jobs)  # one long stream may still use the cores
        return
    with _pool(linter, workers) as pool:
        yield from _in_order(pool, pool.map(_lint_one_file, files, chunksize=FILES_PER_TASK))


def _lint_batch(task: tuple[str, list[tuple[int, str]]]) -> list[DocumentResult]:
    assert _worker_linter is not None
    file, chunks = task
    return [_worker_linter.lint_document(file, text, offset) for offset, text in chunks]


def lint_documents(
    linter: Linter, file: str, chunks: list[tuple[int, str]], jobs: int
) -> Iterator[DocumentResult]:
    """Lint the documents of one stream with `jobs` workers, in stream order."""
    workers = min(worker_count(jobs), max(1, len(chunks) // DOCUMENTS_PER_TASK))
    if workers <= 1 or len(chunks) < MIN_DOCUMENTS_FOR_POOL:
        for offset, text in chunks:
            yield linter.lint_document(file, text, offset)
        return
    batches = [
        (file, chunks[start : start + DOCUMENTS_PER_TASK])
        for start in range(0, len(chunks), DOCUMENTS_PER_TASK)
    ]
    with _pool(linter, workers) as pool:
        for batch in _in_order(pool, pool.map(_lint_batch, batches)):
            yield from batch


def _in_order(pool: ProcessPoolExecutor, results: Iterator[Any]) -> Iterator[Any]:
    """The pool's results; if the caller stops early (Ctrl-C), the tasks left are cancelled."""
    try:
        yield from results
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
