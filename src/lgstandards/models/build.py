"""Regenerate the typed models from the bundled schemas: `python -m lgstandards.models.build`.

Each version's schema is bundled into one self-contained file (as `lgstandards publish` does) and
handed to datamodel-code-generator, pinned to one version so that the same schemas always give
the same code. The generator is needed only to regenerate, never to use the models: install it
with the `models` extra. `--check` regenerates in memory and names every committed file that
differs, which is what the drift test does.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import warnings
from collections.abc import Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from lgstandards.errors import LgstandardsError
from lgstandards.publish import bundle
from lgstandards.registry import Catalogue, StandardVersion, catalogue

#: The generator version the committed models were made with; another may write other code.
GENERATOR = "datamodel-code-generator"
GENERATOR_VERSION = "0.89.0"

#: The folder the models are committed in.
MODELS_DIR = Path(__file__).resolve().parent

#: The generator's options, chosen so that a model refuses what its schema refuses where
#: pydantic can say so (docs/models.md lists where it cannot).
OPTIONS: Mapping[str, Any] = {
    "output_model_type": "pydantic_v2.BaseModel",
    # Python 3.11 syntax, Annotated fields, `X | Y` unions, no timestamp in the header.
    "preset": "standard-py311-20261027",
    # The generator's own formatter: black's or ruff's output would change with their versions.
    "formatters": ["builtin"],
    # An optional field left out is MISSING, not None: `null` is refused where the schema does
    # not allow it, and `model_dump()` leaves out what was never set.
    "use_missing_sentinel": True,
    "target_pydantic_version": "2.14",
    "import_overrides": {"MISSING": "lgstandards.models._compat"},
    # Without these pydantic turns "12" into 12 and "yes" into True, which the schemas refuse.
    "strict_types": ["int", "float", "bool"],
    "base_class": "lgstandards.models.base.StandardModel",
    # Class docstrings from the schemas' descriptions, for editors.
    "use_schema_description": True,
    "generate_schema_validators": True,
    "disable_timestamp": True,
    # Every $ref is local after bundling: nothing may be fetched.
    "allow_remote_refs": False,
}


class BuildError(LgstandardsError):
    """The models could not be generated."""


def package_name(standard_id: str) -> str:
    """Return the package a standard's models live in, such as `waste_property_schedule`."""
    return standard_id.replace("-", "_")


def module_name(version: str) -> str:
    """Return the module of one version, such as `v2_0_0` for 2.0.0."""
    return "v" + version.replace(".", "_")


def class_name(standard_id: str) -> str:
    """Return the name of a standard's record model, such as `WastePropertySchedule`."""
    return "".join(part.capitalize() for part in standard_id.split("-"))


def modelled_versions(cat: Catalogue) -> list[StandardVersion]:
    """Return every version that has a schema, each of which gets a model."""
    return [v for v in cat.versions() if v.schema_path.is_file()]


def generator_input(version: StandardVersion, cat: Catalogue) -> dict[str, Any]:
    """Return the bundled schema of a version, with `$defs` names the generator can take.

    A bundle keeps each embedded schema under a name like `common@2.0.0`, which the generator
    would read as a module path; they become `common`. An embedded schema's own top level (the
    properties of a `common` record, say) is left out unless something refers to it, so the
    module holds the classes the record needs and the shared definitions, not another record.
    """
    resources = dict(cat.schemas())
    bundled = bundle(version.schema, resources, bundle_id=version.schema_uri, base=cat.base_uri)
    embedded = [key for key in bundled.get("$defs") or {} if "@" in key]
    stems = [key.split("@", 1)[0] for key in embedded]
    renamed = {
        key: re.sub(r"\W", "_", stem if stems.count(stem) == 1 else key)
        for key, stem in zip(embedded, stems, strict=True)
    }
    text = _renamed(json.dumps(bundled), renamed)
    out: dict[str, Any] = json.loads(text)
    defs: dict[str, Any] = {}
    for key, value in out.get("$defs", {}).items():
        name = renamed.get(key, key)
        if key in renamed and f'"#/$defs/{name}"' not in text:
            value = {"$defs": value.get("$defs", {})}
        defs[name] = value
    if defs:
        out["$defs"] = defs
    # Which record this is, and its place in the catalogue, are in the file's header.
    out.pop("$comment", None)
    return out


def _renamed(text: str, renamed: Mapping[str, str]) -> str:
    """Return JSON text with each `#/$defs/<old>` reference renamed."""
    for old, new in renamed.items():
        text = text.replace(f'"#/$defs/{old}/', f'"#/$defs/{new}/')
        text = text.replace(f'"#/$defs/{old}"', f'"#/$defs/{new}"')
    return text


def installed_generator() -> str | None:
    """Return the installed generator's version, or None when it is not installed."""
    try:
        return metadata.version(GENERATOR)
    except metadata.PackageNotFoundError:
        return None


def _require_generator() -> None:
    """Raise when the generator is missing or not the pinned version."""
    found = installed_generator()
    if found is None:
        raise BuildError(
            f"{GENERATOR} is not installed; install it with "
            f"`pip install -e '.[models]'` ({GENERATOR}=={GENERATOR_VERSION})"
        )
    if found != GENERATOR_VERSION:
        raise BuildError(
            f"the models are made with {GENERATOR} {GENERATOR_VERSION}, but {found} is "
            f"installed; another version writes other code. Install "
            f"`{GENERATOR}=={GENERATOR_VERSION}` (the `models` extra)"
        )


def header(version: StandardVersion) -> str:
    """Return the comment that opens a generated module."""
    return (
        f"# Typed models of {version.ref}, generated from {version.schema_uri}\n"
        f"# by `python -m lgstandards.models.build` with {GENERATOR} {GENERATOR_VERSION}.\n"
        "# Do not edit: change the schema and regenerate; a test fails when this file drifts.\n"
        "# The generator's code is not held to this project's lint and strict typing (its runtime\n"
        "# validators and constr() in unions fail them); tests import and use every module.\n"
        "# mypy: ignore-errors\n"
        "# ruff: noqa"
    )


def generate_module(version: StandardVersion, cat: Catalogue) -> str:
    """Return the generated source of one version's models."""
    _require_generator()
    from datamodel_code_generator import InputFileType, generate

    with warnings.catch_warnings():
        # The generator warns of each constraint pydantic cannot hold (a pattern on a
        # date-time); docs/models.md and the example tests say which those are.
        warnings.simplefilter("ignore")
        code = generate(
            generator_input(version, cat),
            input_file_type=InputFileType.JsonSchema,
            class_name=class_name(version.id),
            custom_file_header=header(version),
            **OPTIONS,
        )
    if not isinstance(code, str):
        raise BuildError(f"{version.ref}: the generator wrote several modules, expected one")
    return code


def package_init(standard_id: str, versions: Sequence[StandardVersion]) -> str:
    """Return the `__init__.py` of a standard's package of models."""
    listed = ", ".join(module_name(v.version) for v in versions)
    return (
        f'"""Typed models of {standard_id}: one module per version ({listed})."""\n'
    )


def index_module(versions: Sequence[StandardVersion]) -> str:
    """Return `_index.py`: every modelled version and where its record model is."""
    lines = [
        '"""Where the record model of each version is: written by `lgstandards.models.build`."""',
        "",
        "#: `id@x.y.z` to the module and class of its record model.",
        "MODELS: dict[str, tuple[str, str]] = {",
    ]
    for version in versions:
        module = f"lgstandards.models.{package_name(version.id)}.{module_name(version.version)}"
        lines += [
            f'    "{version.ref}": (',
            f'        "{module}",',
            f'        "{class_name(version.id)}",',
            "    ),",
        ]
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(cat: Catalogue | None = None) -> dict[str, str]:
    """Return every generated file, keyed by its path under the models folder."""
    cat = cat or catalogue()
    versions = sorted(modelled_versions(cat), key=lambda v: (v.id, v.entry.key))
    files: dict[str, str] = {"_index.py": index_module(versions)}
    by_standard: dict[str, list[StandardVersion]] = {}
    for version in versions:
        by_standard.setdefault(version.id, []).append(version)
        path = f"{package_name(version.id)}/{module_name(version.version)}.py"
        files[path] = generate_module(version, cat)
    for standard_id, listed in by_standard.items():
        files[f"{package_name(standard_id)}/__init__.py"] = package_init(standard_id, listed)
    return dict(sorted(files.items()))


def committed(root: Path = MODELS_DIR) -> dict[str, str]:
    """Return the generated files committed under `root`, keyed as `render` keys them."""
    files: dict[str, str] = {}
    index = root / "_index.py"
    if index.is_file():
        files["_index.py"] = index.read_text(encoding="utf-8")
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and p.name != "__pycache__"):
        for path in sorted(folder.glob("*.py")):
            files[f"{folder.name}/{path.name}"] = path.read_text(encoding="utf-8")
    return files


def drift(expected: Mapping[str, str], root: Path = MODELS_DIR) -> list[str]:
    """Return a line for each generated file that is missing, different or left over."""
    found = committed(root)
    problems = [f"{name}: missing" for name in expected if name not in found]
    problems += [f"{name}: differs from its schema" for name in expected
                 if name in found and found[name] != expected[name]]
    problems += [f"{name}: no schema makes it any more" for name in found if name not in expected]
    return problems


def write(files: Mapping[str, str], root: Path = MODELS_DIR) -> list[str]:
    """Write the generated files under `root`, removing left-over ones; return what changed."""
    changed = drift(files, root)
    for name in committed(root):
        if name not in files:
            (root / name).unlink()
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    for folder in (p for p in root.iterdir() if p.is_dir() and p.name != "__pycache__"):
        if not any(folder.glob("*.py")):
            for leftover in folder.rglob("*"):
                if leftover.is_file():
                    leftover.unlink()
            for leftover in sorted(folder.rglob("*"), reverse=True):
                leftover.rmdir()
            folder.rmdir()
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate the models, or with `--check` report drift; return the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m lgstandards.models.build",
        description="Regenerate lgstandards' typed models from the bundled schemas.",
    )
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 naming each file that differs")
    parser.add_argument("--out", type=Path, default=MODELS_DIR,
                        help="the models folder (default: the package's own)")
    args = parser.parse_args(argv)
    try:
        files = render()
    except LgstandardsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.check:
        problems = drift(files, args.out)
        for line in problems:
            print(f"{args.out / line}", file=sys.stderr)
        if problems:
            print("run `python -m lgstandards.models.build` to regenerate", file=sys.stderr)
        return 1 if problems else 0
    changed = write(files, args.out)
    print(f"{len(files)} files in {args.out}; {len(changed)} changed")
    for line in changed:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
