"""Running an API standard's conformance suite against a live server, into a Report."""

from __future__ import annotations

import dataclasses
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

import httpx

from lgstandards.apicheck.checks import ClientProfile, Outcome, Run, parse_json
from lgstandards.apicheck.client import (
    Limits,
    Redactor,
    SafeClient,
    build_http_client,
    url_secrets,
)
from lgstandards.apicheck.openapi import ApiDocument, api_document
from lgstandards.apicheck.suites import CLIENTS, PROBES, SUITES, Probe, Step
from lgstandards.errors import ConfigError, LgstandardsError, StandardNotFoundError
from lgstandards.findings import Finding, Severity, SourceLocation, frozen
from lgstandards.registry import Catalogue, StandardVersion, catalogue
from lgstandards.report import FileReport, Report

if TYPE_CHECKING:
    from lgstandards.development.extensions import EffectiveVersion, ExtensionVersion


@dataclass(frozen=True)
class ApiCheckOptions:
    """Everything a conformance run needs to know: what to check, where, and how gently."""

    standard: str
    base_url: str
    probes: Mapping[str, str] = field(default_factory=frozen)
    headers: Mapping[str, str] = field(default_factory=frozen)
    limits: Limits = field(default_factory=Limits)
    allow_writes: bool = False
    sandbox_url: str | None = None
    verify_tls: bool = True
    ca_bundle: str | None = None
    allow_draft: bool = False
    #: Extensions of the data standards the API returns: ids or folders.
    extensions: tuple[str, ...] = ()
    #: A profile of one of them: an id or a folder.
    profile: str | None = None
    #: A client whose needs to check as well, such as "fixmystreet" (see CLIENTS).
    client: str | None = None
    #: The options of the caller (such as "--postcode"): advice names an option only when it is
    #: here, and otherwise says what to do in words, so that verify --rerun and the web form
    #: never advise one of check-api's.
    accepts: frozenset[str] = frozenset()


def api_standards(cat: Catalogue) -> str:
    """Return the API standards lgstandards has a suite for, as a list people can read."""
    apis = [m for m in cat if m.kind == "api" and not m.external]
    return ", ".join(f"{m.id} ({m.title})" for m in apis) or "none"


def api_version(selector: str, cat: Catalogue, *, allow_draft: bool = False) -> StandardVersion:
    """Return the API standard version a selector names, refusing data and external standards."""
    name = selector.strip().partition("@")[0]
    manifests = {m.id: m for m in cat}
    if name and name not in manifests:
        raise StandardNotFoundError(
            f"there is no standard {name!r}; check-api needs an lgstandards API standard: "
            f"{api_standards(cat)}"
        )
    manifest = manifests.get(name)
    if manifest is not None and manifest.external:
        # The catalogue's own message suggests --schema, which only `validate` has.
        raise StandardNotFoundError(
            f"{manifest.id} is an external standard that lgstandards signposts but does not "
            "ship, so there is no conformance suite for it; check-api needs an lgstandards API "
            f"standard: {api_standards(cat)}"
        )
    version = cat.select(selector, allow_draft=allow_draft)
    if version.manifest.kind != "api" or version.openapi_path is None:
        raise StandardNotFoundError(
            f"{version.id} is a data standard; check its files with `lgstandards validate`. "
            f"check-api needs an lgstandards API standard: {api_standards(cat)}"
        )
    return version


def suite_key(version: StandardVersion) -> str:
    """Return the key of a version's suite in SUITES: `<id>@<major>`."""
    return f"{version.id}@{version.version.split('.')[0]}"


def probes_for(version: StandardVersion) -> tuple[Probe, ...]:
    """Return the probe values a version's suite takes."""
    return PROBES.get(suite_key(version), ())


def clients_for(version: StandardVersion) -> Mapping[str, ClientProfile]:
    """Return the clients a version's suite can check for, by name."""
    return CLIENTS.get(suite_key(version), {})


def check_api(
    options: ApiCheckOptions,
    *,
    http_client: httpx.Client | None = None,
    registry: Catalogue | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> Report:
    """Run the conformance suite of an API standard against a live server and report on it."""
    cat = registry or catalogue()
    version = api_version(options.standard, cat, allow_draft=options.allow_draft)
    suite = SUITES.get(suite_key(version))
    if suite is None:
        raise StandardNotFoundError(f"lgstandards has no conformance suite for {version.ref} yet")
    known = {p.name: p for p in probes_for(version)}
    unknown = sorted(set(options.probes) - set(known))
    if unknown:
        raise ConfigError(
            f"{version.id} takes no probe {', '.join(unknown)}; it takes: {', '.join(known)}"
        )
    needs = None
    if options.client is not None:
        offered = clients_for(version)
        needs = offered.get(options.client)
        if needs is None:
            raise ConfigError(
                f"check-api knows no client {options.client!r} of {version.id}; it knows: "
                f"{', '.join(offered) or 'none'}"
            )
    probes = {p.name: p.default for p in known.values() if p.default is not None}
    probes.update({k: v for k, v in options.probes.items() if v})
    effective = effective_bodies(version, cat, options)
    api = api_document(cat, version.ref, effective)
    owned = http_client is None
    http = http_client or build_http_client(verify=options.verify_tls, ca_bundle=options.ca_bundle)
    try:
        client = SafeClient(
            http, options.base_url, limits=options.limits, headers=options.headers,
            allow_writes=options.allow_writes, sandbox_url=options.sandbox_url,
            clock=clock, sleep=sleep,
        )
        run = Run(client, api, probes, writes=options.allow_writes, needs=needs,
                  accepts=options.accepts)
        outcomes = _run_suite(run, suite)
    except LgstandardsError as exc:
        # An error reaches stderr: it must hide the secrets a report would.
        hidden = Redactor([*options.headers.values(), *url_secrets(options.base_url)])
        text = hidden.text(str(exc))
        if text == str(exc):
            raise
        redacted = LgstandardsError(text)
        redacted.exit_code = exc.exit_code
        raise redacted from None
    finally:
        if owned:
            http.close()
    redactor = client.redactor.with_secrets(
        [v for k, v in options.probes.items() if k == "api_key" and v]
    )
    notices = [
        Finding(
            "api.summary", Severity.INFO,
            f"Sent {client.requests_sent} request{'' if client.requests_sent == 1 else 's'} to "
            f"{redactor.url(client.base_url)} "
            + (f"(writes only to {redactor.url(client.sandbox_url or '')}) "
               if options.allow_writes else "(GET only) ")
            + f"at most {options.limits.rate_limit:g} a second.",
        )
    ]
    nothing = nothing_there(run, redactor.url(client.base_url), suite)
    if nothing is not None:
        notices.insert(0, nothing)
    if needs is not None:
        notices.append(Finding("api.summary", Severity.INFO,
                               f"Checked for {needs.name} as a client: {needs.description}"))
    if not options.verify_tls:
        asked = run.suggest(" (--insecure)")
        notices.append(Finding("api.tls-unverified", Severity.WARNING,
                               f"TLS certificates were not verified{asked}; a conforming API "
                               "must also have a valid certificate."))
    files = _file_reports(outcomes, suite)
    report = Report(
        "+".join((version.ref, *(layer.ref for e in effective for layer in e.layers))),
        api.uri,
        files,
        checks=tuple(dict.fromkeys(o.code for o in outcomes if o.ran)),
        notices=tuple(notices),
        subject="api",
    )
    return redact_report(report, redactor)


def effective_bodies(version: StandardVersion, cat: Catalogue, options: ApiCheckOptions
                     ) -> tuple[EffectiveVersion, ...]:
    """Return the data standards an API returns with the asked-for extensions and profile applied.

    Each layer applies to the version of its base standard the API's OpenAPI document refers
    to; a layer whose base the API does not use is an error, not a silent pass.
    """
    if not options.extensions and options.profile is None:
        return ()
    from lgstandards.development.extensions import article, compose, extensions

    used = {}
    for uri in ApiDocument(version, cat).referenced():
        for candidate in cat.versions():
            if candidate.schema_uri == uri:
                used[candidate.id] = candidate
    found = extensions(cat)
    # An id without a version means the newest version that fits the base the API returns.
    bases = {standard: used_version.version for standard, used_version in used.items()}
    layers = [found.load(text, "extension", allow_draft=options.allow_draft, bases=bases)
              for text in options.extensions]
    if options.profile is not None:
        layers.append(found.load(options.profile, "profile", allow_draft=options.allow_draft,
                                 bases=bases))
    by_base: dict[str, list[ExtensionVersion]] = {}
    for layer in layers:
        if layer.manifest.base not in used:
            names = ", ".join(sorted(used)) or "no data standard"
            raise ConfigError(
                f"{layer.ref} is {article(layer.kind)} of {layer.manifest.base}, which "
                f"{version.ref} does not use (it uses {names})"
            )
        by_base.setdefault(layer.manifest.base, []).append(layer)
    return tuple(compose(used[base], group, cat) for base, group in by_base.items())


def nothing_there(run: Run, base_url: str, suite: tuple[Step, ...]) -> Finding | None:
    """Return the notice for a run where nothing answered like an API, or None.

    When every request answered 404, or a body that is not JSON (a web page, a CMS's "not
    found"), the base URL is almost certainly wrong: the checks that passed passed only because
    nothing was there, and the failures all say the same thing.
    """
    answered = [e for e in run.exchanges if e.failure is None]
    if not answered or any(e.status != 404 and parse_json(e.body) is not None for e in answered):
        return None
    first = answered[0]
    media = f" with {first.media_type}" if first.media_type else ""
    example = suite[0].operation.split(" ", 1)[-1].lstrip("/") if suite else ""
    return Finding(
        "api.wrong-base-url", Severity.ERROR,
        f"Nothing at {base_url} answered like an API: all {len(answered)} requests answered 404 "
        f"or a body that is not JSON (the first, {first.method} {first.target}, answered "
        f"{first.status}{media}). The base URL is probably wrong, so the findings below say "
        "little about the API itself.",
        advice=f"Check {run.suggest('--base-url', 'the base URL')}: it is the API's root, to "
               f"which the standard's paths are added, so {base_url}{example} should answer "
               "JSON. Look for the root in the council's or supplier's API documentation (for "
               "Open311 it usually ends in /open311/v2).",
    )


def _run_suite(run: Run, suite: tuple[Step, ...]) -> list[Outcome]:
    """Run each step in order, skipping writes without permission and all once down."""
    outcomes: list[Outcome] = []
    # An operation checked by several steps is skipped once for a reason that applies to all.
    skipped: set[tuple[str, str]] = set()
    for step in suite:
        reason = None
        if step.writes and not run.writes:
            reason = ("This operation was not checked: it writes, so it is checked only when "
                      f"{run.allow_writes('writes to a sandbox are allowed')}.")
        elif run.down is not None:
            reason = "This operation was not checked: the server had stopped answering."
        if reason is not None:
            if (step.operation, reason) not in skipped:
                skipped.add((step.operation, reason))
                outcomes.append(run.skip(step.operation, reason))
            continue
        try:
            outcomes.extend(step.check(run))
        except Exception as exc:
            from lgstandards.apicheck.client import UnsafeRequestError

            if isinstance(exc, UnsafeRequestError):
                raise  # A suite that tries an unsafe request is a bug that must never pass quietly.
            # A check that trips over an odd response must not lose the rest of the run.
            finding = Finding(
                "internal.check-failed", Severity.ERROR,
                f"The check of {step.operation} failed ({type(exc).__name__}: {exc}); please "
                "report it to the lgstandards maintainers.",
                location=SourceLocation(path=step.operation),
            )
            outcomes.append(Outcome(step.operation, "internal.check-failed", (finding,)))
    return outcomes


def _file_reports(outcomes: list[Outcome], suite: tuple[Step, ...]) -> tuple[FileReport, ...]:
    """Group outcomes into one file report per operation, in the suite's order."""
    order = list(dict.fromkeys([*(s.operation for s in suite), *(o.operation for o in outcomes)]))
    files = []
    for operation in order:
        mine = [o for o in outcomes if o.operation == operation]
        findings = tuple(f for o in mine for f in o.findings)
        # An operation's records are its checks: a check that ran several times (once per
        # request) counts once, and fails when any of its runs did.
        checks = tuple(dict.fromkeys(o.code for o in mine if o.ran))
        files.append(
            FileReport(
                operation,
                None,
                records=len(checks),
                invalid_records=len({o.code for o in mine if o.ran and o.failed}),
                findings=findings,
                counts=MappingProxyType(dict(Counter(f.code for f in findings))),
                checks=checks,
                skipped=sum(1 for o in mine if not o.ran),
            )
        )
    return tuple(files)


def redact_report(report: Report, redactor: Redactor) -> Report:
    """Return the report with every secret removed from every finding and path."""

    def clean(finding: Finding) -> Finding:
        """Return the finding with secrets removed from its text."""
        location = dataclasses.replace(
            finding.location,
            path=redactor.text(finding.location.path) if finding.location.path else None,
        )
        return dataclasses.replace(
            finding,
            message=redactor.text(finding.message),
            pointer=redactor.text(finding.pointer),
            field=redactor.text(finding.field) if finding.field else finding.field,
            value=redactor.value(finding.value),
            location=location,
        )

    files = tuple(
        dataclasses.replace(file, path=redactor.text(file.path),
                            findings=tuple(clean(f) for f in file.findings))
        for file in report.files
    )
    return dataclasses.replace(report, files=files,
                               notices=tuple(clean(f) for f in report.notices))
