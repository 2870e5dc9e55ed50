"""Progress of a streaming run, measured in input bytes: the part the CLI's progress bar shows.

Only the input's size is known before a run (the number of entries is not, until every file has
been read), so progress is counted in bytes of input. Entries are read ahead of their results
(a process pool takes whole chunks), so the bytes *done* are those read when the entry whose
result has just come out was read: :class:`InputProgress` remembers ``(entries read, bytes
read)`` checkpoints as input streams in, and advances to the newest checkpoint the results have
passed. Nothing here prints; :mod:`framing.cli` draws the bar.

Example:
    >>> position = iter([100, 200, 300, 300]).__next__  # bytes read after each entry
    >>> tracker = InputProgress(300, position, n_checkpoints=3)
    >>> results = list(tracker.finished(x * 10 for x in tracker.reading([1, 2, 3])))
    >>> (results, tracker.n_done, tracker.bytes_done, tracker.fraction)
    ([10, 20, 30], 3, 300, 1.0)
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


class InputProgress:
    """Entries and input bytes done, as far as the results of a stream have come out.

    Wrap the input with :meth:`reading` and the results with :meth:`finished`; results must
    come out in input order, one per entry (as :func:`framing.analysis.batch.score_entries`
    yields them).

    Attributes:
        total_bytes: size of the whole input, or None when unknown (standard input).
        n_read: entries read so far.
        n_done: results out so far.
        bytes_done: input bytes behind the results out so far (a checkpoint, so it moves in
            steps of about ``total_bytes / n_checkpoints``).
    """

    def __init__(self, total_bytes: int | None, position: Callable[[], int], *,
                 n_checkpoints: int = 1000) -> None:
        """Track a stream whose input position (bytes read so far) ``position()`` returns.

        Args:
            total_bytes: the input's size (None when unknown).
            position: returns the bytes of input consumed so far; called once per checkpoint.
            n_checkpoints: how finely to track (memory is bounded by this many pairs).
        """
        self.total_bytes = total_bytes
        self.n_read = 0
        self.n_done = 0
        self.bytes_done = 0
        self._position = position
        # Read a position only every `step` bytes' worth of entries: a checkpoint per entry
        # would cost a syscall per entry and unbounded memory when the input runs far ahead.
        self._step = max(1, (total_bytes or 0) // max(1, n_checkpoints))
        self._next_check_bytes = 0
        self._entries_per_check = 1
        self._checkpoints: deque[tuple[int, int]] = deque()

    @property
    def fraction(self) -> float | None:
        """Share of the input done (0–1), or None when the size is unknown."""
        if not self.total_bytes:
            return None
        return min(1.0, self.bytes_done / self.total_bytes)

    def reading(self, entries: Iterable[T]) -> Iterator[T]:
        """Pass input entries through, remembering where in the input each checkpoint falls."""
        since_check = 0
        for entry in entries:
            self.n_read += 1
            since_check += 1
            if since_check >= self._entries_per_check:
                self._checkpoint(since_check)
                since_check = 0
            yield entry
        self._checkpoints.append((self.n_read, max(self._safe_position(),
                                                   self.total_bytes or 0)))

    def finished(self, results: Iterable[T]) -> Iterator[T]:
        """Pass results through, advancing :attr:`n_done` and :attr:`bytes_done`."""
        for result in results:
            self.n_done += 1
            self._advance()
            yield result

    def _checkpoint(self, n_entries: int) -> None:
        position = self._safe_position()
        self._checkpoints.append((self.n_read, position))
        # Adapt how many entries pass between position reads, so checkpoints land about
        # `step` bytes apart whatever the entry size.
        moved = position - self._next_check_bytes
        self._next_check_bytes = position
        if moved > 0:
            self._entries_per_check = max(1, min(4096, n_entries * self._step // moved))

    def _advance(self) -> None:
        checkpoints = self._checkpoints
        while checkpoints and checkpoints[0][0] <= self.n_done:
            self.bytes_done = max(self.bytes_done, checkpoints.popleft()[1])

    def _safe_position(self) -> int:
        try:
            return self._position()
        except (OSError, ValueError):  # a file closed between reads: keep the last position
            return self._next_check_bytes
