"""Each version against the one before it: does its number tell the truth, and do old examples pass?

A version's number must be at least what `diff` finds, and a minor or patch successor must accept
every valid example of its predecessor. The second check does not trust the first: it validates
the examples themselves, so a change the diff misjudged still shows.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from lgstandards.development.diff.model import Diff, number_problem
from lgstandards.development.diff.versions import diff_versions
from lgstandards.registry import Catalogue, StandardVersion


@dataclass(frozen=True)
class SuccessorCheck:
    """One version compared with its predecessor: the diff and every problem found."""

    old: StandardVersion
    new: StandardVersion
    diff: Diff
    problems: tuple[str, ...]


def predecessor_pairs(cat: Catalogue) -> list[tuple[StandardVersion, StandardVersion]]:
    """Return (predecessor, version) for every version of every standard but the first of each."""
    pairs: list[tuple[StandardVersion, StandardVersion]] = []
    for manifest in cat:
        if manifest.external:
            continue
        entries = sorted(manifest.versions, key=lambda e: e.key)
        for before, after in itertools.pairwise(entries):
            pairs.append((cat.version(manifest, before), cat.version(manifest, after)))
    return pairs


def check_successor(old: StandardVersion, new: StandardVersion, cat: Catalogue) -> SuccessorCheck:
    """Return the diff of two consecutive versions and what is wrong with the new one's number."""
    from lgstandards.conformance import Checker
    from lgstandards.findings import Severity
    from lgstandards.rules import RuleOptions

    diff = diff_versions(old, new, cat)
    problems: list[str] = []
    problem = number_problem(diff, old.version, new.version)
    if problem:
        problems.append(f"{new.ref}: {problem}")
    if diff.bump != "major" and new.schema_path.is_file():
        # Examples are dated around their release; rules judge them from that day.
        checker = Checker.for_standard(new.ref, registry=cat, options=RuleOptions(),
                                       allow_draft=True)
        for path in old.example_files("valid"):
            report = checker.check_paths([str(path)])
            errors = [f for f in report.findings if f.severity is Severity.ERROR]
            if errors:
                first = errors[0]
                problems.append(
                    f"{new.ref} refuses {old.ref}'s valid example {path.name} ({first.code} at "
                    f"{first.pointer or '/'}: {first.message}); the diff rates the change "
                    f"{diff.bump}, and only a major release may refuse data valid before"
                )
    return SuccessorCheck(old, new, diff, tuple(problems))
