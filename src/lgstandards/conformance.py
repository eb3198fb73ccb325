"""Checking data against a standard: schema first, then rules, collected into a report."""

from __future__ import annotations

import dataclasses
import functools
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from lgstandards.errors import SchemaError
from lgstandards.findings import Finding, Severity, SourceLocation, frozen, pointer_template
from lgstandards.limits import ReadLimits, display_path, read_pipe, special_kind
from lgstandards.registry import Catalogue, StandardVersion, Status, catalogue
from lgstandards.report import FileReport, Report
from lgstandards.rules import RecordContext, Rule, RuleOptions, rules_for
from lgstandards.rules.base import (
    Hit,
    Position,
    QuietSchema,
    ReadAgain,
    RecordCheck,
    SharedScan,
)
from lgstandards.sources import (
    InputFormat,
    Record,
    Source,
    TabularForm,
    detect_format,
    expand_paths,
)
from lgstandards.validation import FAST_ENGINE_REFUSES, SchemaValidator, local_retriever

if TYPE_CHECKING:
    from lgstandards.development.extensions import ExtensionVersion
    from lgstandards.parallel import Part as _Part

#: Checks the sources of one run somewhere else (a cluster), given the checker, the sources in
#: order, the cap on kept findings and the per-file callback; yields one report per source.
Engine = Callable[
    ["Checker", Sequence[Source], "int | None", "Callable[[str], None] | None"],
    Iterable[FileReport],
]

_NOTHING: frozenset[str] = frozenset()

#: A step of the record checks: the rules it serves, what to call, and whether that call is a
#: shared scan (hits by code) or one rule's check (hits).
_Step = tuple[tuple[Rule, ...], RecordCheck | SharedScan, bool]


class _Steps(list[_Step]):
    """The record checks of one file, and the fewer a valid record that passes `quiet` needs."""

    #: The quiet schemas of some rules, compiled together for the fast engine, or None.
    quiet: Any = None
    #: The checks a valid record that passes `quiet` still needs: the others find nothing in it.
    loud: list[_Step]


@dataclass(frozen=True)
class RecordResult:
    """The findings for one record validated from a stream."""

    number: int
    findings: tuple[Finding, ...]

    @property
    def valid(self) -> bool:
        """Return whether the record has no error."""
        return not any(f.severity is Severity.ERROR for f in self.findings)


@dataclass(frozen=True)
class Recipe:
    """How to build a checker again, in another process: what it checks against and how."""

    standard: str | None
    schema: str | None
    options: RuleOptions
    allow_draft: bool = False
    #: Each `selecting(select, ignore)` made on the way, in order.
    selections: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    #: The extensions applied, each an exact `id@x.y.z` or the path of a user's version folder.
    extensions: tuple[str, ...] = ()
    #: The profile applied, named the same way, if any.
    profile: str | None = None

    def build(self) -> Checker:
        """Compile the checker this recipe describes."""
        if self.standard is not None:
            checker = Checker.for_standard(
                self.standard, options=self.options, allow_draft=self.allow_draft,
                extensions=self.extensions, profile=self.profile,
            )
        else:
            checker = Checker.for_schema_file(Path(self.schema or ""), options=self.options)
        # Selections apply one after another, as they did in the parent process.
        for select, ignore in self.selections:
            checker = checker.selecting(select, ignore)
        return checker


class Checker:
    """A compiled standard (or user schema) with its rules, ready to check many inputs."""

    def __init__(
        self,
        validator: SchemaValidator,
        *,
        rules: Sequence[Rule] = (),
        name: str | None = None,
        schema_id: str | None = None,
        tabular: TabularForm | None = None,
        notices: Sequence[Finding] = (),
        options: RuleOptions | None = None,
    ) -> None:
        """Wrap a compiled schema and rules under a display name."""
        self.validator = validator
        self.rules = tuple(rules)
        self.name = name
        self.schema_id = schema_id
        self.tabular = tabular
        self.notices = tuple(notices)
        self.options = options or RuleOptions()
        self._wanted: Callable[[str], bool] | None = None
        #: The rules' quiet schemas compiled together, by the set of rules (see `_checks`).
        self._quiet: dict[tuple[QuietSchema, ...], Any] = {}
        #: How to build this checker again in a worker process; None when it cannot be.
        self.recipe: Recipe | None = None

    @classmethod
    def for_standard(
        cls,
        selector: str,
        *,
        registry: Catalogue | None = None,
        options: RuleOptions | None = None,
        allow_draft: bool = False,
        extensions: Sequence[str] = (),
        profile: str | None = None,
    ) -> Checker:
        """Build a checker for a standard named `id`, `id@1`, `id@1.2` or `id@1.2.3`.

        `extensions` and `profile` name what to apply to it, each by id (`id@1`...) or by the
        path of its folder; `for_extended` says how.
        """
        if extensions or profile:
            return cls.for_extended(
                extensions, profile, standard=selector, registry=registry, options=options,
                allow_draft=allow_draft,
            )
        cat = registry or catalogue()
        version = cat.select(selector, allow_draft=allow_draft)
        validator = _compiled(cat, version.ref)
        notices = _deprecations(version)
        tabular = TabularForm.from_json(version.tabular) if version.tabular else None
        rules = rules_for(version, cat)
        if _declares(version.schema):
            from lgstandards.development.declarations import declaration_rules, standard_uris

            rules += declaration_rules(standard_uris(version, cat), version.ref, cat)
        checker = cls(
            validator,
            rules=rules,
            name=version.ref,
            schema_id=version.schema_uri,
            tabular=tabular,
            notices=notices,
            options=options,
        )
        if registry is None:
            # The exact version, so a worker checks against what this process selected.
            checker.recipe = Recipe(version.ref, None, checker.options, allow_draft=allow_draft)
        return checker

    @classmethod
    def for_extended(
        cls,
        extensions: Sequence[str] = (),
        profile: str | None = None,
        *,
        standard: str | None = None,
        registry: Catalogue | None = None,
        options: RuleOptions | None = None,
        allow_draft: bool = False,
    ) -> Checker:
        """Build a checker for a standard with extensions and at most one profile applied.

        Each extension or profile is an id (`id`, `id@1`, `id@1.0.0`) in the registry or the path
        of its folder. Without `standard`, the base is the newest base version the extensions
        and profile were written against (the one their published schemas are built on).
        """
        from lgstandards.development.declarations import declaration_rules
        from lgstandards.development.extensions import compose, layer_deprecation_message
        from lgstandards.development.extensions import extensions as registry_extensions

        cat = registry or catalogue()
        found = registry_extensions(cat)
        given = None if standard is None else cat.select(standard, allow_draft=allow_draft)
        # With a base version given, an id without a version means the newest that fits it.
        bases = {} if given is None else {given.id: given.version}
        layers = [found.load(text, "extension", allow_draft=allow_draft, bases=bases)
                  for text in extensions]
        if profile is not None:
            layers.append(found.load(profile, "profile", allow_draft=allow_draft, bases=bases))
        if given is None:
            if not layers:
                raise ValueError("give a standard, an extension or a profile")
            written = max(layers, key=lambda layer: layer.entry.base_key)
            # The exact version the layer was written against is what its author asked for.
            version = cat.select(written.base_ref, allow_draft=True)
        else:
            version = given
        effective = compose(version, layers, cat)
        codelists = {name: c.values for name, c in effective.codelists.items()}
        try:
            validator = SchemaValidator(effective.schema, codelists=codelists)
        except SchemaError as exc:
            raise SchemaError(f"{effective.schema_path}: {exc}") from None
        notices = _deprecations(version)
        notices += [
            Finding("standard.deprecated", Severity.WARNING, layer_deprecation_message(layer))
            for layer in layers if layer.status is Status.DEPRECATED
        ]
        tabular = TabularForm.from_json(version.tabular) if version.tabular else None
        rules = rules_for(effective, cat) + declaration_rules(
            effective.accepted_uris, effective.ref, cat
        )
        checker = cls(validator, rules=rules, name=effective.ref,
                      schema_id=effective.schema_uri, tabular=tabular, notices=notices,
                      options=options)
        if registry is None:
            # Exact names, so a worker checks against what this process chose.
            checker.recipe = Recipe(
                version.ref, None, checker.options, allow_draft=allow_draft,
                extensions=tuple(_exact(layer) for layer in layers if layer.kind == "extension"),
                profile=next((_exact(layer) for layer in layers if layer.kind == "profile"), None),
            )
        return checker

    @classmethod
    def for_schema_file(cls, path: Path, *, options: RuleOptions | None = None) -> Checker:
        """Build a checker for a local JSON Schema file, resolving relative `$ref`s beside it."""
        from lgstandards.registry import load_json_file

        schema = load_json_file(path, SchemaError)
        base = schema.get("$id") if isinstance(schema.get("$id"), str) else None
        if base is None:
            base = path.resolve().as_uri()
            schema = {**schema, "$id": base}
        retrieve = local_retriever(path.resolve().parent, base)
        try:
            validator = SchemaValidator(schema, retrieve=retrieve)
        except SchemaError as exc:
            raise SchemaError(f"{path}: {exc}") from None
        checker = cls(validator, name=None, schema_id=str(path), options=options)
        if path.is_file():  # A pipe (<(...)) cannot be read again by a worker.
            checker.recipe = Recipe(None, str(path.resolve()), checker.options)
        return checker

    def selecting(self, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> Checker:
        """Return a copy that runs only the rules a code or category selects (all by default)."""
        from lgstandards.report import code_wanted

        # Skipping a rule, rather than filtering its findings afterwards, also saves its cost
        # (the per-file UPRN index holds about 120 bytes per distinct UPRN).
        rules = tuple(rule for rule in self.rules if code_wanted(rule.code, select, ignore))
        if not select and not ignore:
            return self
        copy = type(self).__new__(type(self))
        copy.__dict__.update(self.__dict__)
        copy.rules = rules
        if self.recipe is not None:
            copy.recipe = dataclasses.replace(
                self.recipe,
                selections=(*self.recipe.selections, (tuple(select), tuple(ignore))),
            )
        # Findings are filtered as they are made, so caps and counts apply to what is kept.
        copy._wanted = lambda code: code_wanted(code, select, ignore)
        return copy

    # -- checking ------------------------------------------------------------------------------

    def check_record(self, data: Any, number: int = 1) -> list[Finding]:
        """Return the schema and rule findings for one record, without source locations."""
        return self._check(data, number, self._checks())

    def _checks(
        self, part: _Part | None = None, read: ReadAgain | None = None, at: Position | None = None
    ) -> _Steps:
        """Return the record checks for one file: shared scans, single rules, per-file state.

        For a `part` of a file, rules across the file only collect their keys, which the
        process that split the file compares in order. With `read` and `at` (a file whose
        records can be read again, and where the record being checked is), rules across the
        file may keep where first records are rather than their fingerprints.
        """
        steps = _Steps()
        shared: dict[SharedScan, list[Rule]] = {}
        for rule in self.rules:
            if rule.scan is not None:
                shared.setdefault(rule.scan, []).append(rule)
            elif rule.check is not None:
                steps.append(((rule,), rule.check, False))
        # A scan goes first, where the rules that share it would have run, and only once.
        steps[:0] = [(tuple(rules), scan, True) for scan, rules in shared.items()]
        for rule in self.rules:
            if rule.per_file is None:
                continue
            if part is not None and rule.across is not None:
                steps.append(((rule,), part.collector(rule.across), False))
            elif part is None:
                steps.append(((rule,), rule.across.per_file(read, at) if rule.across is not None
                              else rule.per_file(), False))
            else:
                raise ValueError(f"{rule.code} compares records across a file and cannot split")
        # A step is skipped for a record that passes the quiet schemas of all its rules; rules
        # across a file always run, since each record is one of the file's.
        skippable = [step for step in steps
                     if all(rule.quiet is not None and rule.per_file is None for rule in step[0])]
        if skippable:
            quiet = self._quiet_validator(
                tuple(dict.fromkeys(rule.quiet for step in skippable for rule in step[0]
                                    if rule.quiet is not None))
            )
            if quiet is not None:
                steps.quiet = quiet
                steps.loud = [step for step in steps if not any(step is s for s in skippable)]
        return steps

    def _quiet_validator(self, makers: tuple[QuietSchema, ...]) -> Any:
        """Compile the rules' quiet schemas together, once per checker and set of rules."""
        cache = self._quiet
        if makers not in cache:
            import jsonschema_rs

            schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                      "allOf": [dict(make()) for make in makers]}
            try:
                cache[makers] = jsonschema_rs.validator_for(schema)
            except Exception:  # Only an optimisation: without it, every rule runs.
                cache[makers] = None
        return cache[makers]

    def _check(self, data: Any, number: int, steps: list[_Step]) -> list[Finding]:
        validator = self.validator
        # The fast engine straight away, not through `is_valid`: one call less for every record.
        try:
            valid = validator.fast.is_valid(data)
        except FAST_ENGINE_REFUSES:
            valid = validator.is_valid(data)
        if valid:
            findings: list[Finding] = []
            rejected: frozenset[str] = _NOTHING
            quiet = steps.quiet if type(steps) is _Steps else None
            if quiet is not None:
                try:
                    if quiet.is_valid(data):
                        # The rules with quiet schemas would find nothing: they are skipped.
                        steps = cast(_Steps, steps).loud
                except FAST_ENGINE_REFUSES:
                    pass
        else:
            findings = validator.findings(data)
            rejected = frozenset(f.pointer for f in findings)
        if not steps:
            return findings
        context = RecordContext(data, number, rejected, self.options)
        for rules, run, shared in steps:
            try:
                produced = run(context)
                # Most records have no hits at all: one truth test, then nothing per rule.
                if not produced:
                    continue
                if shared:
                    by_code: Any = produced
                    groups = [(rule, list(by_code.get(rule.code, ()))) for rule in rules]
                else:
                    groups = [(rules[0], list(cast(Iterable[Hit], produced)))]
            except Exception as exc:  # A rule bug must not lose the rest of the batch.
                findings.append(
                    Finding(
                        "internal.rule-failed",
                        Severity.ERROR,
                        f"The rule {', '.join(rule.code for rule in rules)} failed on this "
                        f"record ({type(exc).__name__}: {exc}); "
                        "please report it to the lgstandards maintainers.",
                    )
                )
                continue
            for rule, hits in groups:
                for hit in hits:
                    # Nothing is reported twice: a field the schema rejected is not judged again.
                    if rejected and context.is_rejected(hit.pointer):
                        continue
                    findings.append(self.finding(rule, hit))
        return findings

    def finding(self, rule: Rule, hit: Hit) -> Finding:
        """Return the finding for a rule's hit, its field named by the schema's title."""
        return Finding(
            rule.code,
            rule.severity,
            hit.message,
            pointer=hit.pointer,
            field=self.validator.title_at(hit.pointer),
            value=hit.value if _is_scalar(hit.value) else None,
            advice=hit.advice,
        )

    def check_source(
        self, source: Source, *, max_findings: int | None = None, placed: int | None = None
    ) -> FileReport:
        """Check every record of one source and return its file report.

        `placed` places findings in JSON and NDJSON exactly (line and column) only in the first
        so many records of each code and field, as a report showing that many examples needs;
        the others name their record (and line). None places every finding kept.
        """
        return self._check_source(source, max_findings, None, placed)

    def _check_source(
        self, source: Source, max_findings: int | None, part: _Part | None,
        placed: int | None = None,
    ) -> FileReport:
        kept: list[Finding] = []
        counts: Counter[str] = Counter()
        records = invalid = 0
        read = source.read_again() if part is None else None
        at = Position() if read is not None else None
        checks = self._checks(part, read, at)

        wanted = self._wanted

        def keep(finding: Finding) -> None:
            if wanted is not None and not wanted(finding.code):
                return
            counts[finding.code] += 1
            if max_findings is None or len(kept) < max_findings:
                kept.append(finding)

        # Records are numbered in order, so counting needs no set: a record that could not be
        # parsed (a finding with a record number) counts too, and is counted invalid once.
        last_bad = 0
        missing_columns: set[str] = set()
        # For each code and field, the records whose findings were placed exactly. Every
        # finding of such a record is placed, so a report's first examples, and the findings
        # that share their place, are exactly where they would be with every finding placed.
        placing: dict[tuple[str, str], list[int]] | None = (
            {} if placed is not None and source.format != "csv" else None
        )
        check = self._check
        for item in source.items():
            if isinstance(item, Finding):
                unread = item.location.record
                if unread is not None:
                    records = max(records, unread)
                    if item.severity is Severity.ERROR and unread != last_bad:
                        invalid, last_bad = invalid + 1, unread
                        if part is not None:
                            part.bad.append(unread)
                keep(item)
                continue
            number = item.number
            if number > records:
                records = number
            if part is not None:
                part.where = (item.line or 0, item.offset)
            elif at is not None:
                at.where = (item.line or 0, item.offset)
            found = check(item.data, number, checks)
            if not found:
                continue
            bad = False
            for finding in found:
                # Past the cap a finding is only counted, so finding its line is wasted work
                # (a CSV's are still placed: a missing column is recognised by its place).
                full = max_findings is not None and len(kept) >= max_findings
                if full and source.format != "csv":
                    located = finding
                elif placing is not None and not _placing(
                    placing, finding, item.number, cast(int, placed)
                ):
                    # Finding the column means scanning the record's text: not for findings
                    # no report will show.
                    located = finding.with_location(
                        SourceLocation(source.name, item.number, line=item.line)
                    )
                else:
                    located = finding.with_location(locate_finding(source, item, finding.pointer))
                if _absent_column(located):
                    # A required column missing from the header is one mistake, not one per row.
                    bad = bad or wanted is None or wanted("source.missing-column")
                    header = str(located.location.header)
                    if header not in missing_columns:
                        missing_columns.add(header)
                        keep(_missing_column(source.name, header, located.field))
                    continue
                if located.severity is Severity.ERROR and (wanted is None or wanted(located.code)):
                    bad = True
                keep(located)
            if bad and item.number != last_bad:
                invalid, last_bad = invalid + 1, item.number
                if part is not None:
                    part.bad.append(item.number)
        return FileReport(
            source.name,
            source.format,
            records,
            invalid,
            tuple(kept),
            # In code order, so a file checked in parts (--jobs) lists them the same way.
            frozen(dict(sorted(counts.items()))),
            sum(counts.values()) - len(kept),
        )

    def check_paths(
        self,
        paths: Iterable[str],
        *,
        input_format: InputFormat | None = None,
        max_findings: int | None = None,
        stdin: Callable[[], bytes] | None = None,
        on_file: Callable[[str], None] | None = None,
        jobs: int = 1,
        placed: int | None = None,
        engine: Engine | None = None,
    ) -> Report:
        """Check files, directories, globs and '-' (standard input), each file on its own.

        With `jobs` above 1, worker processes check them (see `lgstandards.parallel`, which says
        when workers are used and why the report is the one a single process gives). An
        `engine` (a Dask cluster's, say: `lgstandards.distributed`) checks them instead.
        `placed` is as for `check_source`; workers and engines place every finding.
        """
        arguments = list(paths)
        expansion = expand_paths(a for a in arguments if a != "-")
        files: list[FileReport] = []
        for argument in expansion.missing:
            missing = display_path(argument)
            files.append(
                FileReport(
                    missing,
                    findings=(
                        Finding(
                            "source.not-found",
                            Severity.ERROR,
                            f"{missing} matches no file that lgstandards can check "
                            "(.json, .ndjson, .jsonl, .csv).",
                            location=SourceLocation(missing),
                        ),
                    ),
                    counts=frozen({"source.not-found": 1}),
                )
            )
        for problem in expansion.problems:
            files.append(
                FileReport(
                    problem.location.path or "",
                    findings=(problem,),
                    counts=frozen({problem.code: 1}),
                )
            )
        sources: list[Source] = []
        if "-" in arguments:
            data = (stdin or _read_stdin)()
            fmt = input_format or detect_format("-", data)
            sources.append(Source("<stdin>", fmt, data=data, tabular=self.tabular))
        for path in expansion.files:
            shown = display_path(path)
            if special_kind(path) == "a named pipe":
                # A pipe or process substitution (<(...)) can be read only once, and its size
                # says nothing: read it whole, then treat it like standard input. One with no
                # writer reads as nothing, at once, and is reported as a special file.
                piped: bytes | None
                try:
                    piped = read_pipe(path, ReadLimits.from_environment().max_decompressed)
                except OSError:
                    piped = b""
                if piped:
                    fmt = input_format or detect_format(str(path), piped)
                    sources.append(Source(shown, fmt, data=piped, tabular=self.tabular))
                    continue
            fmt = input_format or detect_format(str(path), _head(path))
            sources.append(Source(shown, fmt, path=path, tabular=self.tabular))
        if engine is not None:
            files.extend(engine(self, sources, max_findings, on_file))
            return self.report(files)
        if jobs > 1 and self.recipe is not None:
            from lgstandards import parallel

            if parallel.worth_workers(self, sources):
                files.extend(parallel.check_in_workers(self, sources, jobs, max_findings, on_file))
                return self.report(files)
        files.extend(self._check_each(sources, max_findings, on_file, placed))
        return self.report(files)

    def checked_in_worker(self, report: FileReport) -> None:
        """Take note of a file a worker process checked (a hook: progress displays count it)."""

    def _check_each(
        self,
        sources: Sequence[Source],
        max_findings: int | None,
        on_file: Callable[[str], None] | None,
        placed: int | None = None,
    ) -> Iterator[FileReport]:
        """Check sources one after another in this process."""
        for source in sources:
            if on_file:
                on_file(source.name)
            if placed is None:
                yield self.check_source(source, max_findings=max_findings)
            else:
                yield self.check_source(source, max_findings=max_findings, placed=placed)

    def report(self, files: Sequence[FileReport]) -> Report:
        """Wrap file reports into a run report naming this checker's standard and checks."""
        return Report(
            self.name,
            self.schema_id,
            tuple(files),
            checks=tuple(rule.code for rule in self.rules),
            notices=self.notices,
        )

    def iter_records(self, records: Iterable[Any]) -> Iterator[RecordResult]:
        """Validate records one at a time as they arrive, yielding a result for each."""
        checks = self._checks()
        for number, data in enumerate(records, 1):
            found = self._check(data, number, checks)
            wanted = self._wanted
            yield RecordResult(
                number,
                tuple(
                    f.with_location(SourceLocation(record=number))
                    for f in found
                    if wanted is None or wanted(f.code)
                ),
            )


def _deprecations(version: StandardVersion) -> list[Finding]:
    """Return the notice that a standard version is deprecated, if it is."""
    if version.status is not Status.DEPRECATED:
        return []
    from lgstandards.development.lifecycle import deprecation_message

    return [Finding("standard.deprecated", Severity.WARNING, deprecation_message(version))]


def _declares(schema: Mapping[str, Any]) -> bool:
    """Return whether a schema lets records say which schema they follow (`$schema`)."""
    properties = schema.get("properties")
    return isinstance(properties, Mapping) and "$schema" in properties


def _exact(layer: ExtensionVersion) -> str:
    """Return how a recipe names a layer: its exact ref, or its version folder's path."""
    return str(layer.folder) if layer.local else layer.ref


def locate_finding(source: Source, record: Record, pointer: str) -> SourceLocation:
    """Return where a pointer in a record is in its source, or the record alone if unknown."""
    try:
        return source.locate(record, pointer)
    except Exception:  # A location is a courtesy; never lose a finding over it.
        return SourceLocation(source.name, record.number)


def _placing(
    placing: dict[tuple[str, str], list[int]], finding: Finding, number: int, limit: int
) -> bool:
    """Return whether to place a finding exactly: it is in one of its group's first records."""
    records = placing.setdefault((finding.code, pointer_template(finding.pointer)), [])
    if records and records[-1] == number:
        return True
    if len(records) < limit:
        records.append(number)
        return True
    return False


def _absent_column(finding: Finding) -> bool:
    """Return whether a CSV finding is a required field whose column the header lacks."""
    where = finding.location
    return (
        finding.code == "schema.required"
        and where.row is not None
        and where.header is not None
        and where.column_letter is None
    )


def _missing_column(path: str, header: str, field: str | None) -> Finding:
    return Finding(
        "source.missing-column",
        Severity.ERROR,
        f"The header row has no '{header}' column, which this standard requires"
        + (f" ({field})" if field else "")
        + "; add it.",
        field=field,
        location=SourceLocation(path, row=1, header=header),
    )


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _head(path: Path) -> bytes:
    """Return the start of a file, to its first line break if that comes within 1 MiB."""
    if special_kind(path) is not None:
        return b""  # Never opened: reading a pipe or a terminal could wait for ever.
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
            # NDJSON is told by a whole first line, which may be longer than one read.
            while b"\n" not in head and len(head) < 2**20:
                more = handle.read(65536)
                if not more:
                    break
                head += more
            return head
    except OSError:
        return b""


def _read_stdin() -> bytes:
    return sys.stdin.buffer.read()


@functools.lru_cache(maxsize=32)
def _compiled(cat: Catalogue, ref: str) -> SchemaValidator:
    """Compile one version's schema once per process, with every schema in the registry."""
    version = cat.select(ref, allow_draft=True)
    codelists = {name: c.values for name, c in version.codelists_in_use.items()}
    # The catalogue's schemas are checked by `lint` and guarded by the lock: no check again.
    return SchemaValidator(version.schema, list(cat.schemas()), codelists=codelists, checked=True)


def _checker(selector: str, options: RuleOptions | None) -> Checker:
    return Checker.for_standard(selector, options=options)


def validate(data: Any, standard: str, *, options: RuleOptions | None = None) -> Report:
    """Validate a record (a dict), a list of records, or JSON text against a standard."""
    checker = _checker(standard, options)
    if isinstance(data, bytes | str):
        raw = data.encode("utf-8") if isinstance(data, str) else data
        source = Source("<data>", detect_format("<data>", raw), data=raw, tabular=checker.tabular)
        return checker.report([checker.check_source(source)])
    # A mapping is one record; any other iterable (list, tuple, generator) is a run of records.
    records = [data] if isinstance(data, Mapping) or not isinstance(data, Iterable) else list(data)
    findings: list[Finding] = []
    invalid = 0
    counts: Counter[str] = Counter()
    for result in checker.iter_records(records):
        findings.extend(result.findings)
        counts.update(f.code for f in result.findings)
        invalid += not result.valid
    file = FileReport("<data>", "python", len(records), invalid, tuple(findings), frozen(counts))
    return checker.report([file])


def validate_records(
    records: Iterable[Any], standard: str, *, options: RuleOptions | None = None
) -> Iterator[RecordResult]:
    """Validate records lazily from any iterable, yielding one result per record."""
    return _checker(standard, options).iter_records(records)


def validate_files(
    paths: Iterable[str | Path],
    standard: str | None = None,
    *,
    schema: str | Path | None = None,
    options: RuleOptions | None = None,
    max_findings: int | None = None,
) -> Report:
    """Validate files, directories and globs against a standard or a local schema file."""
    if (standard is None) == (schema is None):
        raise ValueError("give exactly one of standard= or schema=")
    checker = (
        Checker.for_standard(standard, options=options)
        if standard is not None
        else Checker.for_schema_file(Path(schema or ""), options=options)
    )
    return checker.check_paths([str(p) for p in paths], max_findings=max_findings)


def dumps_report(report: Report) -> str:
    """Return the JSON form of a report."""
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False, default=str)
