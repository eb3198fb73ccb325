"""The diff for people: changes grouped by whom they break, then the bump they need."""

from __future__ import annotations

from lgstandards.development.diff.model import Breaks, Diff
from lgstandards.reporters.text import Line

_GROUPS: tuple[tuple[Breaks, str, str], ...] = (
    ("producers", "Breaks producers: what was valid before is now refused", "major"),
    ("consumers", "Breaks consumers: they may now receive what they never saw", "minor"),
    ("nobody", "Breaks nobody: annotations and open-codelist codes", "patch"),
)


def text_lines(diff: Diff, *, check: str | None = None, problem: str | None = None) -> list[Line]:
    """Return the report as styled lines; `check` names the numbers compared by --check."""
    count = len(diff.changes)
    lines: list[Line] = [("heading", f"{diff.old} -> {diff.new}: "
                          f"{count} change{'s' if count != 1 else ''}")]
    for breaks, title, usual in _GROUPS:
        found = [c for c in diff.changes if c.breaks == breaks]
        if not found:
            continue
        lines.append((None, ""))
        lines.append(("heading", f"{title} ({len(found)}):"))
        style = {"producers": "error", "consumers": "warning", "nobody": "dim"}[breaks]
        for change in found:
            tags = [change.code]
            if change.direction != "data":
                tags.append(change.direction)
            if change.bump != usual:
                tags.append(f"needs {change.bump}")
            lines.append((style, f"  {change.pointer or '/'}  {change.description}  "
                                 f"[{', '.join(tags)}]"))
    lines.append((None, ""))
    lines.append(("heading", f"Required bump: {diff.bump}"))
    if check is not None:
        lines.append(("error", f"--check: {problem}") if problem else
                     ("ok", f"--check: {check} tells the truth"))
    return lines
