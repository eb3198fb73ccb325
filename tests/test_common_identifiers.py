"""UK identifiers in `common` 1.1.0 and 2.0.0, judged by the rules of their issuing authorities."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lgstandards import identifiers
from lgstandards.conformance import Checker
from lgstandards.development.migrations import ALL
from lgstandards.development.migrations.common import MIGRATIONS, TELEPHONE, migrate
from lgstandards.identifiers import (
    normal_organisation,
    normal_postcode,
    normal_uprn,
    normal_usrn,
)
from lgstandards.rules import RuleOptions

REPO = Path(__file__).resolve().parents[1]
COMMON = REPO / "standards" / "common"
REAL = Path(__file__).resolve().parent / "data" / "real" / "identifiers"


def _defs(version: str) -> dict[str, Any]:
    schema = json.loads((COMMON / version / "schema.json").read_text())
    defs: dict[str, Any] = schema["$defs"]
    return defs


def _checker(version: str) -> Checker:
    return Checker.for_standard(f"common@{version}", options=RuleOptions(), allow_draft=True)


def _codes(version: str, record: dict[str, Any]) -> list[tuple[str, str]]:
    return [(f.code, f.pointer) for f in _checker(version).check_record(record)]


# -- the module and the schema say the same thing -------------------------------------------------


def test_module_patterns_are_the_schema_patterns() -> None:
    """identifiers.py holds exactly the 2.0.0 schema's patterns, so code and schema agree."""
    defs = _defs("2.0.0")
    assert identifiers.UPRN.pattern == defs["uprn"]["pattern"]
    assert identifiers.USRN.pattern == defs["usrn"]["pattern"]
    assert identifiers.POSTCODE.pattern == defs["postcode"]["pattern"]
    assert identifiers.ORGANISATION.pattern == defs["organisation"]["pattern"]
    assert identifiers.COUNCIL_GSS.pattern == defs["council_gss_code"]["pattern"]
    assert TELEPHONE.pattern == defs["telephone"]["pattern"]
    # The council prefixes listed for people are the ones the pattern accepts.
    assert _defs("1.1.0")["council_gss_code"]["pattern"] == identifiers.COUNCIL_GSS.pattern
    for prefix in identifiers.COUNCIL_PREFIXES:
        assert identifiers.COUNCIL_GSS.match(prefix + "000001"), prefix


# -- real identifiers, from their authorities' own lists ------------------------------------------


def _real(name: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = json.loads((REAL / name).read_text())
    return rows


@pytest.mark.parametrize("version", ["1.1.0", "2.0.0"])
def test_every_real_authority_is_accepted(version: str) -> None:
    """Every authority in planning.data.gov.uk's organisation data and the scrapers' list passes."""
    checker = _checker(version)
    authorities = _real("authorities.json")
    assert len(authorities) > 400
    for row in authorities:
        council = {k: row[k] for k in ("gss_code", "organisation") if row.get(k)}
        assert checker.check_record({"council": council}) == [], row


@pytest.mark.parametrize("version", ["1.1.0", "2.0.0"])
def test_real_uprns_and_postcodes_as_their_authorities_write_them(version: str) -> None:
    """The scrapers' test UPRNs and postcodes, written as OS and Royal Mail do, all pass."""
    checker = _checker(version)
    places = _real("places.json")
    assert len(places) > 150
    for place in places:
        record: dict[str, Any] = {}
        if place.get("uprn"):
            record["uprn"] = normal_uprn(place["uprn"])
        if place.get("postcode"):
            record["postcode"] = normal_postcode(place["postcode"])
        assert None not in record.values(), place
        assert checker.check_record(record) == [], place


def test_real_zero_padded_uprns_are_refused_by_2_and_mended_by_the_migration() -> None:
    """Councils' zero-padded UPRNs pass 1.1.0, fail 2.0.0, and upgrade without loss."""
    padded = [p["uprn"] for p in _real("places.json") if p.get("uprn", "").startswith("0")]
    assert padded, "the scrapers' inputs include zero-padded UPRNs"
    for uprn in padded:
        assert _codes("1.1.0", {"uprn": uprn}) == []
        assert _codes("2.0.0", {"uprn": uprn}) == [("schema.pattern", "/uprn")]
        upgraded = migrate({"uprn": uprn})
        assert _codes("2.0.0", upgraded.record) == []
        assert int(upgraded.record["uprn"]) == int(uprn)


# -- what each version accepts and refuses --------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "ok_1", "ok_2"),
    [
        ("100023336956", True, True),
        ("1", True, True),
        ("000000199356", True, False),
        ("0", True, False),
        ("000000000000", True, False),
        ("1000233369560", False, False),
        ("12a", False, False),
    ],
)
def test_uprn(value: str, ok_1: bool, ok_2: bool) -> None:
    """1.x takes any 1-12 digits; 2.0.0 only what OS issues: positive, no leading zeros."""
    assert (_codes("1.1.0", {"uprn": value}) == []) is ok_1
    assert (_codes("2.0.0", {"uprn": value}) == []) is ok_2


@pytest.mark.parametrize(
    ("postcode", "ok_2"),
    [
        ("SW1A 1AA", True), ("EC1A 1BB", True), ("W1A 0AX", True), ("M1 1AE", True),
        ("B33 8TH", True), ("CR2 6XH", True), ("DN55 1PT", True), ("GIR 0AA", True),
        ("N1C 4AG", True), ("E1W 1AA", True), ("NW1W 9BE", True),
        ("QX1 1AA", False),  # Q never starts a postcode.
        ("VA1 1AA", False),  # Nor V.
        ("XM4 5HQ", False),  # Nor X (Royal Mail's letters to Santa use a code outside the rules).
        ("AI1 1AA", False),  # I is never second.
        ("EJ1 1AA", False),  # Nor J.
        ("W1I 1AA", False),  # I never follows the digit in an A9A outward code.
        ("EC1Z 1AA", False),  # Z never follows the digit in an AA9A outward code.
        ("SW1A 1CI", False),  # C and I never appear in the inward code.
        ("SW1A 1AK", False), ("SW1A 1MA", False), ("SW1A 1OA", False), ("SW1A 1AV", False),
        ("SW1A1AA", False), ("sw1a 1aa", False), ("BFPO 123", False), ("ASCN 1ZZ", False),
    ],
)
def test_postcode_by_position(postcode: str, ok_2: bool) -> None:
    """2.0.0 applies Royal Mail's rules for each position of a postcode."""
    assert (_codes("2.0.0", {"postcode": postcode}) == []) is ok_2
    assert bool(identifiers.POSTCODE.fullmatch(postcode)) is ok_2


@pytest.mark.parametrize(
    ("code", "ok"),
    [
        ("E06000023", True), ("E07000223", True), ("E08000025", True), ("E09000001", True),
        ("E10000032", True), ("E11000002", True), ("E12000007", True), ("E26000006", True),
        ("E47000001", True), ("E51000001", True), ("E60000324", True), ("W06000015", True),
        ("S12000036", True), ("N09000003", True),
        ("E05000123", False),  # A ward, not an authority.
        ("E92000001", False),  # England, not an authority.
        ("E14000639", False),  # A parliamentary constituency.
        ("E4700001", False), ("e47000001", False),
    ],
)
def test_council_gss_code(code: str, ok: bool) -> None:
    """An authority's GSS code has one of the authority prefixes, in 1.1.0 and 2.0.0 alike."""
    for version in ("1.1.0", "2.0.0"):
        assert (_codes(version, {"council": {"gss_code": code}}) == []) is ok, version
    # 1.0.0 knew only councils: E47 and E60 were refused.
    if code[:3] in ("E47", "E60"):
        assert _codes("1.0.0", {"council": {"gss_code": code}}) != []


@pytest.mark.parametrize(
    ("value", "ok_1", "ok_2"),
    [
        ("local-authority:BIR", True, True),
        ("local-authority:SYMCA", True, True),
        ("national-park-authority:Q72617158", True, True),
        ("development-corporation:Q6670544", True, True),
        ("government-organisation:D1342", True, True),
        ("government-organisation:PB1164", True, True),
        ("local-planning-group:NYK-Q72617669-YOR", True, True),
        ("local-planning-authority:E60000281", True, True),
        ("regional-park-authority:Q6515400", True, True),
        ("local-authority-eng:BST", True, False),
        ("local-authority:bir", True, False),
        ("waste-authority:NLWA", True, False),
        ("local-authority:Bristol City Council", False, False),
        ("parish:Q1", False, False),
        ("BIR", False, False),
    ],
)
def test_organisation(value: str, ok_1: bool, ok_2: bool) -> None:
    """1.1.0 takes planning.data.gov.uk's datasets; 2.0.0 each dataset's own reference form."""
    assert (_codes("1.1.0", {"council": {"organisation": value}}) == []) is ok_1
    assert (_codes("2.0.0", {"council": {"organisation": value}}) == []) is ok_2


@pytest.mark.parametrize(
    ("number", "ok_1", "ok_2"),
    [
        ("0117 922 2000", True, True),
        ("(01273) 263000", True, True),
        ("+44 (0)1273 263000", True, True),
        ("01273 263000 ext 123", True, True),
        ("01273 263000 Ext. 123", True, True),
        ("01273-263000 x12", True, True),
        ("0300 123 4567", True, True),
        ("       ", True, False),  # Seven spaces passed the 1.0.0 pattern.
        (" 0117 922 2000", True, False),
        ("999", False, False),
        ("call us", False, False),
        ("01273 263000 ext", False, False),
    ],
)
def test_telephone(number: str, ok_1: bool, ok_2: bool) -> None:
    """Numbers as people write them pass; 2.0.0 also wants seven digits and no stray spaces."""
    record = {"contact": {"telephone": number, "consent_to_contact": True}}
    assert (_codes("1.1.0", record) == []) is ok_1
    assert (_codes("2.0.0", record) == []) is ok_2
    # Everything 1.0.0 accepted, 1.1.0 accepts (a MINOR version only loosens).
    if _codes("1.0.0", record) == []:
        assert ok_1


def test_money_over_a_million_to_the_penny() -> None:
    """S106 and contract sums over £1m pass 1.1.0 with their pence; 1.0.0 refused them."""
    record = {"money": {"amount": 2750000.55, "currency": "GBP"}}
    assert _codes("1.0.0", record) == [("schema.maximum", "/money/amount")]
    assert _codes("1.1.0", record) == []
    assert _codes("2.0.0", record) == []
    # Pence survive the JSON round trip at the largest amount allowed.
    assert json.loads(json.dumps(999999999999.99)) == 999999999999.99


@pytest.mark.parametrize(
    ("address", "ok"),
    [
        ({"paon": "12", "street": "Ferry Road", "town": "Shoreham-by-Sea"}, True),
        ({"paon": "Schoolhouse", "locality": "Finstown", "postcode": "KW15 1NY"}, True),
        ({"paon": "Rose Cottage", "town": "Lerwick", "postcode": "ZE1 0NY"}, True),
        ({"single_line": "Land at Manor Farm, Little Snoring"}, True),
        ({"paon": "Rose Cottage", "town": "Lerwick"}, False),
        ({"street": "High Street", "town": "Lerwick"}, False),
        ({"paon": "Rose Cottage", "postcode": "ZE1 0NY"}, False),
    ],
)
def test_address_without_a_street(address: dict[str, str], ok: bool) -> None:
    """A name or number, a place and a street or postcode is an address; so is a single line."""
    assert (_codes("1.1.0", {"address": address}) == []) is ok


# -- the migration --------------------------------------------------------------------------------


def test_migration_is_registered() -> None:
    """The upgrade engine finds the common 1 to 2 migration."""
    assert MIGRATIONS[0] in ALL
    assert (MIGRATIONS[0].standard, MIGRATIONS[0].from_major, MIGRATIONS[0].to_major) == (
        "common", 1, 2
    )


def _examples(version: str) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for path in sorted((COMMON / version / "examples" / "valid").iterdir()):
        lines = path.read_text().splitlines() if path.suffix == ".ndjson" else [path.read_text()]
        records.extend(json.loads(line) for line in lines if line.strip())
    return records


@pytest.mark.parametrize("version", ["1.0.0", "1.1.0"])
def test_every_valid_1x_example_upgrades_to_a_valid_2_0_0_record(version: str) -> None:
    """The upgrade contract: each valid 1.x example, migrated, is valid under 2.0.0."""
    for record in _examples(version):
        before = json.dumps(record, sort_keys=True)
        upgraded = migrate(record)
        assert json.dumps(record, sort_keys=True) == before, "the migration changed its input"
        upgraded.record.pop("$schema", None)  # The engine, not the migration, rewrites it.
        assert _codes("2.0.0", upgraded.record) == [], (record, upgraded.notes)


def test_migration_rewrites_what_is_safe_and_notes_the_rest() -> None:
    """Spacing, case, zeros and old names are mended and noted; impossible values are kept."""
    upgraded = migrate({
        "uprn": "000125011723",
        "usrn": "0",
        "postcode": "pa286lj",
        "address": {"paon": "1", "street": "A Road", "town": "Oban", "postcode": "QX1 1AA"},
        "council": {"organisation": "local-authority-eng:bst"},
        "contact": {"telephone": " 01631  567000 ", "consent_to_contact": True},
    })
    assert upgraded.record["uprn"] == "125011723"
    assert upgraded.record["usrn"] == "0"
    assert upgraded.record["postcode"] == "PA28 6LJ"
    assert upgraded.record["address"]["postcode"] == "QX1 1AA"
    assert upgraded.record["council"] == {"organisation": "local-authority:BST"}
    assert upgraded.record["contact"]["telephone"] == "01631 567000"
    assert [n.pointer for n in upgraded.notes] == [
        "/uprn", "/usrn", "/postcode", "/council/organisation", "/address/postcode",
        "/contact/telephone",
    ]
    assert not any(n.lossy for n in upgraded.notes)
    left = {n.pointer for n in upgraded.notes if "written" not in n.message}
    assert left == {"/usrn", "/address/postcode"}


@given(st.from_regex(r"[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}", fullmatch=True))
def test_a_normalised_postcode_is_valid_or_refused(text: str) -> None:
    """normal_postcode returns either a postcode 2.0.0 accepts, or None: never something else."""
    written = normal_postcode(text)
    assert written is None or identifiers.POSTCODE.fullmatch(written)
    if written is not None:
        assert written.replace(" ", "") == text.replace(" ", "").upper()


def test_normal_forms() -> None:
    """Each normaliser writes its identifier as the authority does, or gives None."""
    assert normal_uprn(" 000000199356 ") == "199356"
    assert normal_uprn("0") is None and normal_uprn("12345678901234") is None
    assert normal_usrn("021900653"[:8]) == "2190065"
    assert normal_usrn("") is None
    assert normal_postcode("bn43  5ra") == "BN43 5RA"
    assert normal_postcode("SA43PQ") == "SA4 3PQ"
    assert normal_organisation("waste-authority:NLWA") == "waste-authority:Q20713477"
    assert normal_organisation("local-authority:gmca") == "local-authority:GMCA"
    assert normal_organisation("Bristol") is None
