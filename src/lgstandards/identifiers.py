"""UK identifiers checked against the authorities that issue them, and put in their written form.

The patterns here are those of the `common` standard at 2.0.0 (a test proves they are the same
strings as the schema's), for code that must judge or tidy an identifier outside a schema: the
converters, and the migration from `common` 1.x to 2.0.0. Each `normal_*` function returns the
identifier in the form its authority writes it, or None when no safe rewrite makes it one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = [
    "COUNCIL_GSS",
    "COUNCIL_PREFIXES",
    "LEGACY_ORGANISATIONS",
    "ORGANISATION",
    "POSTCODE",
    "UPRN",
    "USRN",
    "normal_organisation",
    "normal_postcode",
    "normal_uprn",
    "normal_usrn",
]

#: A UPRN as Ordnance Survey issues it: a positive whole number of at most 12 digits, no zeros
#: in front (AddressBase holds it as an integer; zero-padding is one system's display habit).
UPRN = re.compile(r"^[1-9][0-9]{0,11}$")

#: A USRN from the National Street Gazetteer: a positive whole number of at most 8 digits.
USRN = re.compile(r"^[1-9][0-9]{0,7}$")

#: A postcode by Royal Mail's rules for each position: the area's first letter is never Q, V or
#: X and its second never I, J or Z; the letter after the district digit is limited (A9A and
#: AA9A); the inward code's letters are never C, I, K, M, O or V. GIR 0AA is Girobank's.
POSTCODE = re.compile(
    r"^(GIR 0AA|([A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?"
    r"|[A-PR-UWYZ][0-9][ABCDEFGHJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])"
    r" [0-9][ABD-HJLNP-UW-Z]{2})$"
)

#: GSS code prefixes of the authorities a `council` may be (ONS Register of Geographic Codes;
#: the E11, E12, E26, E51 and E60 uses are those planning.data.gov.uk's organisation data gives).
COUNCIL_PREFIXES: Mapping[str, str] = {
    "E06": "unitary authority (England)",
    "E07": "non-metropolitan district (England)",
    "E08": "metropolitan district (England)",
    "E09": "London borough, or the City of London",
    "E10": "county (England)",
    "E11": "metropolitan county, for the joint authorities that serve one",
    "E12": "region, for the Greater London Authority (London's code)",
    "E26": "national park, for its national park authority (England)",
    "E47": "combined authority or combined county authority",
    "E51": "development corporation",
    "E60": "local planning authority (England)",
    "W06": "principal area: county or county borough council (Wales)",
    "W18": "national park, for its national park authority (Wales)",
    "S12": "council area (Scotland)",
    "S21": "national park, for its national park authority (Scotland)",
    "N09": "local government district (Northern Ireland)",
}

#: The GSS code of an authority: one of COUNCIL_PREFIXES and six digits.
COUNCIL_GSS = re.compile(r"^(E0[6-9]|E1[0-2]|E26|E47|E51|E60|W06|W18|S12|S21|N09)[0-9]{6}$")

#: An organisation identifier with its reference in the form its planning.data.gov.uk dataset
#: mints: three to five capitals for a local authority, Wikidata Q numbers for the datasets keyed
#: by Wikidata, GOV.UK organisation codes (D1342, PB202, EA199), E60 codes for planning authorities.
ORGANISATION = re.compile(
    r"^((local-authority):[A-Z]{3,5}"
    r"|(local-planning-authority):E60[0-9]{6}"
    r"|(local-planning-group):([A-Z]{3,5}|Q[1-9][0-9]{0,9})(-([A-Z]{3,5}|Q[1-9][0-9]{0,9})){1,9}"
    r"|(national-park-authority|development-corporation|waste-authority|public-authority"
    r"|regional-park-authority|passenger-transport-executive|nonprofit):Q[1-9][0-9]{0,9}"
    r"|(government-organisation):[A-Z]{1,3}[1-9][0-9]{0,5})$"
)

#: Identifiers seen in use before planning.data.gov.uk minted its own, and what it mints for the
#: same body: the statutory joint waste disposal authorities of London by their abbreviations.
LEGACY_ORGANISATIONS: Mapping[str, str] = {
    "waste-authority:ELWA": "waste-authority:Q20711950",
    "waste-authority:NLWA": "waste-authority:Q20713477",
    "waste-authority:WLWA": "waste-authority:Q21921612",
    "waste-authority:WRWA": "waste-authority:Q21935501",
}

_SPACE = re.compile(r"\s+")


def normal_uprn(text: str) -> str | None:
    """Return a UPRN without spaces or leading zeros, or None if it is not a positive number."""
    digits = text.strip()
    if not digits.isascii() or not digits.isdigit() or len(digits) > 12:
        return None
    trimmed = digits.lstrip("0")
    return trimmed if UPRN.match(trimmed) else None


def normal_usrn(text: str) -> str | None:
    """Return a USRN without spaces or leading zeros, or None if it is not a positive number."""
    digits = text.strip()
    if not digits.isascii() or not digits.isdigit() or len(digits) > 8:
        return None
    trimmed = digits.lstrip("0")
    return trimmed if USRN.match(trimmed) else None


def normal_postcode(text: str) -> str | None:
    """Return a postcode in capitals with one space before the inward code, or None if invalid."""
    squeezed = _SPACE.sub("", text).upper()
    if not 5 <= len(squeezed) <= 7:
        return None
    written = f"{squeezed[:-3]} {squeezed[-3:]}"
    return written if POSTCODE.match(written) else None


def normal_organisation(text: str) -> str | None:
    """Return an organisation identifier as planning.data.gov.uk mints it, or None if unknown."""
    value = text.strip()
    dataset, colon, reference = value.partition(":")
    if not colon:
        return None
    if dataset == "local-authority-eng":
        dataset = "local-authority"  # planning.data.gov.uk's older name for the same dataset.
    if dataset == "local-authority":
        reference = reference.upper()
    value = LEGACY_ORGANISATIONS.get(f"{dataset}:{reference}", f"{dataset}:{reference}")
    return value if ORGANISATION.match(value) else None
