"""Plain-English messages: name the field by its title and say what was expected."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence, Set
from typing import Any

from lgstandards.formats import FORMAT_DESCRIPTIONS

_DATE_SHAPE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2}))?"
)
_REAL = {
    "date": "a real calendar date (check the month and the day)",
    "date-time": "a real date and time (check the month, day, hours, minutes and offset)",
}

_TYPE_NAMES = {
    "string": "text (a string)",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "an object",
    "array": "a list",
    "null": "null",
}

#: A command-line option named in advice, such as "--past-days" (not a CSS "--err" in a word).
_OPTION = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")


def suggest(accepts: Set[str], named: str, words: str = "") -> str:
    """Return advice naming options when the caller accepts every one of them, else `words`.

    The caller (a command, or a web form that has none) says which options it takes, so a
    message never sends someone to an option their tool would refuse; `words` says the same
    without naming one, or nothing when only the option could help.
    """
    return named if all(option in accepts for option in _OPTION.findall(named)) else words


def humanise(name: str) -> str:
    """Turn a property name such as 'collection_date' into 'Collection date'."""
    words = re.sub(r"[_\-]+", " ", re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)).strip()
    return words[:1].upper() + words[1:].lower() if words else name


def title_of(schema: Mapping[str, Any], name: str) -> str:
    """Return the schema's title, or the property name made readable."""
    title = schema.get("title") if isinstance(schema, Mapping) else None
    return str(title) if title else humanise(name)


def show(value: Any, limit: int = 60) -> str:
    """Show a value briefly, as it would appear in the data."""
    if isinstance(value, str):
        text = repr(value) if len(value) <= limit else repr(value[:limit]) + "..."
        return text
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        text = str(value)
        return text if len(text) <= limit else text[:limit] + "..."
    if isinstance(value, list):
        return f"a list of {len(value)} item" + ("" if len(value) == 1 else "s")
    if isinstance(value, dict):
        return "an object"
    return repr(value)[:limit]


def json_type(value: Any) -> str:
    """Return the JSON type name of a Python value, as the data's author would see it."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "the number"
    if isinstance(value, str):
        return "the text"
    if value is None:
        return "null"
    if isinstance(value, list):
        return "a list"
    return "an object"


def what_it_is(value: Any) -> str:
    """Say what a value is, naming its type and showing it once: 'the number 5', 'an object'."""
    if isinstance(value, bool):
        return f"the value {show(value)}"
    if value is None or isinstance(value, list | dict):
        # show() already names these ('null', 'a list of 2 items', 'an object'): naming the
        # type again would read "an object an object".
        return show(value)
    return f"{json_type(value)} {show(value)}"


def required(title: str, name: str) -> str:
    """Explain a missing required property."""
    return f"{title} is required but missing (add '{name}')."


def additional_property(name: str, allowed: Sequence[str]) -> str:
    """Explain a property that the schema does not allow."""
    hint = f" Allowed fields here: {', '.join(allowed)}." if allowed and len(allowed) <= 25 else ""
    # Only point at 'extensions' where the schema has such a place for local additions.
    where = " or move it under 'extensions'" if "extensions" in allowed else ""
    return f"'{name}' is not a field of this standard; check its spelling{where}.{hint}"


def one_of_many(title: str) -> str:
    """Explain a value that matches more than one branch of a oneOf."""
    return f"{title} matches more than one of the forms this field allows; it must match one."


def _count(number: Any, word: str) -> str:
    """Return '1 character' or '3 characters'."""
    return f"{number} {word}" + ("" if number == 1 else "s")


def _list(values: Sequence[Any], limit: int = 12) -> str:
    shown = ", ".join(show(v) for v in values[:limit])
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "")


def explain(
    keyword: str,
    title: str,
    value: Any,
    expected: Any,
    schema: Mapping[str, Any],
    codelists: Mapping[str, frozenset[str]] | None = None,
) -> str:
    """Explain a failed JSON Schema keyword in a sentence a data officer can act on."""
    described = schema.get("x-expected") if isinstance(schema, Mapping) else None
    if keyword == "pattern":
        want = described or f"text matching the pattern {expected}"
        return f"{title} {show(value)} is not {want}."
    if keyword == "format":
        if expected in _REAL and isinstance(value, str) and _DATE_SHAPE.fullmatch(value):
            # The right shape with an impossible value: say so rather than repeat the form.
            return f"{title} {show(value)} is not {_REAL[expected]}."
        want = described or FORMAT_DESCRIPTIONS.get(str(expected), f"in the '{expected}' format")
        return f"{title} {show(value)} is not {want}."
    if keyword == "type":
        types = expected if isinstance(expected, list) else [expected]
        want = " or ".join(_TYPE_NAMES.get(str(t), str(t)) for t in types)
        hint = ""
        if "string" in types and isinstance(value, int | float) and not isinstance(value, bool):
            digits = (
                "0-9" in str(schema.get("pattern", "")) if isinstance(schema, Mapping) else False
            )
            hint = "; put it in quotes" + (" so leading zeros are kept" if digits else "")
        return f"{title} should be {want}, but is {what_it_is(value)}{hint}."
    if keyword == "enum":
        codelist = schema.get("x-codelist") if isinstance(schema, Mapping) else None
        where = f" (codelist {codelist})" if codelist else ""
        allowed = _list(list(expected))
        return f"{title} {show(value)} is not one of the allowed values{where}: {allowed}."
    if keyword == "const":
        return f"{title} must be {show(expected)}, not {show(value)}."
    if keyword == "minLength":
        least = _count(expected, "character")
        if value == "":
            return f"{title} is empty: it needs at least {least}."
        return f"{title} {show(value)} is too short: it needs at least {least}."
    if keyword == "maxLength":
        return f"{title} is too long: it may have at most {expected} characters."
    if keyword in ("minimum", "exclusiveMinimum"):
        rel = "at least" if keyword == "minimum" else "more than"
        return f"{title} {show(value)} is too small: it must be {rel} {expected}."
    if keyword in ("maximum", "exclusiveMaximum"):
        rel = "at most" if keyword == "maximum" else "less than"
        return f"{title} {show(value)} is too large: it must be {rel} {expected}."
    if keyword == "minItems":
        return f"{title} needs at least {_count(expected, 'item')}, but has {len(value)}."
    if keyword == "maxItems":
        return f"{title} may have at most {_count(expected, 'item')}, but has {len(value)}."
    if keyword == "uniqueItems":
        return f"{title} lists the same item more than once."
    if keyword == "multipleOf":
        return f"{title} {show(value)} must be a multiple of {expected}."
    if keyword in ("minProperties", "maxProperties"):
        rel = "at least" if keyword == "minProperties" else "at most"
        return f"{title} must have {rel} {_count(expected, 'field')}."
    if keyword in ("anyOf", "oneOf"):
        return f"{title} does not match any of the forms this field allows."
    if keyword == "not":
        return f"{title} has a value that is not allowed here."
    if keyword == "false":
        return f"{title} is not allowed here."
    if keyword == "dependentRequired":
        return f"{title} is missing fields that must come with it: {_list(list(expected or []))}."
    return f"{title} does not conform ({keyword})."
