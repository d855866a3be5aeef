"""The kinds of actor: a module of its own, so the interface's first frame needs no gazetteer."""

from __future__ import annotations

KINDS: tuple[str, ...] = ("person", "state", "organisation", "military", "place", "weapon")
"""The kinds of actor, in the order a legend shows them."""
