"""`lgstandards diff`: every change between two versions, whom it breaks and the bump it needs.

The versioning policy (docs/versioning.md) speaks of data: a change that makes valid data invalid
breaks *producers* and needs a major version; one that lets data say something new breaks
*consumers* (they may receive what they never saw) and needs a minor; annotations break nobody and
need a patch. In an API, requests are produced by clients and responses by servers, and a
response that loses a field or a guarantee needs a major version, as oasdiff rates it.

- `diff_schemas` compares two self-contained JSON Schemas;
- `diff_openapi` compares two self-contained OpenAPI 3 documents;
- `diff_versions` compares two versions of a standard: schema, codelists and OpenAPI document;
- `version_bump` and `number_problem` say whether a version number tells the truth.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from lgstandards.development.diff.model import (
    DIFF_FORMAT,
    Breaks,
    Bump,
    Change,
    Diff,
    DiffError,
    Direction,
    bump_for,
    next_version,
    number_problem,
    version_bump,
)
from lgstandards.development.diff.versions import (
    diff_openapi,
    diff_schemas_of,
    diff_versions,
    document_version,
    unique_changes,
)


def diff_schemas(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    *,
    old_label: str = "old",
    new_label: str = "new",
    annotations: Iterable[str] = (),
) -> Diff:
    """Return every change between two self-contained JSON Schemas (only `#...` references).

    `annotations` names extra keywords known to change no verdict, such as a vendor's
    `mergeStrategy`; any other keyword lgstandards does not know is reported as breaking.
    """
    changes = diff_schemas_of(old, new, old_label, new_label, annotations=annotations)
    return Diff(old_label, new_label, unique_changes(changes))


__all__ = [
    "DIFF_FORMAT",
    "Breaks",
    "Bump",
    "Change",
    "Diff",
    "DiffError",
    "Direction",
    "bump_for",
    "diff_openapi",
    "diff_schemas",
    "diff_versions",
    "document_version",
    "next_version",
    "number_problem",
    "version_bump",
]
