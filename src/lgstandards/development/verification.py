"""Verifying a conformance statement: the registry, the tool version, and the result again.

`verify_statement` takes a statement `read_statement` has checked and lists what it found, each
item `ok`, `note`, `warning` or `mismatch`: every standard file hashed again in the installed
registry; the tool version; for data, the inputs matched by sha256 and checked again with the
recorded options; for an API, the run repeated only when asked (a live API changes).
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from lgstandards.development.statements import (
    StatementError,
    api_levels,
    digest_file,
    file_result,
    tool_version,
)
from lgstandards.errors import LgstandardsError
from lgstandards.lock import sha256_file, version_files
from lgstandards.registry import Catalogue

if TYPE_CHECKING:
    from lgstandards.conformance import Checker
    from lgstandards.development.extensions import ExtensionVersion


#: How a verification item counts: a mismatch fails verification; the others inform.
Outcome = Literal["ok", "note", "warning", "mismatch"]


@dataclass(frozen=True)
class Item:
    """One thing verification found: a stable code, how it counts, and a sentence."""

    code: str
    outcome: Outcome
    message: str

    def to_dict(self) -> dict[str, str]:
        """Return the item as JSON data."""
        return {"code": self.code, "outcome": self.outcome, "message": self.message}


@dataclass(frozen=True)
class Verification:
    """The result of verifying a statement: every item found, in the order checked."""

    subject: str
    items: tuple[Item, ...]

    @property
    def mismatches(self) -> tuple[Item, ...]:
        """Return the items that fail verification."""
        return tuple(i for i in self.items if i.outcome == "mismatch")

    @property
    def verified(self) -> bool:
        """Return whether nothing failed."""
        return not self.mismatches

    def to_dict(self) -> dict[str, Any]:
        """Return the verification as JSON data."""
        return {
            "verified": self.verified,
            "subject": self.subject,
            "mismatches": len(self.mismatches),
            "items": [i.to_dict() for i in self.items],
        }


@dataclass(frozen=True)
class ApiRerun:
    """What re-running an API statement needs that a statement never holds: probes and headers."""

    probes: Mapping[str, str] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    allow_writes: bool = False
    #: The options of the command re-running it, which the run's advice may name.
    accepts: frozenset[str] = frozenset()


def verify_statement(
    statement: Mapping[str, Any],
    cat: Catalogue,
    *,
    inputs: Sequence[Path] = (),
    stdin: bytes | None = None,
    rerun_api: ApiRerun | None = None,
) -> Verification:
    """Verify a statement (already read by `read_statement`) against the installed registry.

    For data, the inputs given (or else the recorded paths, where they exist) are matched to the
    recorded ones by sha256 and checked again with the recorded options. For an API, the run is
    repeated only when `rerun_api` is given.
    """
    items: list[Item] = []
    items.extend(_verify_registry(statement, cat))
    recorded = statement["tool"]["version"]
    installed = tool_version()
    if recorded != installed:
        items.append(Item(
            "tool-version", "warning",
            f"The statement was made with lgstandards {recorded}; this is {installed}. A "
            "different version may check differently, so a reproduced result is the stronger "
            "evidence.",
        ))
    else:
        items.append(Item("tool-version", "ok", f"Made with this version of lgstandards "
                                                f"({installed})."))
    if statement["subject"] == "data":
        items.extend(_verify_data(statement, cat, inputs, stdin))
    else:
        items.extend(_verify_api(statement, cat, rerun_api))
    return Verification(statement["subject"], tuple(items))


def _verify_registry(statement: Mapping[str, Any], cat: Catalogue) -> list[Item]:
    items: list[Item] = []
    total = changed = 0
    for entry in statement["standards"]:
        ref = entry["ref"]
        if entry["role"] in ("extension", "profile"):
            layer = layer_of(entry, cat)
            if layer is None:
                items.append(Item(
                    "extension-not-checked", "warning",
                    f"{ref} is an {entry['role']} that is neither in the installed registry nor "
                    f"in the folder its address names ({entry['id']}), so its files were not "
                    "compared.",
                ))
                continue
            folder = layer.folder
        else:
            try:
                version = cat.select(ref, allow_draft=True)
            except LgstandardsError:
                items.append(Item("standard-missing", "mismatch",
                                  f"{ref} is not in the installed registry ({cat.root})."))
                continue
            if version.schema_uri != entry["id"]:
                items.append(Item("standard-id", "mismatch",
                                  f"{ref}'s schema is {version.schema_uri} here, not "
                                  f"{entry['id']}."))
            folder = version.folder
        now = {relative: sha256_file(path) for relative, path in version_files(folder)}
        recorded: Mapping[str, str] = entry["files"]
        for relative in sorted(set(now) | set(recorded)):
            total += 1
            if relative not in now:
                problem = "is in the statement but not in the installed registry"
            elif relative not in recorded:
                problem = "is in the installed registry but not in the statement"
            elif now[relative] != recorded[relative]:
                problem = "differs from the file the statement was made with (sha256 differs)"
            else:
                continue
            changed += 1
            items.append(Item("standard-file", "mismatch", f"{ref}: {relative} {problem}."))
        if not entry["locked"]:
            items.append(Item(
                "unlocked", "note",
                f"{ref} was {entry['status']} and not guarded by the lock when the statement was "
                "made: its files were hashed directly, and may change before it is released.",
            ))
    if not changed:
        items.append(Item("registry", "ok",
                          f"Every standard file the statement names ({total}) matches the "
                          "installed registry."))
    return items


def _verify_data(
    statement: Mapping[str, Any], cat: Catalogue, inputs: Sequence[Path], stdin: bytes | None
) -> list[Item]:
    items: list[Item] = []
    given: dict[str, str] = {}
    for path in inputs:
        digest = digest_file(path)
        if digest.sha256 is None:
            items.append(Item("input-unreadable", "mismatch", f"{path} cannot be read as a file."))
        else:
            given.setdefault(digest.sha256, str(path))
    spooled: Path | None = None
    if stdin is not None:
        # Standard input is kept in a temporary file, so it is checked the way a file is.
        with tempfile.NamedTemporaryFile(delete=False, prefix="lgstandards-stdin-") as handle:
            handle.write(stdin)
        spooled = Path(handle.name)
        given.setdefault(hashlib.sha256(stdin).hexdigest(), str(spooled))
    used: set[str] = set()
    options = statement["options"]
    try:
        for number, run in enumerate(statement["runs"], 1):
            items.extend(_verify_run(number, run, options, cat, given, used, bool(given),
                                     statement["standards"]))
    finally:
        if spooled is not None:
            spooled.unlink(missing_ok=True)
    for sha256, place in given.items():
        if sha256 not in used:
            shown = "standard input" if spooled is not None and place == str(spooled) else place
            items.append(Item("input-unknown", "mismatch",
                              f"{shown} is not an input of this statement: no recorded input "
                              "has its sha256."))
    return items


def _verify_run(
    number: int,
    run: Mapping[str, Any],
    options: Mapping[str, Any],
    cat: Catalogue,
    given: Mapping[str, str],
    used: set[str],
    any_given: bool,
    standards: Sequence[Mapping[str, Any]] = (),
) -> list[Item]:
    """Match one run's inputs to files, check them again, and compare each result.

    `standards` are the statement's standards, where a run's extensions and profiles are found.
    """
    items: list[Item] = []
    name = run["standard"] or (run["schema_file"] or {}).get("path") or f"run {number}"
    layers: dict[str, list[str]] = {"extension": [], "profile": []}
    for role, refs in (("extension", run["extensions"]), ("profile", run["profiles"])):
        for ref in refs:
            entry = next((e for e in standards if e["ref"] == ref and e["role"] == role), None)
            layer = layer_of(entry, cat) if entry is not None else None
            if layer is None:
                items.append(Item(
                    "not-rechecked", "warning",
                    f"{name} was checked with the {role} {ref}, which is not here, so its result "
                    "was not reproduced.",
                ))
                return items
            layers[role].append(str(layer.folder) if layer.local else layer.ref)
    if layers["extension"] or layers["profile"]:
        name = "+".join((name, *run["extensions"], *run["profiles"]))
    schema_file = run["schema_file"]
    if schema_file is not None:
        digest = digest_file(Path(schema_file["path"]))
        if digest.sha256 is None:
            items.append(Item("not-rechecked", "note",
                              f"The schema file {schema_file['path']} is not here, so the inputs "
                              "checked against it were not checked again."))
            return items
        if digest.sha256 != schema_file["sha256"]:
            items.append(Item("schema-file", "mismatch",
                              f"The schema file {schema_file['path']} differs from the one the "
                              "statement was made with (sha256 differs)."))
            return items
    found: list[tuple[Mapping[str, Any], str]] = []
    for recorded in run["inputs"]:
        path = _locate(recorded, given, used, any_given, items)
        if path is not None:
            found.append((recorded, path))
    if not found:
        return items
    checker = _rechecker(run, options, cat, layers["extension"],
                         layers["profile"][0] if layers["profile"] else None)
    same = 0
    for recorded, path in found:
        fmt = recorded["result"]["format"] or run["input_format"]
        report = checker.check_paths([path], input_format=fmt, max_findings=run["max_findings"])
        report = report.filtered(run["select"], run["ignore"]).capped(run["max_findings"])
        again = file_result(report.files[0])
        if again == recorded["result"]:
            same += 1
            continue
        differences = ", ".join(
            f"{key} {recorded['result'].get(key)!r} then, {again.get(key)!r} now"
            for key in ("records", "invalid_records", "errors", "warnings", "info", "counts")
            if recorded["result"].get(key) != again.get(key)
        )
        items.append(Item("result", "mismatch",
                          f"{recorded['path']} checked against {name} again gives a different "
                          f"result: {differences}."))
    if same:
        items.append(Item("result", "ok",
                          f"Checked {same} of {len(run['inputs'])} input"
                          f"{'' if len(run['inputs']) == 1 else 's'} against {name} again: "
                          "the same result as the statement records."))
    return items


def _locate(
    recorded: Mapping[str, Any],
    given: Mapping[str, str],
    used: set[str],
    any_given: bool,
    items: list[Item],
) -> str | None:
    """Return the file to check again for a recorded input, noting why when there is none."""
    digest: str | None = recorded["sha256"]
    shown: str = recorded["path"]
    if digest is None:
        items.append(Item("not-rechecked", "note",
                          f"{shown} was not a file that could be hashed (a pipe, or missing), so "
                          "it cannot be checked again."))
        return None
    if digest in given:
        used.add(digest)
        return given[digest]
    on_disk = Path(shown)
    if shown != "<stdin>" and on_disk.is_file():
        now = digest_file(on_disk)
        if now.sha256 == digest:
            return shown
        items.append(Item("input", "mismatch",
                          f"{shown} has changed since the statement was made (sha256 differs)."))
        return None
    if any_given:
        items.append(Item("input", "mismatch",
                          f"No input given matches {shown} (its sha256 is {digest[:12]}…)."))
    else:
        items.append(Item("not-rechecked", "note",
                          f"{shown} is not here; give it after the statement to check it again."))
    return None


def layer_of(entry: Mapping[str, Any], cat: Catalogue) -> ExtensionVersion | None:
    """Return the extension or profile a statement's entry names, by its address, if it is here.

    A registry one is found by its URI; one from a user's folder by the `file:` URI of that
    folder, which is read, never fetched.
    """
    from urllib.parse import unquote, urlsplit

    from lgstandards.development.extensions import extensions, load_local

    uri = str(entry.get("id", ""))
    try:
        if uri.startswith("file:"):
            folder = Path(unquote(urlsplit(uri).path)).parent
            layer: ExtensionVersion | None = load_local(folder, base_uri=cat.base_uri,
                                                        allow_draft=True)
        else:
            layer = extensions(cat).by_uri(uri)
    except LgstandardsError:
        return None
    return layer if layer is not None and layer.ref == entry.get("ref") else None


def _rechecker(run: Mapping[str, Any], options: Mapping[str, Any], cat: Catalogue,
               extensions: Sequence[str] = (), profile: str | None = None) -> Checker:
    """Return the checker a run used, built from the statement's options."""
    from lgstandards.conformance import Checker
    from lgstandards.rules import RuleOptions

    rule_options = RuleOptions(
        today=date.fromisoformat(options["today"]) if options["today"] else None,
        past_days=options["past_days"],
        future_days=options["future_days"],
    )
    if run["standard"] is not None:
        checker = Checker.for_standard(
            run["standard"], registry=cat, options=rule_options, allow_draft=True,
            extensions=extensions, profile=profile,
        )
    else:
        checker = Checker.for_schema_file(Path(run["schema_file"]["path"]), options=rule_options)
    return checker.selecting(run["select"], run["ignore"])


def rerun_command(statement: Mapping[str, Any]) -> str:
    """Return the check-api command that repeats an API statement's run (probes to fill in)."""
    api, options = statement["api"], statement["options"]
    parts = ["lgstandards check-api", "-s", api["standard"], "--base-url", api["base_url"],
             "--level", options["level"]]
    if options["fail_on"] != {"core": "error", "extended": "warning"}[options["level"]]:
        parts += ["--fail-on", options["fail_on"]]
    parts += [f"--probe {name}=..." for name in options["probes"]]
    parts += [f"--select {code}" for code in options["select"]]
    parts += [f"--ignore {code}" for code in options["ignore"]]
    if options["allow_writes"]:
        parts += ["--allow-writes", "--sandbox", api["sandbox_url"] or "URL"]
    if options["draft"]:
        parts.append("--draft")
    return " ".join(parts)


def _verify_api(
    statement: Mapping[str, Any], cat: Catalogue, rerun: ApiRerun | None
) -> list[Item]:
    api, options, result = statement["api"], statement["options"], statement["result"]
    command = rerun_command(statement)
    if rerun is None:
        return [Item(
            "not-rechecked", "note",
            f"The statement says {api['standard']} at {api['base_url']} gave core "
            f"{result['core']}, extended {result['extended']} on {api['finished']}. A live API "
            f"changes: check it again with `{command}`, or `lgstandards verify STATEMENT "
            "--rerun`.",
        )]
    urls = f"{api['base_url']} {api['sandbox_url'] or ''}"
    if "[redacted]" in urls or "%5Bredacted%5D" in urls:
        raise StatementError(
            "the statement's base URL held a secret, which statements never keep; run "
            f"`{command}` yourself with the full URL"
        )
    if options["allow_writes"] and not rerun.allow_writes:
        raise StatementError(
            "this statement's run wrote to a sandbox; add --allow-writes to repeat those writes "
            f"against {api['sandbox_url']}, or run `{command}` yourself"
        )
    from lgstandards.apicheck.client import Limits
    from lgstandards.apicheck.runner import ApiCheckOptions, check_api

    missing = sorted(set(options["probes"]) - set(rerun.probes))
    report = check_api(ApiCheckOptions(
        standard=api["standard"],
        base_url=api["base_url"],
        probes=dict(rerun.probes),
        headers=dict(rerun.headers),
        limits=Limits(rate_limit=options["rate_limit"],
                      connect_timeout=options["connect_timeout"],
                      timeout=options["timeout"], max_bytes=options["max_bytes"]),
        allow_writes=options["allow_writes"],
        sandbox_url=api["sandbox_url"],
        verify_tls=options["verify_tls"],
        allow_draft=True,
        accepts=rerun.accepts,
    ), registry=cat).filtered(options["select"], options["ignore"])
    levels = api_levels(report)
    items: list[Item] = []
    if missing:
        items.append(Item("probes", "warning",
                          f"The run used probe values for {', '.join(missing)}, which were not "
                          "given again (--probe NAME=VALUE): checks that need them were "
                          "skipped."))
    for level in ("core", "extended"):
        if levels[level] == result[level]:
            items.append(Item("result", "ok",
                              f"{level.capitalize()}: {levels[level]} again, as recorded."))
        else:
            items.append(Item("result", "mismatch",
                              f"{level.capitalize()}: {levels[level]} now, but the statement "
                              f"records {result[level]}."))
    return items
