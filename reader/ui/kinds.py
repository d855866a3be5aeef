"""How each kind of actor looks: one theme colour per kind, used by every widget."""

from __future__ import annotations

from reader.core.kinds import KINDS

KIND_COLOURS: dict[str, str] = {
    "person": "$text-accent",
    "state": "$text-success",
    "organisation": "$text-secondary",
    "military": "$text-error",
    "place": "$text-warning",
    "weapon": "$text-primary",
}
"""The theme variable that colours each kind (theme text colours read well in dark and light)."""

KIND_LABELS: dict[str, str] = {
    "person": "person",
    "state": "state",
    "organisation": "organisation",
    "military": "force",
    "place": "place",
    "weapon": "weapon",
}
"""What the legend calls each kind."""


def actor_css(widget: str) -> str:
    """CSS rules for a widget's `--actor-KIND` and `--demonym-KIND` component classes."""
    rules = []
    for kind in KINDS:
        colour = KIND_COLOURS[kind]
        rules.append(f"{widget} > .{component(kind)} {{ color: {colour}; text-style: bold; }}")
        rules.append(
            f"{widget} > .{component(kind, demonym=True)} {{ color: {colour} 70%; "
            "text-style: italic; }"
        )
    return "\n".join(rules)


def component(kind: str, *, demonym: bool = False, prefix: str = "article-view") -> str:
    """The component class name for highlighting one kind of actor."""
    return f"{prefix}--{'demonym' if demonym else 'actor'}-{kind}"


def all_components(prefix: str = "article-view") -> set[str]:
    """Every actor component class of a widget."""
    return {component(k, demonym=d, prefix=prefix) for k in KINDS for d in (False, True)}
