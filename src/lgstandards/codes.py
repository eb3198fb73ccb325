"""The finding codes: every stable code lgstandards can report, what it means and how to fix it.

`docs/finding-codes.md` is generated from this list (`python -m lgstandards.codes`), and a test
fails when a code that the core or a rule can emit is missing from it.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable
from dataclasses import dataclass

from lgstandards.findings import Severity

E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """One finding code: its usual severity, a short title, what it means and how to fix it."""

    code: str
    severity: Severity
    title: str
    meaning: str
    fix: str
    #: Standards whose rules report this code; empty for codes of the core.
    standards: tuple[str, ...] = ()

    @property
    def category(self) -> str:
        """Return the part before the first dot, which --select and --ignore accept."""
        return self.code.partition(".")[0]

    @property
    def anchor(self) -> str:
        """Return the code's anchor in docs/finding-codes.md."""
        return self.code.replace(".", "")


#: What each category of codes is about, in the order the documentation lists them.
CATEGORIES: dict[str, str] = {
    "source": "The input could not be read, or only in part: nothing after the problem was "
    "checked.",
    "schema": "A record breaks the standard's JSON Schema. The code is `schema.` plus the JSON "
    "Schema keyword that failed, in kebab-case.",
    "codelist": "A value is outside a codelist the standard publishes.",
    "declaration": "What a record says it follows, in its top-level `$schema`, against what it was "
    "checked: docs/extensions.md explains how `validate` chooses.",
    "advice": "A value conforms, but not as the standard advises: the stricter shape a standard "
    "recommends beyond its schema, reported as warnings.",
    "standard": "Something about the standard version itself, such as its deprecation.",
    "internal": "lgstandards itself went wrong; the finding asks you to report it.",
    "api": "`lgstandards check-api`: a live API does not behave as its standard's OpenAPI "
    "document says. docs/check-api.md explains each check.",
    "lint": "`lgstandards lint`: a standard's own files break the authoring rules in "
    "docs/authoring-standards.md.",
    "lifecycle": "`lgstandards lint` and `lgstandards release`: a manifest's statuses and dates "
    "break the lifecycle in docs/versioning.md.",
    "convert": "`lgstandards convert`: a value of another format could not be carried into the "
    "standard's records as it was. docs/conversions.md and docs/mappings/ say what maps.",
    "export": "`lgstandards export`: a record's value has no place in the other format.",
    "upgrade": "`lgstandards upgrade`: what a migration did to a record on its way to a newer "
    "major version, and records that could not be moved.",
}

_FAST_ONLY = (
    "Reported only when the fast validation engine rejects a record that the reference engine "
    "accepts (the two disagree); the message is the fast engine's own."
)
_FAST_FIX = "Fix the value the message names; if it looks right, report the disagreement."

_CORE: tuple[CodeInfo, ...] = (
    # -- source ---------------------------------------------------------------------------------
    CodeInfo("source.not-found", E, "File not found",
             "A path, folder or glob names no file that lgstandards can check.",
             "Check the path; lgstandards reads .json, .ndjson, .jsonl and .csv files."),
    CodeInfo("source.is-directory", E, "A folder, not a file",
             "The path is a folder where a file was expected.",
             "Name the file, or pass the folder itself to check every data file inside it."),
    CodeInfo("source.unreadable", E, "File cannot be read",
             "The operating system refused to read the file (permissions, a device error).",
             "Make the file readable by the user running lgstandards."),
    CodeInfo("source.empty", E, "Empty file",
             "The file has no content, only white space, or a CSV file has no header row.",
             "Export the data again; an empty file is usually a failed export."),
    CodeInfo("source.binary", E, "Binary file",
             "The file holds NUL bytes, so it is not JSON or CSV text (often a spreadsheet).",
             "Save spreadsheets as CSV (UTF-8) before checking them."),
    CodeInfo("source.byte-order-mark", W, "UTF-8 byte-order mark",
             "A JSON or NDJSON file starts with a byte-order mark. It was ignored, but JSON "
             "tools may reject it (in CSV, where Excel always writes one, it is not reported).",
             "Save the file as UTF-8 without BOM; most editors offer plain 'UTF-8'."),
    CodeInfo("source.invalid-encoding", E, "Not UTF-8",
             "The file is not valid UTF-8 text; the message gives the first bad byte's line "
             "and column.",
             "Save the file as UTF-8. Files from older systems are often Windows-1252."),
    CodeInfo("source.invalid-json", E, "Not valid JSON",
             "The file, or one line of an NDJSON file, is not valid JSON; the message gives the "
             "line and column.",
             "Fix the syntax at the place named: a missing comma, quote or bracket, or a "
             "trailing comma."),
    CodeInfo("source.invalid-gzip", E, "Damaged gzip file",
             "The file is gzip but damaged or cut short; the records before the damage were "
             "checked and reported.",
             "Compress the file again (or download it again), or give it uncompressed."),
    CodeInfo("source.too-large", E, "Expands past the read limits",
             "A compressed file (or piped input) decompresses to more than the size cap, or "
             "expands more than the ratio cap allows (a compression bomb); reading stopped "
             "there, after checking the records before it.",
             "Split the file, or raise LGSTANDARDS_MAX_DECOMPRESSED_BYTES or "
             "LGSTANDARDS_MAX_RATIO if the file is genuine (see docs/security.md)."),
    CodeInfo("source.record-too-large", E, "Record too large",
             "One record (an NDJSON line, or a JSON document read whole) is larger than the "
             "record cap, so it was not read or checked; the records around it were.",
             "Look for a missing line break; raise LGSTANDARDS_MAX_RECORD_BYTES if the record "
             "is genuine."),
    CodeInfo("source.special-file", E, "Not a regular file",
             "The input, or a file met in a folder scan, is a named pipe with no writer, a "
             "device or a socket; it was not opened, since reading it could hang or never end.",
             "Give a regular file, or pipe the data to standard input ('-')."),
    CodeInfo("source.too-deep", E, "Nested too deeply",
             "The data is nested so deeply that it cannot be read, or a record nests more than "
             "512 levels, past which it is not checked.",
             "Flatten the data; no record of a standard needs more than a few levels."),
    CodeInfo("source.no-tabular-form", E, "No CSV form",
             "The input is CSV but the standard defines no tabular (CSV) form.",
             "Give the data as JSON or NDJSON, or check against a standard version with a "
             "tabular.json."),
    CodeInfo("source.invalid-csv", E, "Not valid CSV",
             "The CSV cannot be parsed, for example because of an unclosed quote.",
             "Fix the quoting near the row named, or export the file again."),
    CodeInfo("source.duplicate-column", E, "Duplicate column",
             "Two columns of the header row have the same name.",
             "Remove or rename one of them."),
    CodeInfo("source.missing-column", E, "Required column missing",
             "The header row has no column for a field the standard requires, so every row "
             "lacks it; reported once, on the header, rather than on each row.",
             "Add the column, with its header spelt as the standard's CSV form gives it."),
    CodeInfo("source.no-records", W, "No records",
             "The file was read but holds no records (a CSV with only its header row, or an "
             "empty JSON array), so there was nothing to check.",
             "Check that the export included its data."),
    CodeInfo("source.unknown-column", W, "Unknown column",
             "A column of the header row is not part of the standard's CSV form; it was ignored.",
             "Check its spelling against the standard's column headers, or remove it."),
    CodeInfo("source.row-length", E, "Row length differs from header",
             "A row has more or fewer cells than the header row.",
             "Look for a stray comma or an unquoted value containing a comma in that row."),
    # -- schema (reference engine: one code per JSON Schema keyword) ----------------------------
    CodeInfo("schema.required", E, "Required field missing",
             "A field the standard requires is absent.",
             "Add the field. If the value is unknown, check whether the standard allows null "
             "or another field to say so."),
    CodeInfo("schema.additional-properties", E, "Unknown field",
             "The record has a field the standard does not define here.",
             "Check the field's spelling against the allowed fields the message lists, or move "
             "local additions under 'extensions'."),
    CodeInfo("schema.unevaluated-properties", E, "Unknown field",
             "The record has a field that no part of the schema accepts.",
             "Check the field's spelling, or move local additions under 'extensions'."),
    CodeInfo("schema.type", E, "Wrong type",
             "A value has the wrong JSON type, such as a number where text is required.",
             "Write the value as the type named. Identifiers such as UPRNs are text: quote "
             "them so leading zeros are kept."),
    CodeInfo("schema.enum", E, "Value not allowed",
             "A value is not one of the values the standard allows (often a closed codelist).",
             "Use one of the values the message lists, spelt exactly (they are case-sensitive)."),
    CodeInfo("schema.const", E, "Value must be fixed",
             "A field must have one exact value and has another.",
             "Use the value the message gives."),
    CodeInfo("schema.pattern", E, "Wrong pattern",
             "Text does not have the shape the standard requires, such as a postcode or a code.",
             "Rewrite the value in the form the message describes (its example shows the form)."),
    CodeInfo("schema.format", E, "Wrong format",
             "A date, date-time or other formatted value is not written as required.",
             "Dates are YYYY-MM-DD; date-times are RFC 3339 with an offset, such as "
             "2026-12-24T09:30:00Z."),
    CodeInfo("schema.min-length", E, "Text too short",
             "Text is shorter than the standard allows (often an empty string).",
             "Fill in the value, or leave the field out if it is optional."),
    CodeInfo("schema.max-length", E, "Text too long",
             "Text is longer than the standard allows.",
             "Shorten the value to the limit the message gives."),
    CodeInfo("schema.minimum", E, "Number too small",
             "A number is below the smallest value allowed.",
             "Check the value and its units; the message gives the limit."),
    CodeInfo("schema.maximum", E, "Number too large",
             "A number is above the largest value allowed.",
             "Check the value and its units; the message gives the limit."),
    CodeInfo("schema.exclusive-minimum", E, "Number too small",
             "A number is not above the limit it must exceed (often: must be more than zero).",
             "Check the value; the message gives the limit."),
    CodeInfo("schema.exclusive-maximum", E, "Number too large",
             "A number is not below the limit it must stay under.",
             "Check the value; the message gives the limit."),
    CodeInfo("schema.multiple-of", E, "Not a multiple",
             "A number is not a multiple of the step the standard requires (such as whole pence).",
             "Round the value to the step the message gives."),
    CodeInfo("schema.min-items", E, "Too few items",
             "A list has fewer items than the standard requires (often an empty list).",
             "Add the missing items, or leave the field out if it is optional."),
    CodeInfo("schema.max-items", E, "Too many items",
             "A list has more items than the standard allows.",
             "Remove items down to the limit the message gives."),
    CodeInfo("schema.unique-items", E, "Repeated item",
             "A list that must hold each item once holds one twice.",
             "Remove the repeated item."),
    CodeInfo("schema.contains", E, "Required item missing from a list",
             "A list lacks an item of the kind the standard requires in it.",
             "Add an item of the kind the standard describes for this list."),
    CodeInfo("schema.min-contains", E, "Too few matching items",
             "A list has fewer items of a required kind than the standard needs.",
             "Add items of the kind the standard describes."),
    CodeInfo("schema.max-contains", E, "Too many matching items",
             "A list has more items of a kind than the standard allows.",
             "Remove items of that kind down to the limit."),
    CodeInfo("schema.items", E, "Extra list items",
             "A list has items past the positions the standard defines.",
             "Remove the extra items."),
    CodeInfo("schema.additional-items", E, "Extra list items",
             "A list has items past the positions the schema defines (drafts before 2020-12).",
             "Remove the extra items."),
    CodeInfo("schema.unevaluated-items", E, "Extra list items",
             "A list has items that no part of the schema accepts.",
             "Remove the extra items."),
    CodeInfo("schema.min-properties", E, "Too few fields",
             "An object has fewer fields than the standard requires.",
             "Fill in at least the number of fields the message gives."),
    CodeInfo("schema.max-properties", E, "Too many fields",
             "An object has more fields than the standard allows.",
             "Remove fields down to the limit."),
    CodeInfo("schema.dependent-required", E, "Companion field missing",
             "A field is present without the fields that must come with it.",
             "Add the fields the message lists, or remove the field that needs them."),
    CodeInfo("schema.dependencies", E, "Companion field missing",
             "A field is present without what must come with it (drafts before 2019-09).",
             "Add the fields the schema requires alongside it."),
    CodeInfo("schema.any-of", E, "Matches no allowed form",
             "A value matches none of the alternative forms the field allows.",
             "Compare the value with the field's description in the standard's documentation."),
    CodeInfo("schema.one-of", E, "Matches not exactly one form",
             "A value must match exactly one of several forms, and matches none or several.",
             "Compare the value with the field's description in the standard's documentation."),
    CodeInfo("schema.not", E, "Forbidden value",
             "A value has a form the standard forbids here.",
             "Compare the value with the field's description in the standard's documentation."),
    CodeInfo("schema.false", E, "Field not allowed here",
             "The standard forbids this field or value in this place (often because of another "
             "field's value).",
             "Remove the field, or check the field that decides which fields are allowed."),
    # -- schema (fast engine only, when the engines disagree) -----------------------------------
    *(
        CodeInfo(f"schema.{name}", E, title, _FAST_ONLY, _FAST_FIX)
        for name, title in (
            ("constant", "Value must be fixed"),
            ("false-schema", "Field not allowed here"),
            ("one-of-multiple-valid", "Matches several forms"),
            ("one-of-not-valid", "Matches no allowed form"),
            ("property-names", "Field name not allowed"),
            ("content-encoding", "Wrong content encoding"),
            ("content-media-type", "Wrong content media type"),
            ("from-utf8", "Not valid UTF-8"),
            ("backtrack-limit-exceeded", "Pattern too costly to check"),
            ("regex-engine-failure", "Pattern could not be checked"),
            ("referencing", "Schema reference could not be resolved"),
            ("custom", "Custom check failed"),
        )
    ),
    # -- the rest of the core --------------------------------------------------------------------
    CodeInfo("codelist.unknown-code", W, "Code not in an open codelist",
             "A value is not in an open codelist. Open codelists allow local codes, so this is a "
             "warning, but a listed code may fit.",
             "Use a code from the codelist where one fits; propose a new code to the standard "
             "otherwise."),
    CodeInfo("declaration.mismatch", W, "Record names another schema",
             "A record's `$schema` names a standard version, extension or profile other than the "
             "one it was checked against (given with --standard, --extension or --profile, or by "
             "the configuration).",
             "Check the data against what its `$schema` names (leave out --standard and the "
             "files are checked against it), or correct the `$schema`."),
    CodeInfo("declaration.unknown", W, "Record names an unknown schema",
             "A record's `$schema` is not the address of a standard version, extension or profile "
             "that lgstandards knows. It is never downloaded; the record was checked against what "
             "was given.",
             "Use the address the standard's, extension's or profile's page gives, such as "
             "https://schemas.lgstandards.org/waste-property-schedule/1.0.0/schema.json."),
    CodeInfo("declaration.missing", E, "No standard to check against",
             "No standard was given (--standard, --extension, --profile or the configuration) "
             "and the file's first record does not name one lgstandards knows in `$schema`, so "
             "the file was not checked.",
             "Give --standard ID, or add `$schema` to each record naming the standard version, "
             "extension or profile it follows."),
    CodeInfo("advice.not-followed", W, "Not as the standard advises",
             "The value conforms, but the standard advises writing it another way (its advice "
             "schema, named by x-lgstandards-advice): a number written as text, an identifier "
             "written as a number, an empty string, an upper-case status. Reported as a warning "
             "so that data real systems send today conforms while it improves.",
             "Change the value as the finding's own advice says; `--ignore advice` hides these "
             "while a supplier catches up."),
    CodeInfo("standard.deprecated", W, "Deprecated standard version",
             "The data was checked against a version of the standard that is deprecated. The "
             "message names the version that replaces it and the sunset, the day after which it "
             "may be retired.",
             "Move to the replacement before the sunset; `lgstandards show <id>` lists the "
             "versions."),
    CodeInfo("internal.rule-failed", E, "A rule failed",
             "A check beyond the schema raised an error on this record: a bug in lgstandards, "
             "not necessarily in the data.",
             "Report it to the lgstandards maintainers with the record (masked if need be)."),
    CodeInfo("internal.check-failed", E, "An API check failed",
             "A check of a live API raised an error on an odd response: a bug in lgstandards, "
             "not necessarily in the API.",
             "Report it to the lgstandards maintainers with the operation named."),
    CodeInfo("internal.file-failed", E, "Checking a file failed",
             "Checking this file raised an error in a worker process (`--jobs`): a bug in "
             "lgstandards, not necessarily in the file. The other files were still checked.",
             "Report it to the lgstandards maintainers; check the file alone without --jobs."),
    # -- upgrade ---------------------------------------------------------------------------------
    CodeInfo("upgrade.changed", Severity.INFO, "Changed by the upgrade",
             "A migration changed this value on the way to the new major version, and says how.",
             "Nothing to fix; check that the new value says what the old one meant."),
    CodeInfo("upgrade.lossy", W, "Information lost in the upgrade",
             "The new major version has no place for this value, or only a coarser one, so the "
             "migration dropped or narrowed it.",
             "Keep the old file; if the value matters, add it by hand where the message says, "
             "or under 'extensions'."),
    CodeInfo("upgrade.unknown-schema", W, "$schema names no known version",
             "The record's $schema is not a version of a standard in this registry (perhaps an "
             "extension or profile), so the version given with --from (or the major before the "
             "target) was assumed.",
             "Check the record's $schema; give --from ID@MAJOR if the assumed version is wrong."),
    CodeInfo("upgrade.other-standard", E, "Record of another standard",
             "The record's $schema names a different standard from the one being upgraded to.",
             "Upgrade it with --to that standard, or correct its $schema."),
    CodeInfo("upgrade.newer-version", E, "Record newer than the target",
             "The record's $schema names a major version newer than the target; upgrades never "
             "move data to an older major.",
             "Leave the record out, or upgrade to its own (newer) major version."),
    CodeInfo("upgrade.no-path", E, "No migration for this record's version",
             "No chain of shipped migrations leads from the major version the record's $schema "
             "names to the target.",
             "Upgrade it through the versions in between, or ask the standard's owner for a "
             "migration."),
    CodeInfo("upgrade.not-an-object", E, "Record is not an object",
             "A record to upgrade is a JSON array, string, number or null, not an object.",
             "Each record of a standard is a JSON object; remove or fix the value."),
    CodeInfo("upgrade.migration-failed", E, "A migration failed",
             "A migration raised an error on this record: a bug in lgstandards, not necessarily "
             "in the data. The file was not written; the other files were still upgraded.",
             "Report it to the lgstandards maintainers with the record (masked if need be)."),
    CodeInfo("upgrade.unsupported-format", E, "Cannot upgrade CSV",
             "upgrade reads JSON and NDJSON: a CSV file's columns may differ between major "
             "versions.",
             "Convert the CSV to NDJSON, upgrade that, and export CSV from the result."),
)

_CORE_BY_CODE = {info.code: info for info in _CORE}

INFO = Severity.INFO

#: The codes of conversions between the standards and other formats (`convert`, `export`).
_CONVERSION: tuple[CodeInfo, ...] = (
    CodeInfo("convert.unmapped-value", E, "Value with no equivalent",
             "A value has no equivalent in the standard and was left out (a warning when the "
             "record still has what it needs); the message says what would map.",
             "Use one of the values the message lists, or complete the record by hand."),
    CodeInfo("convert.bad-date", E, "Date that cannot be read",
             "A date is not written as the format says, or names no real day; it was left out.",
             "Write the date as the format expects; the message spots month/day order, "
             "two-digit years and spreadsheet day numbers."),
    CodeInfo("convert.bad-number", E, "Number that cannot be read",
             "A coordinate or an area is not a number, or not a sensible one; it was left out.",
             "Give a plain number in the units the format uses."),
    CodeInfo("convert.missing-value", E, "Value the standard needs is missing",
             "A value the standard requires is empty, or the format has no place for it.",
             "Fill it in at the source, or add it to the converted record by hand."),
    CodeInfo("convert.conflicting-values", E, "Values that disagree",
             "Two values of one record disagree; the message says which one was used (a "
             "warning when the choice is safe).",
             "Correct whichever value is wrong at the source."),
    CodeInfo("convert.missing-column", E, "Column missing",
             "The file lacks a column every record needs.",
             "Export the column too."),
    CodeInfo("convert.no-organisation", E, "Publisher not given",
             "--organisation, or a local authority's --gss-code, was not given and the format "
             "does not say it.",
             "Give --organisation (such as local-authority:BIR) and --gss-code."),
    CodeInfo("convert.row-length", E, "Row of the wrong length",
             "A CSV row has more or fewer cells than the header: a stray comma or an unclosed "
             "quote.",
             "Quote values that contain commas; check the row in a text editor."),
    CodeInfo("convert.changed-value", W, "Value changed to fit",
             "A value was changed to fit the standard, such as an http address made https or "
             "a UPRN's leading zeros dropped (info when the change loses nothing).",
             "Check the changed value; correct it at the source to avoid the change."),
    CodeInfo("convert.not-utf8", W, "File not UTF-8",
             "The file is not UTF-8 and was read as Windows-1252.",
             "Save the file as UTF-8; check symbols such as '£' in the output."),
    CodeInfo("convert.unknown-column", W, "Column not of the format",
             "A column is not one of the format's, so it was ignored.",
             "Rename it to the format's column, or drop it."),
    CodeInfo("convert.duplicate-column", W, "Column given twice",
             "A column appears twice; only the first was used.",
             "Remove the second copy."),
    CodeInfo("convert.column-not-carried", INFO, "Column not carried",
             "A column with values has no place in the standard (personal data, or facts "
             "about the file); reported once per file.",
             "Nothing to do, unless the values matter: then keep them elsewhere."),
    CodeInfo("convert.field-not-carried", INFO, "Field not carried",
             "A field of the source has no place in the standard; reported once per place "
             "with the number of records that had it, and why.",
             "Nothing to do, unless the values matter: then keep the source as well."),
    CodeInfo("convert.no-bins", E, "No bin could be read",
             "The scrapers' output has no bin with a readable type and date, so no schedule "
             "is written.",
             "Run the scraper again; it most likely failed for this property."),
    CodeInfo("convert.bad-bin", E, "Entry that is not a bin",
             "An entry of the scrapers' bins list is not an object; it was left out.",
             "Report it to the scraper's maintainers."),
    CodeInfo("convert.unmapped-bin-type", W, "Bin name with no waste stream",
             "A bin's name matches no stream rule, so its service's stream is 'other'.",
             "Set the stream by hand, or ask the scraper's maintainers to name the waste."),
    CodeInfo("export.field-not-carried", INFO, "Field not carried into the other format",
             "A record's field has no place in the format exported to; reported once per place "
             "with the number of records that had it, and why.",
             "Nothing to do, unless the receiver needs it: then send the record as well."),
    CodeInfo("export.incomplete", W, "Exported documents are not complete",
             "The other format requires parts a register record does not hold, such as Open "
             "Digital Planning's submission and case officer.",
             "Add the parts the message lists from the back office before sending."),
)


_CONVERSION_BY_CODE = {info.code: info for info in _CONVERSION}


def conversion_codes() -> tuple[CodeInfo, ...]:
    """Return the codes of `convert` and `export`."""
    return _CONVERSION


def core_codes() -> tuple[CodeInfo, ...]:
    """Return the codes the core can report: sources, schema keywords and core checks."""
    return _CORE


def rule_codes() -> tuple[CodeInfo, ...]:
    """Return the codes of the rules registered for every standard, naming the standards."""
    from lgstandards.rules import RULESETS  # Imported late: the rules load the catalogue.

    found: dict[str, CodeInfo] = {}
    for key, rules in sorted(RULESETS.items()):
        for rule in rules:
            info = found.get(rule.code)
            if info is None:
                found[rule.code] = CodeInfo(
                    rule.code, rule.severity, rule.title, rule.title + ".", rule.fix, (key,)
                )
            elif key not in info.standards:
                found[rule.code] = CodeInfo(
                    info.code, info.severity, info.title, info.meaning, info.fix,
                    (*info.standards, key),
                )
    return tuple(info for code, info in sorted(found.items()) if code not in _CORE_BY_CODE)


@functools.cache
def tool_codes() -> tuple[CodeInfo, ...]:
    """Return the codes of the API checker, the standards linter and the converters."""
    import importlib

    found: list[CodeInfo] = []
    for module_name, names, fix in (
        ("lgstandards.apicheck.checks", ("CHECKS", "NOTICES"),
         "Make the API behave as its OpenAPI document says; docs/check-api.md has details."),
        ("lgstandards.lint", ("CODES",),
         "Change the standard's files as docs/authoring-standards.md describes."),
        ("lgstandards.development.lifecycle", ("CODES",),
         "Change the manifest as docs/versioning.md describes."),
        ("lgstandards.development.extension_lint", ("CODES",),
         "Change the extension's or profile's files as docs/extensions.md describes."),
        ("lgstandards.conversions.codes", ("CODES",),
         "Fix the value in the input, or in the program that exported it."),
    ):
        module = importlib.import_module(module_name)
        # A module may name what a group of its findings is called, which says what is wrong,
        # where its list says what a passing check shows; and its notices' fixes and severity.
        titles: dict[str, str] = dict(getattr(module, "TITLES", {}))
        fixes: dict[str, str] = dict(getattr(module, "FIXES", {}))
        severities: dict[str, Severity] = dict(getattr(module, "NOTICE_SEVERITIES", {}))
        catalogue: dict[str, str] = {}
        for name in names:
            catalogue.update(getattr(module, name))
        for code, meaning in sorted(catalogue.items()):
            # A conversion code both converters share is described once, in _CONVERSION.
            if code not in _CORE_BY_CODE and code not in _CONVERSION_BY_CODE:
                title = titles.get(code) or meaning.split(":")[0].rstrip(".")
                found.append(CodeInfo(code, severities.get(code, E), title, meaning,
                                      fixes.get(code, fix)))
    return tuple(found)


def all_codes() -> tuple[CodeInfo, ...]:
    """Return every known code: the core's, the rules', the tools' and the conversions'."""
    return _CORE + rule_codes() + tool_codes() + _CONVERSION


def describe(code: str) -> CodeInfo | None:
    """Return what is known about a code, or None for a code in no list."""
    return _CORE_BY_CODE.get(code) or next((i for i in all_codes() if i.code == code), None)


def unknown_selectors(selectors: Iterable[str]) -> tuple[str, ...]:
    """Return the selectors (codes or categories, for --select and --ignore) that match no code."""
    wanted = tuple(selectors)
    if not wanted:
        return ()
    known = all_codes()
    return tuple(
        s for s in wanted
        if not any(info.code == s or info.code.startswith(s + ".") for info in known)
    )


def markdown() -> str:
    """Return docs/finding-codes.md: every code with its severity, meaning and fix."""
    infos = all_codes()
    lines = [
        "# Finding codes",
        "",
        "<!-- Generated by `python -m lgstandards.codes > docs/finding-codes.md`; do not edit. -->",
        "",
        "Every finding lgstandards reports has a stable code: programs and CI match on codes,",
        "people read the message beside it. A code never changes meaning; new codes are added.",
        "`--select` and `--ignore` take a code (`schema.pattern`) or a category, the part before",
        "the first dot (`schema`, `source`, `waste`).",
        "",
        "Severity here is the usual one: **error** breaks conformance (exit code 1), **warning**",
        "does only with `--fail-on warning`, and **info** never does.",
        "",
        "| Code | Severity | Title |",
        "| --- | --- | --- |",
    ]
    lines += [f"| [`{i.code}`](#{i.anchor}) | {i.severity.value} | {i.title} |" for i in infos]
    categories = dict.fromkeys([*CATEGORIES, *(i.category for i in infos)])
    for category in categories:
        members = [i for i in infos if i.category == category]
        if not members:
            continue
        lines += ["", f"## {category}", ""]
        about = CATEGORIES.get(category)
        if about is None:
            standards = sorted({s for i in members for s in i.standards})
            about = "Rules beyond the schema, for " + ", ".join(f"`{s}`" for s in standards) + "."
            about = about if standards else "Codes of the checks named below."
        lines.append(about)
        for info in members:
            lines += [
                "",
                f"### `{info.code}`",
                "",
                f"**{info.title}** ({info.severity.value})"
                + (" — checked for " + ", ".join(f"`{s}`" for s in info.standards)
                   if info.standards else ""),
                "",
                f"- What it means: {info.meaning}",
                f"- How to fix it: {info.fix}",
            ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(markdown())
