"""Realistic records of a data standard, valid or each with one named defect, made fast.

Records are grown from the standard version's own valid examples: each example is compiled once
into a template (see `templates`), and each new record fills its holes with new UPRNs, USRNs,
postcodes, streets, house numbers and references, and moves its dates by whole weeks. So a
generated record passes every rule its example passes, UPRNs and references never repeat in a
file, and a million records take seconds. `--invalid` records each carry one named defect from
`defects`, with the finding `lgstandards validate` gives for it.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lgstandards.errors import LgstandardsError
from lgstandards.generate.templates import Filler, Template, compile_template, template_records
from lgstandards.registry import Catalogue, StandardVersion, catalogue

__all__ = [
    "Defect",
    "GenerateError",
    "Generator",
    "generator",
    "sidecar_path",
    "write",
]

#: Standards whose dates are a calendar (financial years, notices for named days), not events:
#: their records keep the examples' dates.
_FIXED_DATES = frozenset({
    "common", "waste-common", "waste-service-catalogue", "waste-garden-subscription",
    "waste-disruption-notice",
})


class GenerateError(LgstandardsError):
    """Records of this standard cannot be generated (an API standard, no examples to grow from)."""


@dataclass(frozen=True)
class Defect:
    """The one defect of a generated record and the finding `validate` gives for it."""

    #: The record's number in the file, from 1, as `validate` counts records.
    record: int
    defect: str
    code: str
    pointer: str

    def to_dict(self) -> dict[str, Any]:
        """Return the defect as one line of the sidecar file."""
        return {"record": self.record, "defect": self.defect, "code": self.code,
                "pointer": self.pointer}


@dataclass(frozen=True)
class _Variant:
    """A template with one defect made, and what the defect is."""

    template: Template
    defect: str
    code: str
    pointer: str


class Generator:
    """Makes the records of one standard version: valid, or with one defect each."""

    def __init__(self, version: StandardVersion, templates: tuple[Template, ...],
                 variants: tuple[tuple[_Variant, ...], ...] = ()) -> None:
        """Hold the compiled templates (and, for invalid records, their defective variants)."""
        self.version = version
        self.templates = templates
        self.variants = variants

    @property
    def ref(self) -> str:
        """Return the standard version as `id@x.y.z`."""
        return f"{self.version.id}@{self.version.version}"

    @property
    def invalid(self) -> bool:
        """Return whether this generator makes records with defects."""
        return bool(self.variants)

    def lines(self, count: int, seed: int = 0, share: float = 1.0
              ) -> Iterator[tuple[str, Defect | None]]:
        """Yield `count` records as lines of JSON (no newline), each with its defect if any.

        A generator made with `invalid=True` gives a defect to each record, or to about
        `share` of them (0.02: one in fifty), the others being valid.
        """
        rng = random.Random(seed)
        templates = self.templates
        # One filler for valid and defective records alike, so their UPRNs never meet.
        filler = Filler(
            templates + tuple(v.template for group in self.variants for v in group), count, rng
        )
        # The defect first, then where: otherwise a record's many required fields would crowd
        # out the rest.
        kinds = [
            [tuple(v for v in group if v.defect == name)
             for name in sorted({v.defect for v in group})]
            for group in self.variants
        ]
        every = share >= 1
        many = len(templates)
        for number in range(count):
            if kinds and (every or rng.random() < share):
                named = kinds[rng.randrange(len(kinds))]
                places = named[rng.randrange(len(named))]
                variant = places[rng.randrange(len(places))]
                yield filler.fill(variant.template, number), Defect(
                    number + 1, variant.defect, variant.code, variant.pointer
                )
            else:
                yield filler.fill(templates[rng.randrange(many)], number), None

    def records(self, count: int, seed: int = 0) -> Iterator[dict[str, Any]]:
        """Yield `count` records as Python values (slower than `lines`; for tests and code)."""
        for line, _ in self.lines(count, seed):
            yield json.loads(line)


def generator(ref: str, *, invalid: bool = False, cat: Catalogue | None = None) -> Generator:
    """Return a generator for a standard version (`id`, `id@1`, `id@1.2.3`)."""
    cat = cat or catalogue()
    version = cat.select(ref, allow_draft=True)
    if version.manifest.kind != "data":
        raise GenerateError(
            f"{version.ref} is an API standard; generate makes records of data standards. "
            "Its record schemas are those of the data standards it serves: generate one of those."
        )
    if version.manifest.external:
        raise GenerateError(f"{version.ref} is a standard lgstandards does not hold; it has no "
                            "schema here to generate records of.")
    movable = version.id not in _FIXED_DATES
    templates = tuple(
        compile_template(name, record, movable=movable)
        for name, record in template_records(_examples(version))
    )
    if not templates:
        raise GenerateError(f"{version.ref} has no valid example records to grow records from.")
    if not invalid:
        return Generator(version, templates)
    from lgstandards.generate.defects import variants_for

    variants = variants_for(version, _examples(version), movable=movable)
    if not variants:
        raise GenerateError(f"{version.ref}: no defect of generate's list fits its examples.")
    return Generator(version, templates, variants)


def _examples(version: StandardVersion) -> dict[str, Any]:
    """Return the parsed valid examples of a version (JSON and NDJSON; CSV is a copy of them)."""
    parsed: dict[str, Any] = {}
    for path in version.example_files("valid"):
        if path.suffix == ".json":
            parsed[path.name] = json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix in (".ndjson", ".jsonl"):
            lines = path.read_text(encoding="utf-8").splitlines()
            parsed[path.name] = [json.loads(line) for line in lines if line.strip()]
    return parsed


def write(gen: Generator, count: int, seed: int, out: Any, defects: Any | None = None,
          share: float = 1.0) -> int:
    """Write `count` records as NDJSON to a text stream, and their defects as NDJSON to another."""
    batch: list[str] = []
    faults: list[str] = []
    written = 0
    for line, defect in gen.lines(count, seed, share):
        batch.append(line)
        if defect is not None and defects is not None:
            faults.append(json.dumps(defect.to_dict()))
        if len(batch) >= 2000:
            out.write("\n".join(batch) + "\n")
            written += len(batch)
            batch.clear()
            if faults and defects is not None:
                defects.write("\n".join(faults) + "\n")
                faults.clear()
    if batch:
        out.write("\n".join(batch) + "\n")
        written += len(batch)
    if faults and defects is not None:
        defects.write("\n".join(faults) + "\n")
    return written


def sidecar_path(output: Path) -> Path:
    """Return where the defects of an output file go: beside it, named after it."""
    return output.with_name(output.name + ".defects.ndjson")
