"""When to save a note being typed: a pure state machine with an injected clock.

The UI tells it about changes and save outcomes and asks when the next save is due; it keeps
the text not yet committed, so nothing typed is dropped when a save fails. It does no I/O and
starts no timers itself, so it is tested with a fake clock.

    autosave.changed(text)            # on every edit
    if autosave.due(): ticket = autosave.begin()   # on a timer at `autosave.deadline()`
    ticket = autosave.flush()         # on blur, article switch, quit, SIGTERM/SIGHUP
    ... store.save ... → autosave.succeeded(ticket) or autosave.failed(ticket, reason)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

PAUSE_SECONDS = 0.5
"""A save is due this long after the last keystroke."""

CAP_SECONDS = 3.0
"""While typing goes on, a save is due at the latest this long after the first unsaved edit."""

FIRST_RETRY_SECONDS = 1.0
"""After a failed save, the first retry comes this much later; each further one twice as late."""

MAX_RETRY_SECONDS = 30.0
"""The longest wait between retries of a failing save."""


class SaveState(Enum):
    """Where the text being edited stands."""

    SAVED = "saved"
    """Everything typed is committed."""
    DIRTY = "unsaved"
    """There are edits waiting for the pause (or the cap) to pass."""
    SAVING = "saving"
    """A save has begun and not yet been reported."""
    FAILED = "not saved"
    """The last save failed; the text is kept and a retry is scheduled."""


@dataclass(frozen=True, slots=True)
class SaveTicket:
    """One save attempt: the exact text to write, and which edit it includes."""

    text: str
    """The buffer to commit, exactly as typed."""
    edit_number: int
    """How many edits the text includes; newer edits stay pending after this save."""


@dataclass(slots=True)
class Autosave:
    """Debounced, capped, retrying autosave of one text buffer, driven by the caller."""

    clock: Callable[[], float] = time.monotonic
    """Seconds from any fixed point; a fake clock in tests."""
    pause: float = PAUSE_SECONDS
    """Quiet time after an edit before a save is due."""
    cap: float = CAP_SECONDS
    """Longest time an edit may wait while typing continues."""
    first_retry: float = FIRST_RETRY_SECONDS
    """Delay before the first retry after a failure."""
    max_retry: float = MAX_RETRY_SECONDS
    """Longest delay between retries."""
    state: SaveState = SaveState.SAVED
    """Where the buffer stands now."""
    failure_reason: str | None = None
    """Why the last save failed, while the state is FAILED (or SAVING a retry)."""
    failures: int = 0
    """Failed saves in a row since the last success."""
    _pending: str | None = field(default=None, repr=False)
    _edits: int = field(default=0, repr=False)
    _committed_edits: int = field(default=0, repr=False)
    _dirty_since: float | None = field(default=None, repr=False)
    _last_edit_at: float | None = field(default=None, repr=False)
    _retry_at: float | None = field(default=None, repr=False)
    _saving: bool = field(default=False, repr=False)

    @property
    def pending_text(self) -> str | None:
        """The latest text not yet known to be committed, or None when all is saved."""
        return self._pending

    @property
    def has_unsaved(self) -> bool:
        """Whether some typed text is not yet committed."""
        return self._pending is not None

    @property
    def status_text(self) -> str:
        """What the UI shows: `saved`, `unsaved`, `saving…` or `NOT SAVED: reason`."""
        if self.state is SaveState.FAILED:
            return f"NOT SAVED: {self.failure_reason}"
        if self.state is SaveState.SAVING:
            return "saving…"
        return "saved" if self.state is SaveState.SAVED else "unsaved"

    def reset(self) -> None:
        """Forget everything: a freshly loaded, committed text is being shown."""
        self.state = SaveState.SAVED
        self.failure_reason = None
        self.failures = 0
        self._pending = None
        self._committed_edits = self._edits
        self._dirty_since = self._last_edit_at = self._retry_at = None
        self._saving = False

    def changed(self, text: str) -> None:
        """Record an edit: `text` is the whole buffer now."""
        now = self.clock()
        self._edits += 1
        self._pending = text
        self._last_edit_at = now
        if self._dirty_since is None:
            self._dirty_since = now
        if self.state is SaveState.SAVED:
            self.state = SaveState.DIRTY

    def deadline(self) -> float | None:
        """When (on the clock) the next save is due, or None when nothing waits to be saved."""
        if self._saving or self._pending is None:
            return None
        if self.state is SaveState.FAILED and self._retry_at is not None:
            return self._retry_at
        if self._dirty_since is None or self._last_edit_at is None:
            return self.clock()
        return min(self._last_edit_at + self.pause, self._dirty_since + self.cap)

    def due(self) -> bool:
        """Whether a save should begin now."""
        deadline = self.deadline()
        return deadline is not None and self.clock() >= deadline

    def begin(self) -> SaveTicket | None:
        """Start the save that is due: return the text to write, or None if none is due."""
        if not self.due():
            return None
        return self.flush()

    def flush(self) -> SaveTicket | None:
        """Start a save now whatever the timers say (blur, switch, quit, signal); None if saved."""
        if self._pending is None or self._saving:
            return None
        self._saving = True
        self.state = SaveState.SAVING
        self._dirty_since = None
        return SaveTicket(self._pending, self._edits)

    def succeeded(self, ticket: SaveTicket) -> None:
        """The ticket's text is committed; edits made since stay pending."""
        self._saving = False
        self.failures = 0
        self.failure_reason = None
        self._retry_at = None
        self._committed_edits = max(self._committed_edits, ticket.edit_number)
        if self._edits == self._committed_edits:
            self._pending = None
            self.state = SaveState.SAVED
        else:
            self.state = SaveState.DIRTY
            if self._dirty_since is None:
                self._dirty_since = self.clock()

    def failed(self, ticket: SaveTicket, reason: str) -> None:
        """The ticket's save failed: keep the text, show the reason, schedule a retry."""
        self._saving = False
        self.failures += 1
        self.failure_reason = reason
        self.state = SaveState.FAILED
        delay = min(self.max_retry, self.first_retry * 2 ** (self.failures - 1))
        self._retry_at = self.clock() + delay
