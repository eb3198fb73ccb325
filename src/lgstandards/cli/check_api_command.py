"""`lgstandards check-api`: run an API standard's conformance suite against a live server."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lgstandards.cli.common import (
    FAIL_ON,
    FORMATS,
    accepted_options,
    exit_code,
    refuse_unknown_selectors,
    report_options,
    show_report,
    split,
)
from lgstandards.errors import ConfigError

if TYPE_CHECKING:
    from lgstandards.apicheck.suites import Probe
    from lgstandards.development.statements import ApiLevel

#: The fail-on threshold each level holds an API to.
_LEVELS = {"core": "error", "extended": "warning"}

def _probe_pairs(values: tuple[str, ...]) -> dict[str, str]:
    """Read --probe NAME=VALUE options into a mapping."""
    pairs: dict[str, str] = {}
    for text in values:
        name, equals, value = text.partition("=")
        if not equals or not name.strip():
            raise ConfigError(f"--probe takes NAME=VALUE, such as reference=MC-2026-004512 "
                              f"(got {text!r})")
        pairs[name.strip()] = value.strip()
    return pairs


@click.command("check-api")
@click.option("--standard", "-s", metavar="ID[@VERSION]",
              help="The API standard, such as waste-collections-api@1 or street-reports-api.")
@click.option("--base-url", metavar="URL",
              help="The API's base URL; the standard's paths are relative to it.")
@click.option("--uprn", metavar="UPRN", help="A UPRN the server knows (waste-collections-api).")
@click.option("--postcode", metavar="POSTCODE",
              help="A postcode the server has addresses for, ideally several "
                   "(waste-collections-api).")
@click.option("--probe", "probes", multiple=True, metavar="NAME=VALUE",
              help="Another probe value, such as reference=MC-2026-004512; --list-probes shows "
                   "each standard's.")
@click.option("--client", metavar="NAME",
              help="Also check what one client needs, such as fixmystreet (street-reports-api): "
                   "its extended checks become core.")
@click.option("--config", "config_file", type=click.Path(path_type=Path), metavar="FILE",
              help="Read settings, probes and headers from a TOML (or JSON) file; options win.")
@click.option("--header", "-H", "headers", multiple=True, metavar="'NAME: VALUE'",
              help="Send this header with every request, such as an API key. Its value never "
                   "appears in any report.")
@click.option("--allow-writes", is_flag=True, default=None,
              help="Also check operations that write (POST), sending them only to --sandbox.")
@click.option("--sandbox", metavar="URL",
              help="The base URL of a sandbox that may be written to; needed by --allow-writes.")
@click.option("--rate-limit", metavar="N/s",
              help="The most requests a second (or '/min').  [default: 5/s]")
@click.option("--timeout", type=click.FloatRange(min=0.001), default=None, metavar="SECONDS",
              help="The longest wait for a whole response.  [default: 10]")
@click.option("--connect-timeout", type=click.FloatRange(min=0.001), default=None,
              metavar="SECONDS", help="The longest wait to connect.  [default: 5]")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None, metavar="N",
              help="The largest response body to read; larger ones fail api.too-large.  "
                   "[default: 5000000]")
@click.option("--insecure", is_flag=True, default=None,
              help="Do not verify TLS certificates (reported as a warning).")
@click.option("--ca-bundle", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help="Trust this CA certificate bundle, for a council's private CA.")
@report_options
@click.option("--examples", type=click.IntRange(min=0), default=3, show_default=True,
              help="Places shown per group of findings in the text report.")
@click.option("--select", multiple=True, metavar="CODE",
              help="Report only these checks or categories (api.status, api); repeat or "
                   "separate with commas.")
@click.option("--ignore", multiple=True, metavar="CODE",
              help="Leave out these checks, such as api.cors; repeat or separate with commas.")
@click.option("--mask/--no-mask", default=None,
              help="Hide the values the API answered with in every format.")
@click.option("--list-probes", is_flag=True,
              help="List the standard's probe values and their defaults, then exit.")
@click.option("--draft", is_flag=True, help="Allow a draft or candidate version of the standard.")
@click.option("--extension", "extensions", multiple=True, metavar="ID|PATH",
              help="Check response bodies against a data standard with this extension applied "
                   "(an id or its folder); repeat for several.")
@click.option("--profile", metavar="ID|PATH",
              help="Check response bodies against a data standard narrowed by this profile.")
@click.option("--level", type=click.Choice(["core", "extended"]), default=None,
              help="The level the API must pass: core (core checks; the same as --fail-on "
                   "error) or extended (every check; as --fail-on warning).  [default: core]")
@click.option("--statement", "statement_path", type=click.Path(path_type=Path, dir_okay=False),
              metavar="FILE",
              help="Also write a conformance statement to FILE: the standard files' hashes, the "
                   "base URL and time, the checks and each level's result, for "
                   "`lgstandards verify`. Headers and probe values are never written.")
def check_api(
    standard: str | None,
    base_url: str | None,
    uprn: str | None,
    postcode: str | None,
    probes: tuple[str, ...],
    client: str | None,
    config_file: Path | None,
    headers: tuple[str, ...],
    allow_writes: bool | None,
    sandbox: str | None,
    rate_limit: str | None,
    timeout: float | None,
    connect_timeout: float | None,
    max_bytes: int | None,
    insecure: bool | None,
    ca_bundle: Path | None,
    fmt: str | None,
    output: Path | None,
    fail_on: str | None,
    examples: int,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    mask: bool | None,
    list_probes: bool,
    draft: bool,
    extensions: tuple[str, ...],
    profile: str | None,
    level: str | None,
    statement_path: Path | None,
) -> int:
    """Check a live API against an API standard's conformance suite.

    GET requests only, unless --allow-writes sends the suite's writes to --sandbox. Level 1
    (core) failures are errors; extended checks are warnings. Exit 0 conforms, 1 does not, 2 the
    check could not run.
    """
    from lgstandards.apicheck.client import Limits, parse_header
    from lgstandards.apicheck.config import ApiCheckConfig, load_config, parse_rate
    from lgstandards.apicheck.runner import ApiCheckOptions, api_version, check_api, probes_for
    from lgstandards.registry import catalogue
    from lgstandards.reporters import ReportOptions

    config = load_config(config_file) if config_file is not None else ApiCheckConfig()
    chosen_select = split(select) or config.select
    chosen_ignore = split(ignore) or config.ignore
    refuse_unknown_selectors((*chosen_select, *chosen_ignore))
    chosen = standard or config.standard
    if chosen is None:
        raise ConfigError("give --standard ID[@VERSION], such as waste-collections-api@1")
    version = api_version(chosen, catalogue(), allow_draft=draft)
    if list_probes:
        _print_probes(version.ref, probes_for(version))
        return 0
    url = base_url or config.base_url
    if url is None:
        raise ConfigError("give --base-url URL, the API's base URL")
    writes = bool(allow_writes if allow_writes is not None else config.allow_writes)
    sandbox_url = sandbox or config.sandbox
    if writes and not sandbox_url:
        raise ConfigError("--allow-writes needs --sandbox URL: writes go only to a sandbox")
    if sandbox_url and not writes:
        raise ConfigError("--sandbox is only used with --allow-writes")
    given = {**config.probes, **_probe_pairs(probes)}
    if uprn is not None:
        given["uprn"] = uprn
    if postcode is not None:
        given["postcode"] = postcode
    sent = dict(config.headers)
    for text in headers:
        name, value = parse_header(text)
        sent[name] = value
    defaults = Limits()
    try:
        limits = Limits(
            rate_limit=parse_rate(rate_limit) if rate_limit is not None
            else config.rate_limit or defaults.rate_limit,
            connect_timeout=connect_timeout or config.connect_timeout or defaults.connect_timeout,
            timeout=timeout or config.timeout or defaults.timeout,
            max_bytes=max_bytes or config.max_bytes or defaults.max_bytes,
        )
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    verify = not (insecure if insecure is not None else bool(config.insecure))
    bundle = str(ca_bundle) if ca_bundle is not None else config.ca_bundle
    options = ApiCheckOptions(
        standard=version.ref,
        base_url=url,
        probes=given,
        headers=sent,
        limits=limits,
        allow_writes=writes,
        sandbox_url=sandbox_url,
        verify_tls=verify,
        ca_bundle=bundle,
        allow_draft=draft,
        extensions=extensions or config.extensions,
        profile=profile or config.profile,
        client=client or config.client,
        accepts=accepted_options(),
    )
    # Settings are checked before any request is sent, so a typo costs no traffic.
    the_format = fmt or config.format or "text"
    if the_format not in FORMATS:
        raise ConfigError(f"format {the_format!r} is not one of {', '.join(FORMATS)}")
    if level is not None and fail_on is not None:
        raise ConfigError("give --level or --fail-on, not both: --level core is --fail-on error, "
                          "--level extended is --fail-on warning")
    the_fail_on = fail_on or (_LEVELS[level] if level else None) or config.fail_on or "error"
    if the_fail_on not in FAIL_ON:
        raise ConfigError(f"fail-on {the_fail_on!r} is not one of {', '.join(FAIL_ON)}")
    hide = mask if mask is not None else bool(config.mask)
    started = datetime.now(UTC)
    report = check_api(options).filtered(chosen_select, chosen_ignore)
    if statement_path is not None:
        from lgstandards.development.statements import api_statement, write_statement

        extended = level == "extended" or (level is None and the_fail_on == "warning")
        held_to: ApiLevel = "extended" if extended else "core"
        write_statement(api_statement(
            catalogue(), options, report, level=held_to,
            fail_on=the_fail_on, select=chosen_select, ignore=chosen_ignore,
            started=started, finished=datetime.now(UTC),
        ), statement_path)
    if hide:
        report = report.masked()
    show_report(report, the_format, output,
                ReportOptions(examples=examples, fail_on=the_fail_on, mask=hide))
    return exit_code(report, the_fail_on)


def _print_probes(ref: str, probes: tuple[Probe, ...]) -> None:
    """Print a standard's probe values with their descriptions and defaults."""
    click.echo(f"Probe values for {ref} (give them with --probe NAME=VALUE or in [probes]):")
    for probe in probes:
        default = f" [default: {probe.default}]" if probe.default else ""
        click.echo(f"  {probe.name:<30} {probe.description}{default}")
