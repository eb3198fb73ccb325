"""The HTML report: one self-contained page a data officer can open, print or email.

Everything is inline (styles, a little script, SVG charts drawn here), so the page needs no
network and shows its charts even with scripts off. Excerpts of the offending records or rows
come from an injected function (`read_excerpts` reads them from the files checked), so the
reporter itself does no I/O.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import escape as html_escape
from pathlib import Path

from lgstandards import __version__
from lgstandards.codes import describe
from lgstandards.findings import Finding, Severity, SourceLocation
from lgstandards.report import MASK, FindingGroup, Report
from lgstandards.reporters.text import (
    DATA_WORDS,
    Place,
    Words,
    finding_groups,
    group_advice,
    group_scope,
    group_title,
    header_pointer,
    plural,
    records_line,
    share,
    target,
    verdict,
    words,
    working_well,
)
from lgstandards.reporters.text import (
    places as place_lines,
)
from lgstandards.sources import column_letter


def escape(text: str) -> str:
    """Escape text for HTML, its line breaks as references so no data starts a line of the file."""
    # A browser shows &#10; as the line break itself; a CI log printing the file sees one line.
    return html_escape(text).replace("\r", "&#13;").replace("\n", "&#10;")


#: How many bars a chart shows before summing the rest into one.
CHART_BARS = 12
_WIDTH = 160
_CONTEXT = 2
#: Columns shown either side of the marked cell of a CSV row.
_CELLS = 3
_CELL = 80


@dataclass(frozen=True, slots=True)
class Excerpt:
    """The text around a finding: lines of a JSON file, or the header and cells of a CSV row."""

    first_line: int = 1
    lines: tuple[str, ...] = ()
    mark_line: int | None = None
    header: tuple[str, ...] = ()
    cells: tuple[str, ...] = ()
    mark_cell: int | None = None
    #: The 0-based column of the first cell shown: wide rows show the columns around the mark.
    first_cell: int = 0
    #: How many columns the row has in all.
    width: int = 0


Excerpts = Callable[[Sequence[SourceLocation]], Mapping[SourceLocation, Excerpt]]


# -- reading excerpts --------------------------------------------------------------------------

_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"(\s*:)?')
_JSON_NUMBER = re.compile(r"(?<![\w.\"])-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w\"])")


def mask_json_text(text: str) -> str:
    """Hide the values in a line of JSON, keeping its keys and punctuation."""

    def string(match: re.Match[str]) -> str:
        return match.group(0) if match.group(1) else f'"{MASK}"'

    hidden = _JSON_STRING.sub(string, text)
    # Numbers are hidden outside the (now masked) strings only; keys hold no digits of data.
    parts = re.split(r'("(?:[^"\\]|\\.)*")', hidden)
    return "".join(p if i % 2 else _JSON_NUMBER.sub(MASK, p) for i, p in enumerate(parts))


def _clip(line: str, column: int | None) -> str:
    """Shorten a long line to a window around the column of interest."""
    if len(line) <= _WIDTH:
        return line
    start = max(0, (column or 1) - 1 - _WIDTH // 2)
    end = start + _WIDTH
    return ("…" if start else "") + line[start:end] + ("…" if end < len(line) else "")


def read_excerpts(locations: Sequence[SourceLocation], *, mask: bool = False
                  ) -> dict[SourceLocation, Excerpt]:
    """Read the lines (JSON, NDJSON) or rows (CSV) that locations point at, each file once."""
    by_path: dict[str, list[SourceLocation]] = {}
    for where in locations:
        if where.path and (where.line is not None or where.row is not None):
            by_path.setdefault(where.path, []).append(where)
    found: dict[SourceLocation, Excerpt] = {}
    for path, places in by_path.items():
        try:
            if any(p.row is not None for p in places):
                found.update(_csv_excerpts(Path(path), places, mask))
            else:
                found.update(_line_excerpts(Path(path), places, mask))
        except (OSError, UnicodeError, csv.Error):
            continue  # An excerpt is a courtesy: a file that moved or changed just has none.
    return found


def _line_excerpts(path: Path, places: list[SourceLocation], mask: bool
                   ) -> dict[SourceLocation, Excerpt]:
    wanted = {p.line for p in places if p.line is not None}
    needed = {n for line in wanted for n in range(line - _CONTEXT, line + _CONTEXT + 1)}
    last = max(needed)
    kept: dict[int, str] = {}
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            if number in needed:
                kept[number] = raw.decode("utf-8", "replace").rstrip("\r\n").removeprefix("\ufeff")
            if number >= last:
                break
    out: dict[SourceLocation, Excerpt] = {}
    for where in places:
        if where.line is None or where.line not in kept:
            continue
        numbers = [n for n in range(where.line - _CONTEXT, where.line + _CONTEXT + 1) if n in kept]
        text = [_clip(kept[n], where.column if n == where.line else None) for n in numbers]
        if mask:
            text = [mask_json_text(t) for t in text]
        out[where] = Excerpt(first_line=numbers[0], lines=tuple(text), mark_line=where.line)
    return out


def _csv_excerpts(path: Path, places: list[SourceLocation], mask: bool
                  ) -> dict[SourceLocation, Excerpt]:
    wanted = {p.row for p in places if p.row is not None}
    last = max(wanted)
    rows: dict[int, list[str]] = {}
    with path.open("rb") as raw, io.TextIOWrapper(
        raw, encoding="utf-8-sig", errors="replace", newline=""
    ) as stream:
        reader = csv.reader(stream)
        header = [h.strip() for h in next(reader, [])]
        row = 1
        # Rows are numbered as lgstandards numbers them: the header is row 1, blank rows skipped.
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            row += 1
            if row in wanted:
                rows[row] = cells
            if row >= last:
                break
    out: dict[SourceLocation, Excerpt] = {}
    for where in places:
        if where.row == 1:
            cells = list(header)
        elif where.row in rows:
            cells = rows[where.row]
            if mask:
                cells = [MASK if c.strip() else c for c in cells]
        else:
            continue
        mark = _cell_index(where, header)
        width = max(len(header), len(cells))
        start = 0 if mark is None else max(0, min(mark - _CELLS, width - 2 * _CELLS - 1))
        end = start + 2 * _CELLS + 1
        out[where] = Excerpt(
            header=tuple(header[start:end]),
            cells=tuple(c if len(c) <= _CELL else c[: _CELL - 1] + "…" for c in cells[start:end]),
            mark_cell=None if mark is None else mark - start,
            first_cell=start,
            width=width,
        )
    return out


def _cell_index(where: SourceLocation, header: list[str]) -> int | None:
    """Return the 0-based index of the finding's cell: its column letter, else its header."""
    if where.column_letter and where.column_letter.isascii() and where.column_letter.isalpha():
        index = 0
        for letter in where.column_letter.upper():
            index = index * 26 + ord(letter) - 64
        return index - 1
    if where.header is None:
        return None
    # The standard's field name, matched as the tabular reader matches headers: ignoring case.
    folded = [h.casefold() for h in header]
    wanted = where.header.casefold()
    return header.index(where.header) if where.header in header else (
        folded.index(wanted) if wanted in folded else None)


# -- charts --------------------------------------------------------------------------------------

_COLOUR = {Severity.ERROR: "#b3261e", Severity.WARNING: "#b25e00", Severity.INFO: "#2459a6"}


def bar_chart(title: str, bars: Sequence[tuple[str, int, Severity]], chart_id: str) -> str:
    """Return an inline SVG horizontal bar chart of labelled counts."""
    shown = list(bars[:CHART_BARS])
    rest = bars[CHART_BARS:]
    if rest:
        worst = max((b[2] for b in rest), key=lambda s: s.rank)
        shown.append((f"{len(rest)} more", sum(b[1] for b in rest), worst))
    row, label_width, bar_width = 26, 220, 300
    height = row * len(shown) + 8
    top = max((count for _, count, _ in shown), default=1) or 1
    parts = [
        f'<svg class="chart" id="{chart_id}" role="img" aria-labelledby="{chart_id}-title" '
        f'viewBox="0 0 {label_width + bar_width + 90} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]
    for index, (label, count, severity) in enumerate(shown):
        y = 4 + index * row
        width = max(2.0, bar_width * count / top)
        short = label if len(label) <= 32 else label[:31] + "…"
        parts.append(
            f'<g class="bar" data-severity="{severity.value}">'
            f"<title>{escape(label)}: {count:,}</title>"
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end">{escape(short)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{width:.1f}" height="{row - 8}" '
            f'fill="{_COLOUR[severity]}" rx="2"></rect>'
            f'<text x="{label_width + width + 6:.1f}" y="{y + 17}">{count:,}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _by_code(report: Report) -> list[tuple[str, int, Severity]]:
    totals: Counter[str] = Counter()
    severity: dict[str, Severity] = {}
    for group in finding_groups(report):
        totals[group.code] += group.total or group.count
        severity[group.code] = group.severity
    return sorted(((c, n, severity[c]) for c, n in totals.items()),
                  key=lambda b: (-b[2].rank, -b[1], b[0]))


def _by_field(report: Report) -> list[tuple[str, int, Severity]]:
    totals: Counter[str] = Counter()
    severity: dict[str, Severity] = {}
    whole = "(whole response)" if report.subject == "api" else "(whole record or file)"
    for group in finding_groups(report):
        if not group.examples:
            continue
        label = group.field or group.pointer or whole
        totals[label] += group.total or group.count
        if label not in severity or group.severity.rank > severity[label].rank:
            severity[label] = group.severity
    return sorted(((f, n, severity[f]) for f, n in totals.items()),
                  key=lambda b: (-b[1], b[0]))


# -- the page ------------------------------------------------------------------------------------

_STYLE = """
:root{--err:#b3261e;--warn:#b25e00;--info:#2459a6;--ok:#1e6b34;--line:#d9dce1;--soft:#f4f5f7}
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1e23;
margin:0 auto;max-width:1100px;padding:24px}
h1{font-size:1.7rem;margin:0 0 4px}h2{font-size:1.3rem;margin:32px 0 8px;border-bottom:1px solid
var(--line);padding-bottom:4px}
.verdict{font-weight:600;font-size:1.15rem;padding:10px 14px;border-radius:6px;margin:12px 0}
.verdict.ok{background:#e6f4ea;color:var(--ok)}.verdict.fail{background:#fce8e6;color:var(--err)}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
.card{background:var(--soft);border-radius:6px;padding:10px 14px;min-width:130px}
.card b{display:block;font-size:1.4rem}
.charts{display:grid;grid-template-columns:1fr;gap:16px}
@media (min-width:900px){.charts{grid-template-columns:1fr 1fr}}
figure{margin:0}figcaption{font-weight:600;margin-bottom:4px}
svg.chart{max-width:620px}svg.chart text{font:13px system-ui,sans-serif;fill:#1b1e23}
.controls{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin:8px 0 12px}
.controls input[type=search]{padding:6px 8px;min-width:260px;border:1px solid #8a9099;
border-radius:4px}
details.group{border:1px solid var(--line);border-left:6px solid var(--line);border-radius:6px;
margin:10px 0;padding:8px 12px}
details.group[data-severity=error]{border-left-color:var(--err)}
details.group[data-severity=warning]{border-left-color:var(--warn)}
details.group[data-severity=info]{border-left-color:var(--info)}
summary{cursor:pointer;font-weight:600}
.sev{display:inline-block;border-radius:4px;padding:0 6px;color:#fff;font-size:.8rem;
margin-right:6px;text-transform:uppercase}
.sev.error{background:var(--err)}.sev.warning{background:var(--warn)}.sev.info{background:var(--info)}
code{font:13px ui-monospace,Menlo,Consolas,monospace;background:var(--soft);padding:1px 4px;
border-radius:3px}
.fix{margin:6px 0;color:#3c4043}
ol.places{padding-left:22px}ol.places li{margin:8px 0}
.where{font-weight:600}
pre.excerpt{background:#1f2328;color:#e6edf3;padding:8px;border-radius:4px;overflow:auto;
font:12px/1.45 ui-monospace,Menlo,Consolas,monospace;margin:4px 0}
pre.excerpt>span{display:block}pre.excerpt .n{color:#8b949e;user-select:none}
pre.excerpt .hit{background:#5a1e1e}
table{border-collapse:collapse;font-size:.9rem}th,td{border:1px solid var(--line);padding:3px 6px;
text-align:left;vertical-align:top}th{background:var(--soft)}
table.row td.hit,table.row th.hit{background:#fce8e6;outline:2px solid var(--err)}
.excerpt-wrap{overflow:auto;max-width:100%}
.ok-line{color:var(--ok);font-weight:600}.muted{color:#5f6368}
.hidden{display:none}
footer{margin-top:40px;color:#5f6368;font-size:.85rem}
@media print{.controls{display:none}details.group{break-inside:avoid}}
"""

# Filtering by text and severity; written to run on any browser from the last decade.
_SCRIPT = """
(function () {
  "use strict";
  var search = document.getElementById("filter-text");
  var boxes = document.querySelectorAll("input[data-filter-severity]");
  var groups = document.querySelectorAll("details.group");
  var counter = document.getElementById("filter-count");
  function apply() {
    var text = search.value.toLowerCase();
    var allowed = {};
    Array.prototype.forEach.call(boxes, function (box) { allowed[box.value] = box.checked; });
    var shown = 0;
    Array.prototype.forEach.call(groups, function (group) {
      var visible = allowed[group.getAttribute("data-severity")] !== false &&
        (!text || group.textContent.toLowerCase().indexOf(text) !== -1);
      group.classList.toggle("hidden", !visible);
      if (visible) { shown += 1; }
    });
    counter.textContent = shown + " of " + groups.length + " groups shown";
  }
  function setAll(open) {
    Array.prototype.forEach.call(groups, function (group) { group.open = open; });
  }
  search.addEventListener("input", apply);
  Array.prototype.forEach.call(boxes, function (box) { box.addEventListener("change", apply); });
  document.getElementById("expand-all").addEventListener("click", function () { setAll(true); });
  document.getElementById("collapse-all").addEventListener("click", function () { setAll(false); });
  document.body.setAttribute("data-ready", "true");
  apply();
})();
"""


def _excerpt_html(excerpt: Excerpt) -> str:
    if excerpt.cells or excerpt.header:
        def hit(index: int) -> str:
            return ' class="hit"' if index == excerpt.mark_cell else ""

        count = max(len(excerpt.header), len(excerpt.cells))
        letters = "".join(
            f"<th{hit(i)}>{column_letter(excerpt.first_cell + i)}</th>" for i in range(count)
        )
        head = "".join(f"<th{hit(i)}>{escape(h)}</th>" for i, h in enumerate(excerpt.header))
        cells = "".join(f"<td{hit(i)}>{escape(c)}</td>" for i, c in enumerate(excerpt.cells))
        before = '<td class="muted">…</td>' if excerpt.first_cell else ""
        after = '<td class="muted">…</td>' if excerpt.first_cell + count < excerpt.width else ""
        # Cells, not headers, above the "…" columns: a header must have text (WCAG 1.3.1).
        pad_before = "<td></td>" if before else ""
        pad_after = "<td></td>" if after else ""
        return (
            # Focusable, so keyboard users can scroll a wide row (WCAG 2.1.1).
            '<div class="excerpt-wrap" tabindex="0"><table class="row">'
            f"<tr>{pad_before}{letters}{pad_after}</tr><tr>{pad_before}{head}{pad_after}</tr>"
            f"<tr>{before}{cells}{after}</tr></table></div>"
        )
    width = len(str(excerpt.first_line + len(excerpt.lines)))
    rows = []
    for offset, text in enumerate(excerpt.lines):
        number = excerpt.first_line + offset
        mark = ' class="hit"' if number == excerpt.mark_line else ""
        rows.append(f'<span{mark}><span class="n">{number:>{width}} </span>{escape(text)}</span>')
    # Each line is a block of its own, so the highlighted one adds no blank line after it.
    return '<pre class="excerpt" tabindex="0">' + "".join(rows) + "</pre>"


def _group_html(group: FindingGroup, records: int, examples: int,
                excerpts: Mapping[SourceLocation, Excerpt], subject: Words = DATA_WORDS) -> str:
    info = describe(group.code)
    pointer = header_pointer(group)
    at = f" at <code>{escape(pointer)}</code>" if pointer else ""
    parts = [
        f'<details class="group" data-severity="{group.severity.value}" '
        f'data-code="{escape(group.code)}"{" open" if group.severity is Severity.ERROR else ""}>',
        f'<summary><span class="sev {group.severity.value}">{group.severity.value}</span>'
        f"<code>{escape(group.code)}</code> {escape(group_title(group, subject))}{at} — "
        f"{escape(group_scope(group, records))}</summary>",
    ]
    advice = group_advice(group)
    if info is not None or advice:
        meaning = f"{escape(info.meaning)} " if info is not None else ""
        fixes = advice or ((info.fix,) if info is not None else ())
        parts.append(f'<p class="fix">{meaning}<b>How to fix:</b> '
                     f"{' '.join(escape(fix) for fix in fixes)}</p>")
    if group.examples:
        parts.append('<ol class="places">')
        shown, more = place_lines(group, examples)
        first = {(f.location.describe(), f.message): f for f in reversed(group.examples)}
        for place in shown:
            finding = first[(place.where, place.message)]
            parts.append(_place_html(place, excerpts.get(finding.location)))
        parts.append("</ol>")
        if more > 0:
            parts.append(f'<p class="muted">…and {more:,} more.</p>')
    parts.append("</details>")
    return "".join(parts)


def _notice_html(notice: Finding) -> str:
    advice = f" <b>How to fix:</b> {escape(notice.advice)}" if notice.advice else ""
    return (f'<p><span class="sev {notice.severity.value}">{notice.severity.value}</span>'
            f"{escape(notice.message)}{advice}</p>")


def _place_html(place: Place, excerpt: Excerpt | None) -> str:
    body = (f'<li><span class="where">{escape(place.head())}</span>: '
            f"{escape(place.tail())}")
    if excerpt is not None:
        body += _excerpt_html(excerpt)
    return body + "</li>"


def _operations_html(report: Report) -> str:
    head = ("<tr><th>Operation</th><th>Checks run</th><th>Failed</th><th>Did not run</th>"
            "<th>Findings</th></tr>")
    rows = [
        f"<tr><td><code>{escape(file.path)}</code></td><td>{file.records:,}</td>"
        f"<td>{file.invalid_records:,}</td><td>{file.skipped:,}</td>"
        f"<td>{sum(file.counts.values()) if file.counts else len(file.findings):,}</td></tr>"
        for file in report.files
    ]
    return f"<table class=files>{head}{''.join(rows)}</table>"


def _files_html(report: Report) -> str:
    if report.subject == "api":
        return _operations_html(report)
    several = any(f.standard for f in report.files)
    head = "<tr><th>File</th><th>Format</th>" + ("<th>Standard</th>" if several else "") + (
        "<th>Records</th><th>Not conforming</th><th>Findings</th></tr>"
    )
    rows = []
    for file in report.files:
        total = sum(file.counts.values()) if file.counts else len(file.findings)
        standard = f"<td>{escape(file.standard or '')}</td>" if several else ""
        rows.append(
            f"<tr><td><code>{escape(file.path)}</code></td><td>{escape(file.format or '')}</td>"
            f"{standard}<td>{file.records:,}</td><td>{file.invalid_records:,}</td>"
            f"<td>{total:,}</td></tr>"
        )
    return f"<table class=files>{head}{''.join(rows)}</table>"


def render(report: Report, *, examples: int = 3, masked: bool = False,
           excerpts: Excerpts | None = None) -> str:
    """Return the report as one self-contained HTML page."""
    groups = finding_groups(report)
    subject = words(report)
    shown: list[SourceLocation] = [
        f.location for g in groups for f in g.examples[:examples]
    ]
    found = excerpts(shown) if excerpts is not None and shown else {}
    counts = report.severity_counts()
    name = target(report)
    title = f"lgstandards report: {name} — {'conforms' if report.conforms else 'does not conform'}"
    api = report.subject == "api"
    failing = f"{report.invalid_records:,}" + (
        f" ({share(report.invalid_records, report.records)})" if report.records else "")
    cards = [
        ("Operations", f"{len(report.files):,}"),
        ("Checks run", f"{report.records:,}"),
        ("Failed", failing),
        ("Did not run", f"{report.skipped:,}"),
    ] if api else [
        ("Files", f"{len(report.files):,}"),
        ("Records", f"{report.records:,}"),
        ("Not conforming", failing),
    ]
    cards += [
        ("Errors", f"{counts[Severity.ERROR]:,}"),
        ("Warnings", f"{counts[Severity.WARNING]:,}"),
        ("Info", f"{counts[Severity.INFO]:,}"),
    ]
    html = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">",
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
        "<header><h1>Conformance report</h1>",
        f'<p class="muted">Checked against <b>{escape(name)}</b> by lgstandards {__version__}.</p>',
        f'<p class="verdict {"ok" if report.conforms else "fail"}" id="verdict">'
        f"{escape(verdict(report))}</p>",
        # An error about the run as a whole (nothing at the base URL) is said before anything.
        *(_notice_html(n) for n in report.notices if n.severity is Severity.ERROR),
        "</header>",
        # One main landmark holding every section, so assistive technology can jump to it.
        "<main>",
        '<section id="summary"><h2>Summary</h2><div class="cards">',
        *(f'<div class="card"><span>{label}</span><b>{value}</b></div>' for label, value in cards),
        "</div>",
    ]
    summary = records_line(report)
    if summary:
        html.append(f"<p>{escape(summary)}</p>")
    if masked:
        where = "the API's responses" if api else "the data"
        html.append(f'<p class="muted">Values in {where} are hidden (--mask): they show as '
                    f"{escape(MASK)}.</p>")
    for notice in report.notices:
        if notice.severity is not Severity.ERROR:
            html.append(_notice_html(notice))
    well = working_well(report)
    if well:
        html.append(f'<p class="ok-line" id="working-well">{escape(well)}</p>')
    html.append("</section>")
    if groups:
        html += [
            '<section id="charts"><h2>Where the findings are</h2><div class="charts">',
            "<figure><figcaption>Findings by code</figcaption>",
            bar_chart("Findings by code", _by_code(report), "chart-codes"),
            "</figure><figure><figcaption>Findings by field</figcaption>",
            bar_chart("Findings by field", _by_field(report), "chart-fields"),
            "</figure></div></section>",
            f'<section id="findings"><h2>Findings ({plural(len(groups), "group")})</h2>',
            '<div class="controls"><label>Search <input type="search" id="filter-text" '
            f'placeholder="code, field, {subject.unit} or text"></label>',
            *(f'<label><input type="checkbox" data-filter-severity value="{s.value}" checked> '
              f"{s.value}</label>" for s in Severity),
            '<button type="button" id="expand-all">Expand all</button>'
            '<button type="button" id="collapse-all">Collapse all</button>'
            '<span id="filter-count" class="muted" aria-live="polite"></span></div>',
            *(_group_html(g, report.records, examples, found, subject) for g in groups),
        ]
        omitted = sum(f.omitted for f in report.files)
        if omitted:
            html.append(f'<p class="muted">{omitted:,} further findings were counted but not '
                        "kept (--max-findings).</p>")
        html.append("</section>")
    html += [
        f'<section id="files"><h2>{"Operations" if api else "Files"}</h2>'
        f"{_files_html(report)}</section>",
        "</main>",
        f"<footer>Generated by lgstandards {__version__}. Finding codes are explained in "
        "docs/finding-codes.md.</footer>",
    ]
    if groups:
        html.append(f"<script>{_SCRIPT}</script>")
    html.append("</body></html>")
    return "\n".join(html) + "\n"

