"""The finding codes of `lgstandards convert`: what each means, its usual severity, how to fix it.

`lgstandards.codes` reads these lists into docs/finding-codes.md, beside the linter's and the
API checker's. Both converters share the `convert.` codes where the problem is the same.
"""

from __future__ import annotations

from collections.abc import Mapping

from lgstandards.findings import Severity

__all__ = ["CODES", "FIXES", "NOTICE_SEVERITIES", "TITLES"]

#: Every convert code, with what it means.
CODES: Mapping[str, str] = {
    "convert.bad-date": (
        "A date is not a day written as the input format writes it (dd/mm/yyyy), or it is a "
        "day that does not exist or long before any scrape (1900, a year the page did not "
        "give); the value, or the bin, is left out rather than guessed."
    ),
    "convert.bad-number": "A number (such as a grid reference) is not a number; it is left out.",
    "convert.bad-bin": "An entry of the scrapers' bins list is not an object; it is left out.",
    "convert.changed-value": (
        "A value was carried across changed, as the standard requires (an http address made "
        "https); the message gives both."
    ),
    "convert.column-not-carried": (
        "A CSV column the standard has no place for; the message says why it is not carried."
    ),
    "convert.conflicting-values": (
        "Two values of one row contradict each other; the message says which was believed."
    ),
    "convert.council-mapping": (
        "A bin name that names no waste was read through the council's own mapping of its "
        "colours or names; the message gives the mapping file and its evidence."
    ),
    "convert.duplicate-column": "A CSV column appears twice; only the first was used.",
    "convert.field-not-carried": (
        "A field of the scrapers' output has no place in the schedule (such as "
        "previousCollectionDate); it is reported so that nothing is dropped unseen."
    ),
    "convert.field-renamed": (
        "A bin entry used another name for a field of the format (bin_type for type, "
        "collectionTime for collectionDate); it was read as that field."
    ),
    "convert.missing-column": "A CSV column every record needs is missing.",
    "convert.missing-value": "A value every record needs is empty or missing; it is left out.",
    "convert.moved-collection": (
        "A bin name says its collection replaces another day's (a bank holiday's), but not "
        "which day, so the schedule cannot say it moved."
    ),
    "convert.no-bins": "No bin of the scrapers' output could be read, so no schedule is written.",
    "convert.no-organisation": (
        "The input does not say which organisation publishes it, and no option gave one."
    ),
    "convert.not-utf8": (
        "The CSV is not UTF-8; it was read as Windows-1252, as Excel writes, so check accented "
        "letters and the pound sign."
    ),
    "convert.partly-mapped-bin-type": (
        "A bin name lists several containers, some only by a colour the council's mapping does "
        "not explain, so the service's streams may be incomplete."
    ),
    "convert.row-length": "A CSV row has more or fewer cells than the header.",
    "convert.streams-folded": (
        "A bin name names several streams (or one waste-property-schedule 1 has no code for); "
        "the schedule holds one stream a service, so the message says which was kept."
    ),
    "convert.unknown-column": "A CSV column is not one of the input format's; it was ignored.",
    "convert.unmapped-bin-type": (
        "A bin name names no waste (only a colour, or nothing), and no council mapping says "
        "what it holds, so its service has the stream 'other'."
    ),
    "convert.unmapped-value": (
        "A value is not one of those the standard's codelist maps from; it is left out."
    ),
}

#: What a group of each code's findings is called in reports.
TITLES: Mapping[str, str] = {
    "convert.bad-date": "Date that cannot be read",
    "convert.bad-number": "Number that cannot be read",
    "convert.bad-bin": "Bin entry that is not an object",
    "convert.changed-value": "Value changed on the way",
    "convert.column-not-carried": "Column not carried",
    "convert.conflicting-values": "Values that contradict each other",
    "convert.council-mapping": "Name read through the council's mapping",
    "convert.duplicate-column": "Duplicate column",
    "convert.field-not-carried": "Field not carried",
    "convert.field-renamed": "Field under another name",
    "convert.missing-column": "Required column missing",
    "convert.missing-value": "Required value missing",
    "convert.moved-collection": "Moved collection without its first date",
    "convert.no-bins": "No bin could be read",
    "convert.no-organisation": "Publisher not named",
    "convert.not-utf8": "Not UTF-8",
    "convert.partly-mapped-bin-type": "Bin name only partly understood",
    "convert.row-length": "Row length differs from header",
    "convert.streams-folded": "Several streams held as one",
    "convert.unknown-column": "Unknown column",
    "convert.unmapped-bin-type": "Bin name that names no waste",
    "convert.unmapped-value": "Value with no mapping",
}

#: How to fix each code's findings, where the general advice does not fit.
FIXES: Mapping[str, str] = {
    "convert.bad-date": (
        "Fix the exporter or scraper to write each date as dd/mm/yyyy, with its year."
    ),
    "convert.council-mapping": (
        "Nothing, if the mapping is right; otherwise correct the council's file in "
        "src/lgstandards/conversions/data/ukbcd/, with evidence."
    ),
    "convert.field-not-carried": (
        "Nothing is needed; keep the input if you need the field, or ask for a place for it in "
        "the standard."
    ),
    "convert.field-renamed": (
        "Run a current version of the scraper, which writes the format's names."
    ),
    "convert.moved-collection": (
        "Publish the schedule from the council's own system, which knows the first date."
    ),
    "convert.partly-mapped-bin-type": (
        "Add the colours to the council's mapping file with their evidence, or set the "
        "streams by hand."
    ),
    "convert.streams-folded": (
        "Nothing is needed; the service's name keeps the other streams, and the schedule's next "
        "major version holds several streams a service."
    ),
    "convert.unmapped-bin-type": (
        "Add what the council's colours hold to a mapping file "
        "(src/lgstandards/conversions/data/ukbcd/README.md), ask the scraper's maintainers to "
        "name the waste, or set the stream by hand."
    ),
}

#: Each code's usual severity (error unless listed).
NOTICE_SEVERITIES: Mapping[str, Severity] = {
    "convert.changed-value": Severity.WARNING,
    "convert.column-not-carried": Severity.INFO,
    "convert.council-mapping": Severity.INFO,
    "convert.duplicate-column": Severity.WARNING,
    "convert.field-not-carried": Severity.WARNING,
    "convert.field-renamed": Severity.WARNING,
    "convert.moved-collection": Severity.WARNING,
    "convert.not-utf8": Severity.WARNING,
    "convert.partly-mapped-bin-type": Severity.WARNING,
    "convert.streams-folded": Severity.INFO,
    "convert.unknown-column": Severity.WARNING,
    "convert.unmapped-bin-type": Severity.WARNING,
}
