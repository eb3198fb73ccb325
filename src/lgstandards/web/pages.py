"""The web validator's own pages, in the published site's plain GOV.UK-like style.

Pages are built from small functions that return HTML text; everything taken from a request or a
catalogue is escaped here. The stylesheet is the published site's, with a few rules for forms;
the only script is `upload.js` (a progress bar for large uploads), served from this origin, and
every page works without it.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from lgstandards import __version__
from lgstandards.apicheck.suites import Probe
from lgstandards.registry import Status
from lgstandards.site import PALETTE, stylesheet
from lgstandards.web.security import CSRF_FIELD
from lgstandards.web.settings import Settings, describe_size


def e(text: object) -> str:
    """Escape text for HTML, quotes included."""
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class Choice:
    """One version a visitor may choose: its exact reference and how it is shown."""

    value: str
    label: str


@dataclass(frozen=True)
class ChoiceGroup:
    """The versions of one standard, newest first."""

    label: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class ApiStandard:
    """An API standard the checker can run, with the probe values its form asks for."""

    id: str
    title: str
    choices: tuple[Choice, ...]
    probes: tuple[Probe, ...]


@dataclass
class FormErrors:
    """Problems with what was typed into a form, by field id, each a sentence."""

    by_field: dict[str, str] = field(default_factory=dict)

    def add(self, field_id: str, message: str) -> None:
        """Record a problem with one field (the first one found is kept)."""
        self.by_field.setdefault(field_id, message)

    def __bool__(self) -> bool:
        """Say whether there is any problem."""
        return bool(self.by_field)


#: Rules for forms, buttons, errors and the progress bar, on top of the published site's.
_FORM_CSS = f"""
.nav-links {{ list-style: none; margin: 10px 0 0; padding: 0; font-size: 1rem; }}
.nav-links li {{ display: inline-block; margin-right: 20px; }}
.site-header .nav-links a, .site-header .nav-links a:visited {{ color: {PALETTE["header-text"]}; }}
.site-header .nav-links a:focus {{ color: {PALETTE["text"]}; }}
.site-header .nav-links a[aria-current] {{ font-weight: 700; }}
.form-group {{ margin-bottom: 30px; }}
.form-group-error {{ border-left: 5px solid {PALETTE["warning"]}; padding-left: 15px; }}
label, legend {{ display: block; font-weight: 700; margin-bottom: 5px; }}
fieldset {{ border: 0; margin: 0 0 30px; padding: 0; }}
legend {{ font-size: 1.375rem; margin-bottom: 15px; }}
.hint {{ display: block; color: {PALETTE["secondary-text"]}; margin-bottom: 10px; }}
.error-message {{ display: block; color: {PALETTE["warning"]}; font-weight: 700;
  margin-bottom: 10px; }}
input[type=text], input[type=url], input[type=password], select {{ font: inherit;
  padding: 5px; border: 2px solid {PALETTE["text"]}; width: 100%; max-width: 40em; }}
input[type=file] {{ font: inherit; }}
input:focus, select:focus, button:focus {{ outline: 3px solid {PALETTE["focus"]};
  outline-offset: 0; box-shadow: inset 0 0 0 2px; }}
.checkbox label {{ display: inline; font-weight: 400; }}
.checkbox input {{ width: 1.3em; height: 1.3em; vertical-align: middle; margin-right: 8px; }}
.button {{ font: inherit; font-weight: 400; color: #ffffff; background: #00703c; border: 2px solid
  transparent; box-shadow: 0 2px 0 #002d18; padding: 8px 12px; cursor: pointer; }}
.button:hover {{ background: #005a30; }}
.button:focus {{ color: {PALETTE["text"]}; background: {PALETTE["focus"]}; }}
.button[disabled] {{ opacity: 0.5; cursor: not-allowed; }}
.error-summary {{ border: 5px solid {PALETTE["warning"]}; padding: 15px; margin-bottom: 30px; }}
.error-summary:focus {{ outline: 3px solid {PALETTE["focus"]}; }}
.error-summary h2 {{ margin-top: 0; }}
.error-summary ul {{ list-style: none; padding: 0; margin: 0; }}
.error-summary a, .error-summary a:visited {{ color: {PALETTE["warning"]}; font-weight: 700; }}
.error-summary a:focus {{ color: {PALETTE["text"]}; }}
.upload-progress progress {{ width: 100%; max-width: 40em; height: 1.5em; }}
.card-list {{ list-style: none; padding: 0; }}
.card-list li {{ border-top: 1px solid {PALETTE["border"]}; padding: 15px 0; }}
[hidden] {{ display: none !important; }}
/* Focus moves to main after an upload answer is shown: no yellow page ([tabindex]:focus outranks
   the site's main:focus). */
main[tabindex]:focus {{ background: transparent; box-shadow: none; outline: none; }}
"""


def site_css() -> str:
    """Return the pages' stylesheet: the published site's and the form rules."""
    return stylesheet() + _FORM_CSS


def layout(title: str, body: str, *, current: str = "", settings: Settings | None = None,
           scripts: Sequence[str] = ()) -> str:
    """Return a whole page: skip link, header with the service's links, main content, footer."""
    links = [("/", "Home"), ("/check", "Check a file")]
    if settings is None or settings.api_check:
        links.append(("/check-api", "Check an API"))
    links.append(("/standards/index.html", "Standards"))
    here = ' aria-current="page"'
    nav = "".join(
        f'<li><a href="{href}"{here if href == current else ""}>{e(label)}</a></li>'
        for href, label in links
    )
    script_tags = "".join(f'<script src="{e(src)}" defer></script>' for src in scripts)
    minutes = settings.report_minutes if settings else Settings.report_minutes
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)} \N{EN DASH} lgstandards validator</title>\n"
        '<link rel="stylesheet" href="/static/site.css">\n'
        f"{script_tags}</head>\n<body>\n"
        '<a class="skip-link" href="#main-content">Skip to main content</a>\n'
        '<header class="site-header"><div class="width-container">'
        '<a class="site-name" href="/">lgstandards validator</a>'
        '<span class="site-strap">Check council data and APIs against open standards</span>'
        f'<nav aria-label="Main"><ul class="nav-links">{nav}</ul></nav>'
        "</div></header>\n"
        '<div class="width-container">\n'
        f'<main id="main-content" tabindex="-1">\n{body}\n</main>\n</div>\n'
        '<footer class="site-footer"><div class="width-container">'
        "<p>Files you upload are checked and deleted straight away; they are never kept. "
        f"Reports are kept in this server's memory for {minutes:g} minutes, for your browser "
        f"only, so you can download them. lgstandards {e(__version__)}.</p>"
        "</div></footer>\n</body>\n</html>\n"
    )


def _error_summary(errors: FormErrors) -> str:
    """Return the box listing a form's problems, each linking to its field."""
    if not errors:
        return ""
    items = "".join(f'<li><a href="#{e(fid)}">{e(message)}</a></li>'
                    for fid, message in errors.by_field.items())
    return ('<div class="error-summary" role="alert" tabindex="-1" id="error-summary">'
            '<h2 class="heading-m">There is a problem</h2>'
            f"<ul>{items}</ul></div>")


def _group(field_id: str, label: str, control: str, errors: FormErrors, hint: str = "") -> str:
    """Return a labelled form group with its hint and error message."""
    error = errors.by_field.get(field_id)
    hint_html = f'<span class="hint" id="{field_id}-hint">{hint}</span>' if hint else ""
    error_html = (f'<span class="error-message" id="{field_id}-error">'
                  f'<span class="secondary">Error:</span> {e(error)}</span>') if error else ""
    css = "form-group form-group-error" if error else "form-group"
    return (f'<div class="{css}"><label for="{field_id}">{e(label)}</label>'
            f"{hint_html}{error_html}{control}</div>")


def _described_by(field_id: str, errors: FormErrors, hint: bool = True) -> str:
    """Return the aria-describedby attribute tying a control to its hint and error."""
    ids = [f"{field_id}-hint"] if hint else []
    if field_id in errors.by_field:
        ids.append(f"{field_id}-error")
    return f' aria-describedby="{" ".join(ids)}"' if ids else ""


def _select(field_id: str, groups: Iterable[ChoiceGroup], chosen: str, errors: FormErrors,
            *, prompt: str) -> str:
    """Return a select of versions grouped by standard."""
    options = [f'<option value="">{e(prompt)}</option>']
    for group in groups:
        options.append(f'<optgroup label="{e(group.label)}">')
        options.extend(
            f'<option value="{e(c.value)}"{" selected" if c.value == chosen else ""}>'
            f"{e(c.label)}</option>"
            for c in group.choices
        )
        options.append("</optgroup>")
    return (f'<select id="{field_id}" name="{field_id}"{_described_by(field_id, errors)}>'
            f'{"".join(options)}</select>')


def home_page(settings: Settings) -> str:
    """Return the home page: what the service does, and its three journeys."""
    api = (
        '<li><h2 class="heading-m"><a href="/check-api">Check an API</a></h2>'
        "<p>Run an API standard's conformance checks against a council's or supplier's API on "
        "the internet, and read what conforms and what does not.</p></li>"
        if settings.api_check else ""
    )
    body = (
        '<h1 class="heading-xl">Check council data against open standards</h1>'
        '<p class="lead">Upload a file of council data, such as bin collection schedules or a '
        "planning register, and see exactly where it does not meet its standard and how to fix "
        "it. No software to install.</p>"
        '<ul class="card-list">'
        '<li><h2 class="heading-m"><a href="/check">Check a file</a></h2>'
        "<p>JSON, NDJSON or CSV, gzip-compressed or not, up to "
        f"{e(describe_size(settings.max_upload_bytes))}. You get a report to read, print or "
        "download as JSON, SARIF or Markdown.</p></li>"
        f"{api}"
        '<li><h2 class="heading-m"><a href="/standards/index.html">Read the standards</a></h2>'
        "<p>Every standard and version: fields, codelists, examples and changes.</p></li>"
        "</ul>"
        '<h2 class="heading-l">For software</h2>'
        '<p>Other systems can use the same checks: see the <a href="/openapi.json">OpenAPI '
        "document</a> of this service's JSON API (<code>POST /api/validate</code>).</p>"
    )
    return layout("Check council data", body, current="/", settings=settings)


def check_page(settings: Settings, token: str, groups: Sequence[ChoiceGroup], *,
               chosen: str = "", mask: bool = False, errors: FormErrors | None = None) -> str:
    """Return the upload form: the standard, the file, and whether to hide values."""
    errors = errors or FormErrors()
    limit = describe_size(settings.max_upload_bytes)
    unpacked = describe_size(settings.max_unpacked_bytes)
    body = (
        _error_summary(errors)
        + '<h1 class="heading-xl">Check a file</h1>'
        "<p>Choose the standard your data should meet, then upload the file. The file is "
        "checked and deleted straight away: it is never kept.</p>"
        f'<form id="check-form" method="post" action="/check" enctype="multipart/form-data" '
        f'novalidate data-max-bytes="{settings.max_upload_bytes}" data-limit="{e(limit)}">'
        # The token comes first: the server refuses a file part that arrives before it.
        f'<input type="hidden" name="{CSRF_FIELD}" value="{e(token)}">'
        + _group("standard", "Standard and version",
                 _select("standard", groups, chosen, errors, prompt="Choose a standard"),
                 errors, "The newest version of each standard is listed first. \"From the data\" "
                 "checks the file against what its first record's $schema names.")
        + _group("file", "Data file",
                 f'<input type="file" id="file" name="file" '
                 f'accept=".json,.geojson,.ndjson,.jsonl,.csv,.gz"'
                 f"{_described_by('file', errors)}>",
                 errors,
                 f"JSON, NDJSON or CSV, up to {e(limit)}; a gzip-compressed file (.gz) may hold "
                 f"up to {e(unpacked)} of data. Larger files: use the lgstandards command.")
        + '<div class="form-group checkbox">'
        f'<input type="checkbox" id="mask" name="mask" value="on"{" checked" if mask else ""}>'
        '<label for="mask">Hide the data\'s values in the report (for personal data)</label>'
        "</div>"
        '<div class="upload-progress" id="upload-progress-group" hidden>'
        '<p id="upload-status" role="status" aria-live="polite"></p>'
        '<progress id="upload-progress" max="100" aria-labelledby="upload-status"></progress>'
        "</div>"
        '<button type="submit" class="button" id="check-button">Check the file</button>'
        "</form>"
    )
    return layout("Check a file", body, current="/check", settings=settings,
                  scripts=("/static/upload.js",))


def check_api_page(settings: Settings, token: str, apis: Sequence[ApiStandard], *,
                   values: Mapping[str, str] | None = None,
                   errors: FormErrors | None = None) -> str:
    """Return the API check form: the standard, the base URL, probe values and a key header."""
    errors = errors or FormErrors()
    values = values or {}
    groups = [ChoiceGroup(a.title, a.choices) for a in apis]
    probes = []
    for api in apis:
        if not api.probes:
            continue
        rows = []
        for probe in api.probes:
            fid = probe_field(api.id, probe.name)
            default = f" Default: {e(probe.default)}." if probe.default else ""
            rows.append(_group(
                fid, probe.name.replace("_", " ").capitalize(),
                f'<input type="text" id="{fid}" name="{fid}" value="{e(values.get(fid, ""))}"'
                f' autocomplete="off" spellcheck="false"{_described_by(fid, errors)}>',
                errors, e(probe.description) + default,
            ))
        probes.append(f"<fieldset><legend>Probe values for the {e(api.title)}</legend>"
                      f"{''.join(rows)}</fieldset>")
    body = (
        _error_summary(errors)
        + '<h1 class="heading-xl">Check an API</h1>'
        "<p>Runs the standard's conformance checks against an API on the internet: read-only "
        f"(GET requests only), at most {settings.api_rate_limit:g} requests a second, and never "
        "to private or local addresses. Give probe values the API knows, such as a postcode it "
        "has addresses for; checks that need a value you leave out are listed as not run.</p>"
        '<form id="check-api-form" method="post" action="/check-api" '
        'enctype="multipart/form-data" novalidate>'
        f'<input type="hidden" name="{CSRF_FIELD}" value="{e(token)}">'
        + _group("standard", "API standard",
                 _select("standard", groups, values.get("standard", ""), errors,
                         prompt="Choose an API standard"),
                 errors, "The API's version of the standard.")
        + _group("base_url", "Base URL",
                 f'<input type="url" id="base_url" name="base_url" spellcheck="false" '
                 f'autocomplete="off" value="{e(values.get("base_url", ""))}"'
                 f"{_described_by('base_url', errors)}>",
                 errors, "The address the standard's paths are relative to, such as "
                 "<code>https://waste.example.gov.uk/api/v1</code>. Put API keys in the header "
                 "fields below, not in the address.")
        + "".join(probes)
        + "<fieldset><legend>An API key, if the API needs one</legend>"
        + _group("header_name", "Header name",
                 f'<input type="text" id="header_name" name="header_name" spellcheck="false" '
                 f'autocomplete="off" value="{e(values.get("header_name", ""))}"'
                 f"{_described_by('header_name', errors)}>",
                 errors, "Such as <code>X-Api-Key</code>.")
        + _group("header_value", "Header value",
                 # Never filled in again: the secret is sent with the checks and then forgotten.
                 '<input type="password" id="header_value" name="header_value" '
                 f'autocomplete="off"{_described_by("header_value", errors)}>',
                 errors, "Sent with every request of the check; never stored, logged or shown "
                 "in the report.")
        + "</fieldset>"
        '<button type="submit" class="button">Check the API</button></form>'
    )
    return layout("Check an API", body, current="/check-api", settings=settings)


def probe_field(standard_id: str, probe: str) -> str:
    """Return the form field id of one standard's probe."""
    return f"probe-{standard_id}-{probe}".replace("_", "-")


def message_page(settings: Settings, title: str, message: str, *, back: str = "/",
                 back_label: str = "Go to the start") -> str:
    """Return a page that says one thing, such as why a request was refused."""
    body = (f'<h1 class="heading-xl">{e(title)}</h1>'
            f'<p class="lead" id="message">{e(message)}</p>'
            f'<p><a href="{e(back)}">{e(back_label)}</a></p>')
    return layout(title, body, settings=settings)


def report_bar(base: str, *, again: str, again_label: str) -> str:
    """Return the links put above a report: its downloads and the way back."""
    downloads = " · ".join(
        f'<a href="{e(base)}/{name}" download>{e(label)}</a>'
        for name, label in (("report.html", "HTML"), ("report.json", "JSON"),
                            ("report.sarif", "SARIF"), ("report.md", "Markdown"),
                            ("report.xml", "JUnit XML"))
    )
    return (f'<nav aria-label="Report" class="muted"><p><a href="{e(again)}">{e(again_label)}'
            f"</a> · Download this report: {downloads}</p></nav>")


def version_label(version: str, status: Status, newest: bool) -> str:
    """Return how one version is shown in a choice list."""
    notes = []
    if newest:
        notes.append("newest")
    if status is not Status.PUBLISHED:
        notes.append(status.value)
    return f"{version}" + (f" ({', '.join(notes)})" if notes else "")
