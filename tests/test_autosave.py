"""The autosave state machine, driven by a fake clock."""

from __future__ import annotations

from reader.core.autosave import Autosave, SaveState, SaveTicket


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def typed(autosave: Autosave, clock: FakeClock, text: str, after: float) -> None:
    """Advance the clock, then record an edit."""
    clock.now += after
    autosave.changed(text)


def test_save_due_after_pause() -> None:
    """A save is due 0.5 s after the last keystroke, not before."""
    clock = FakeClock()
    autosave = Autosave(clock=clock)
    assert autosave.state is SaveState.SAVED and autosave.deadline() is None
    typed(autosave, clock, "a", 0)
    assert autosave.state is SaveState.DIRTY and autosave.status_text == "unsaved"
    clock.now = 0.49
    assert autosave.begin() is None
    clock.now = 0.5
    ticket = autosave.begin()
    assert ticket == SaveTicket("a", 1) and autosave.status_text == "saving…"
    autosave.succeeded(ticket)
    assert autosave.state is SaveState.SAVED and not autosave.has_unsaved


def test_cap_forces_save_while_typing() -> None:
    """Typing every 0.25 s still gets a save 3 s after the first unsaved edit."""
    clock = FakeClock()
    autosave = Autosave(clock=clock)
    for index in range(12):  # keystrokes at 0, 0.25, ... 2.75 s
        typed(autosave, clock, "x" * (index + 1), 0.25 if index else 0)
        assert not autosave.due()
    assert autosave.deadline() == 3.0
    clock.now = 3.0
    ticket = autosave.begin()
    assert ticket is not None and ticket.text == "x" * 12


def test_edits_during_save_stay_pending() -> None:
    """Text typed while a save runs is still unsaved after that save succeeds."""
    clock = FakeClock()
    autosave = Autosave(clock=clock)
    typed(autosave, clock, "one", 0)
    ticket = autosave.flush()
    assert ticket is not None
    typed(autosave, clock, "one two", 0.1)
    assert autosave.flush() is None  # one save at a time
    autosave.succeeded(ticket)
    assert autosave.state is SaveState.DIRTY and autosave.pending_text == "one two"
    clock.now += 0.5
    second = autosave.begin()
    assert second is not None and second.text == "one two"


def test_failure_keeps_text_and_retries_with_backoff() -> None:
    """A failed save shows NOT SAVED with the reason, keeps the text and retries later each time."""
    clock = FakeClock()
    autosave = Autosave(clock=clock)
    typed(autosave, clock, "precious", 0)
    gaps = []
    for _ in range(4):
        ticket = autosave.flush()
        assert ticket is not None and ticket.text == "precious"
        autosave.failed(ticket, "disk is full")
        assert autosave.status_text == "NOT SAVED: disk is full"
        assert autosave.pending_text == "precious"
        deadline = autosave.deadline()
        assert deadline is not None
        gaps.append(deadline - clock.now)
        clock.now = deadline
        assert autosave.due()
    assert gaps == [1.0, 2.0, 4.0, 8.0]
    ticket = autosave.begin()
    assert ticket is not None
    autosave.succeeded(ticket)
    assert autosave.status_text == "saved" and autosave.failures == 0


def test_backoff_is_capped() -> None:
    """Retries never wait longer than the maximum."""
    clock = FakeClock()
    autosave = Autosave(clock=clock, max_retry=5.0)
    typed(autosave, clock, "t", 0)
    for _ in range(10):
        ticket = autosave.flush()
        assert ticket is not None
        autosave.failed(ticket, "read-only")
    deadline = autosave.deadline()
    assert deadline is not None and deadline - clock.now == 5.0


def test_flush_saves_at_once_and_nothing_when_saved() -> None:
    """Flush (blur, quit, signal) starts a save regardless of timers; with nothing unsaved, none."""
    clock = FakeClock()
    autosave = Autosave(clock=clock)
    assert autosave.flush() is None
    typed(autosave, clock, "bye", 0)
    ticket = autosave.flush()
    assert ticket is not None and ticket.text == "bye"


def test_reset_forgets_pending_text() -> None:
    """Loading another article's committed note resets the machine to saved."""
    clock = FakeClock()
    autosave = Autosave(clock=clock)
    typed(autosave, clock, "x", 0)
    autosave.reset()
    assert autosave.state is SaveState.SAVED and autosave.deadline() is None
