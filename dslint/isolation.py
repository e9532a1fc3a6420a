"""Running rule code so that whatever it does wrong stays its own failure.

A rule runs inside `RuleGuard.run`, which turns anything but a list of valid findings into one
failure text (the engine reports it as an `internal-error` finding for that rule and object):

- any exception, `SystemExit` and `GeneratorExit` included; only `KeyboardInterrupt` goes through,
  so Ctrl-C still stops the run;
- a per-rule time budget, watched by one daemon thread per process (`Watchdog`). When a rule runs
  past its budget, the watchdog raises `RuleTimeout` inside the thread running it. This works in any
  thread and on every platform CPython runs on, and costs a rule call two clock reads and one lock;
  a rule blocked inside one long call (`time.sleep`, a read) is stopped when that call returns.
  Each worker of `--jobs` is a process with its own watchdog;
- more than `MAX_FINDINGS` findings for one object (a generator that never ends);
- anything printed to `sys.stdout` (reports are written there), captured per object and blamed on
  the rule that printed it;
- items that are not valid findings: not a `Finding`, a path that is not a tuple of keys and
  indexes, an unknown level, a fix that is not a tuple of `Edit`s.

Rules that do not ship with dslint read a read-only copy of the object (`read_only`), made once per
object and shared by them, so a rule cannot change what later rules see. Built-in rules read the
data itself (no copy on the default path); a test runs every built-in rule over the corpus and
checks that none changes it.
"""

from __future__ import annotations

import _thread
import io
import os
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any, NoReturn

from dslint.api import LEVELS, Edit, Finding

DEFAULT_TIME_BUDGET = 10.0  # seconds per rule and object; built-in rules take microseconds
MAX_FINDINGS = 10_000  # per rule and object
_TICK = 0.05  # how often the watchdog looks, at most


class RuleTimeout(BaseException):
    """Raised inside a rule that ran past its time budget (a BaseException: rules that catch
    `Exception` do not swallow it)."""


class _Watch:
    """One thread's running rule, as the watchdog sees it."""

    __slots__ = ("deadline", "fired", "lock", "running", "thread")

    def __init__(self, thread: int) -> None:
        self.thread = thread
        self.lock = _thread.allocate_lock()
        self.running = False
        self.fired = False
        self.deadline = 0.0

    def start(self, budget: float) -> None:
        self.deadline = time.monotonic() + budget
        self.running = True

    def stop(self) -> bool:
        """Mark the rule finished; True when the watchdog fired at it (then nothing stays
        pending: a timeout not yet delivered is cancelled)."""
        self.running = False
        # The watchdog fires only under the lock, after seeing `running`: if it holds the lock
        # now, wait until it has decided. No lock is taken when it is idle (the usual case).
        if self.fired or self.lock.locked():
            with self.lock:
                fired = self.fired
                if fired:
                    self.fired = False
                    _raise_in(self.thread, None)
                return fired
        return False


class Watchdog:
    """One daemon thread per process that stops rules running past their deadline."""

    def __init__(self) -> None:
        self._watches: dict[int, _Watch] = {}
        self._started = False

    def forget(self) -> None:
        """In a forked child: no watchdog thread, and a lock held at the fork would stay held."""
        self._watches = {}
        self._started = False

    def watch_for_this_thread(self) -> _Watch:
        thread = _thread.get_ident()
        watch = self._watches.get(thread)
        if watch is None:
            watch = self._watches[thread] = _Watch(thread)
        if not self._started:
            self._started = True
            _thread.start_new_thread(self._loop, ())
        return watch

    def _loop(self) -> NoReturn:
        while True:
            time.sleep(_TICK)
            now = time.monotonic()
            for watch in list(self._watches.values()):
                if watch.running and now > watch.deadline:
                    with watch.lock:
                        if watch.running:  # not finished while the lock was awaited
                            watch.fired = True
                            _raise_in(watch.thread, RuleTimeout)


def _raise_in(thread: int, error: type[BaseException] | None) -> None:
    """Raise `error` in another thread at its next bytecode (None cancels a pending one)."""
    import ctypes  # only when a rule overruns: not on the start-up path

    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread), ctypes.py_object(error) if error else None
    )


_WATCHDOG = Watchdog()
if hasattr(os, "register_at_fork"):  # POSIX only; elsewhere workers are spawned, not forked
    os.register_at_fork(after_in_child=_WATCHDOG.forget)


class RuleGuard:
    """Runs rules for one linter: a time budget each, stdout captured, findings checked."""

    def __init__(self, time_budget: float = DEFAULT_TIME_BUDGET) -> None:
        self.time_budget = time_budget
        self.overran: set[str] = set()  # rules stopped by the budget once: not run again

    def session(self) -> RuleSession:
        """For the rules of one object, in this thread (stdout is captured while it is open)."""
        return RuleSession(self, _WATCHDOG.watch_for_this_thread())


class RuleSession:
    __slots__ = ("_guard", "_stdout", "_watch")

    def __init__(self, guard: RuleGuard, watch: _Watch) -> None:
        self._guard = guard
        self._watch = watch
        self._stdout = CapturedStdout()

    def __enter__(self) -> RuleSession:
        self._stdout.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stdout.__exit__()

    def run(
        self, rule: str, check: Callable[[Any, Any], Iterable[Any]], manifest: Any, options: Any
    ) -> tuple[list[Finding], str | None]:
        """The findings of one rule on one object, or a failure text instead."""
        guard = self._guard
        if rule in guard.overran:
            return [], "skipped: it ran past its time budget on an earlier object"
        watch = self._watch
        found: list[Any] = []
        failure: str | None = None
        try:
            watch.start(guard.time_budget)
            try:
                for item in check(manifest, options):
                    found.append(item)
                    if len(found) > MAX_FINDINGS:
                        raise _TooMany()
            finally:
                fired = watch.stop()
            if fired:
                raise RuleTimeout()
        except KeyboardInterrupt:
            raise
        except RuleTimeout:
            watch.stop()  # when the timeout arrived inside the first stop()
            guard.overran.add(rule)
            failure = f"ran longer than its time budget of {guard.time_budget:g} s"
        except _TooMany:
            failure = f"yielded more than {MAX_FINDINGS} findings for one object"
        except BaseException as error:  # SystemExit too: a rule must not end the run
            failure = f"{type(error).__name__}: {error}"
        if self._stdout.printed():  # rare: blamed on this rule, never on the next one
            printed = _short(self._stdout.take())
            failure = failure or f"printed to standard output ({printed}), which carries the report"
        if failure is None:
            failure = next(filter(None, map(finding_problem, found)), None)
        return ([], failure) if failure is not None else (found, None)


class _TooMany(Exception):
    pass


def finding_problem(item: object) -> str | None:
    """Why `item` is not a valid finding, or None when it is one."""
    if not isinstance(item, Finding):
        return f"yielded {_short(item)} instead of a Finding"
    if not _is_path(item.path):
        return f"yielded a finding with an invalid path {_short(item.path)}"
    if not isinstance(item.message, str):
        return f"yielded a finding whose message is {_short(item.message)}, not a string"
    if item.level is not None and item.level not in LEVELS:
        return f"yielded a finding with level {_short(item.level)} (not one of {', '.join(LEVELS)})"
    if not isinstance(item.fix, tuple) or not all(
        isinstance(edit, Edit) and _is_path(edit.path) and edit.path for edit in item.fix
    ):
        return f"yielded a finding with an invalid fix {_short(item.fix)}"
    if not isinstance(item.at_key, bool):
        return f"yielded a finding whose at_key is {_short(item.at_key)}, not a bool"
    return None


def _is_path(path: object) -> bool:
    return isinstance(path, tuple) and all(type(step) is str or type(step) is int for step in path)


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


class CapturedStdout:
    """Replaces `sys.stdout` while one object's rules run; `take()` returns what was printed."""

    __slots__ = ("_buffer", "_saved")

    def __init__(self) -> None:
        self._buffer = io.StringIO()
        self._saved: Any = None

    def __enter__(self) -> CapturedStdout:
        self._saved = sys.stdout
        sys.stdout = self._buffer
        return self

    def __exit__(self, *exc: object) -> None:
        sys.stdout = self._saved

    def printed(self) -> bool:
        return bool(self._buffer.tell())

    def take(self) -> str:
        """What was printed since the last call."""
        text = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return text


# --- a read-only copy of the data ----------------------------------------------------------------


def _refuse(*_: object, **__: object) -> NoReturn:
    raise TypeError("the manifest is read-only to rules: copy a value before changing it")


class ReadOnlyDict(dict[Any, Any]):
    """A dict that rules can read but not change. Copies (`dict(x)`, `copy.deepcopy`) are plain."""

    __slots__ = ()
    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        return (dict, (dict(self),))

    def __copy__(self) -> dict[Any, Any]:
        return dict(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[Any, Any]:
        return {key: thawed(item) for key, item in self.items()}


class ReadOnlyList(list[Any]):
    """A list that rules can read but not change. Copies (`list(x)`, `copy.deepcopy`) are plain."""

    __slots__ = ()
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse
    append = extend = insert = pop = remove = clear = sort = reverse = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        return (list, (list(self),))

    def __copy__(self) -> list[Any]:
        return list(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> list[Any]:
        return [thawed(item) for item in self]


def read_only(value: Any, _memo: dict[int, Any] | None = None) -> Any:
    """A read-only copy of plain YAML data; values shared by aliases stay shared."""
    memo = {} if _memo is None else _memo
    kind = type(value)
    if kind is not dict and kind is not list and kind is not set:
        return value
    done = memo.get(id(value))
    if done is not None:
        return done
    copy: Any
    if kind is dict:
        copy = ReadOnlyDict({key: read_only(item, memo) for key, item in value.items()})
    elif kind is list:
        copy = ReadOnlyList([read_only(item, memo) for item in value])
    else:
        copy = frozenset(value)
    memo[id(value)] = copy
    return copy


def thawed(value: Any) -> Any:
    """Plain data again (a rule's fix may hand back part of the read-only copy)."""
    if isinstance(value, dict):
        return {key: thawed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [thawed(item) for item in value]
    return value
