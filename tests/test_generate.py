"""`lgstandards generate`: records passing every rule; invalid ones whose defects validate finds."""

from __future__ import annotations

import datetime as dt
import functools
import json
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from lgstandards.cli import main
from lgstandards.conformance import Checker
from lgstandards.errors import LgstandardsError
from lgstandards.generate import GenerateError, generator, sidecar_path, write
from lgstandards.generate.defects import DEFECTS, EXAMPLES_TODAY
from lgstandards.generate.values import Serials
from lgstandards.identifiers import POSTCODE, UPRN, USRN
from lgstandards.registry import catalogue
from lgstandards.rules.base import RuleOptions

#: Every version of every data standard lgstandards holds: each must be generated.
VERSIONS = sorted(
    f"{v.id}@{v.version}" for v in catalogue().versions() if v.manifest.kind == "data"
)

#: The versions the issue names, so a catalogue change cannot quietly drop one of them.
NAMED = (
    "waste-property-schedule@1.0.0", "waste-property-schedule@2.0.0",
    "planning-application-register@1.0.0", "planning-application-register@2.0.0",
    "waste-service-catalogue@1.0.0", "waste-service-catalogue@2.0.0",
    "waste-missed-collection-report@1.1.0", "waste-bulky-booking@1.1.0",
    "waste-garden-subscription@1.0.0", "waste-container-request@1.0.0",
    "waste-disruption-notice@1.0.0",
)


@functools.cache
def _checker(ref: str) -> Checker:
    """Return a checker of every rule, judging dates as of the examples' day."""
    return Checker.for_standard(ref, options=RuleOptions(today=EXAMPLES_TODAY))


def _file(tmp_path: Path, ref: str, count: int, seed: int, *, invalid: bool = False
          ) -> tuple[Path, Path | None]:
    """Write generated records (and defects) as the CLI does, and return the paths."""
    gen = generator(ref, invalid=invalid)
    path = tmp_path / "records.ndjson"
    defects = sidecar_path(path) if invalid else None
    with path.open("w", encoding="utf-8") as out:
        if defects is None:
            write(gen, count, seed, out)
        else:
            with defects.open("w", encoding="utf-8") as faults:
                write(gen, count, seed, out, faults)
    return path, defects


def _findings(ref: str, path: Path) -> list[tuple[int | None, str, str]]:
    """Return (record, code, pointer) of every finding validate gives for a file."""
    report = _checker(ref).check_paths([str(path)])
    return sorted((f.location.record, f.code, f.pointer)
                  for file in report.files for f in file.findings)


def test_every_named_version_is_a_data_standard_here() -> None:
    """The versions the issue names are all in the catalogue, so the tests below cover them."""
    assert set(NAMED) <= set(VERSIONS)


@pytest.mark.parametrize("seed", [0, 7])
@pytest.mark.parametrize("ref", VERSIONS)
def test_valid_records_have_no_finding(tmp_path: Path, ref: str, seed: int) -> None:
    """200 generated records pass the schema and every rule, file-wide rules included."""
    path, _ = _file(tmp_path, ref, 200, seed)
    assert len(path.read_text().splitlines()) == 200
    assert _findings(ref, path) == []


@pytest.mark.parametrize("ref", VERSIONS)
def test_invalid_records_give_exactly_the_sidecars_findings(tmp_path: Path, ref: str) -> None:
    """Each record has one defect, and validate finds just it: code and pointer, per record."""
    path, defects = _file(tmp_path, ref, 200, 3, invalid=True)
    assert defects is not None
    listed = [json.loads(line) for line in defects.read_text().splitlines()]
    assert [d["record"] for d in listed] == list(range(1, 201))
    assert {d["defect"] for d in listed} <= set(DEFECTS)
    assert _findings(ref, path) == sorted((d["record"], d["code"], d["pointer"]) for d in listed)


def test_every_defect_is_made_for_some_standard() -> None:
    """No defect in the list is dead: each fits at least one standard's examples."""
    made: set[str] = set()
    for ref in VERSIONS:
        gen = generator(ref, invalid=True)
        made |= {v.defect for group in gen.variants for v in group}
    assert made == set(DEFECTS)


def test_same_seed_same_records_other_seed_others() -> None:
    """A seed fixes the records byte for byte; another seed gives other records."""
    gen = generator("waste-property-schedule@2")
    first = [line for line, _ in gen.lines(50, seed=11)]
    assert first == [line for line, _ in gen.lines(50, seed=11)]
    assert first != [line for line, _ in gen.lines(50, seed=12)]


@pytest.mark.parametrize("ref", ["waste-property-schedule@1", "waste-property-schedule@2"])
def test_schedules_have_unique_uprns_and_real_shaped_identifiers(ref: str) -> None:
    """Every schedule has its own UPRN; UPRNs, USRNs and postcodes are written as issued."""
    records = list(generator(ref).records(2000, seed=5))
    uprns = [r["property"]["uprn"].lstrip("0") for r in records]
    assert len(set(uprns)) == len(uprns)
    for record in records:
        place = record["property"]
        assert UPRN.match(place["uprn"].lstrip("0"))
        assert "usrn" not in place or USRN.match(place["usrn"])
        assert POSTCODE.match(place["address"]["postcode"])
    # Addresses vary, not only identifiers: many streets and postcodes among 2,000 homes.
    assert len({r["property"]["address"]["postcode"] for r in records}) > 1000
    assert len({r["property"]["address"].get("street") for r in records}) > 100


@pytest.mark.parametrize("ref", ["planning-application-register@1",
                                 "planning-application-register@2"])
def test_planning_references_are_unique_and_dates_in_order(ref: str) -> None:
    """No reference repeats within an authority; received, valid and decided run in order."""
    records = list(generator(ref).records(2000, seed=9))
    keys = Counter((r["organisation"]["organisation"], r["reference"]) for r in records)
    assert max(keys.values()) == 1
    for record in records:
        received = record["received_date"]
        assert received <= record.get("valid_date", received)
        decided = (record.get("decision") or {}).get("decision_date") \
            or record.get("decision_date")
        assert decided is None or received <= decided
        assert received <= EXAMPLES_TODAY.isoformat()


def test_dates_move_by_whole_weeks() -> None:
    """A missed collection's dates move, keeping their weekday, so schedules still hold."""
    records = list(generator("waste-missed-collection-report@1.1").records(300, seed=2))
    days = {r["collection_date"] for r in records}
    assert len(days) > 10
    weekdays = {dt.date.fromisoformat(d).weekday() for d in days}
    assert len(weekdays) <= 4  # the four examples' weekdays, no others


def test_serials_never_repeat_and_widen_when_needed() -> None:
    """Serial numbers are distinct for distinct indexes, widening past what a width holds."""
    serials = Serials(2, 500, random.Random(1), leading_zero=False)
    made = [serials(i) for i in range(500)]
    assert len(set(made)) == 500
    assert serials.width == 3 and all(len(m) == 3 and m[0] != "0" for m in made)


def test_api_standard_is_refused() -> None:
    """An API standard has no records to generate: a clear error, not a traceback."""
    with pytest.raises(GenerateError, match="API standard"):
        generator("waste-collections-api@2")


def test_cli_writes_records_that_validate_cleanly(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """`generate -o` writes NDJSON that `validate` passes, and says what it wrote."""
    out = tmp_path / "schedules.ndjson"
    code = main(["generate", "waste-property-schedule@2", "-n", "40", "--seed", "4",
                 "-o", str(out)])
    assert code == 0
    assert "Wrote 40 records of waste-property-schedule@2.0.0" in capsys.readouterr().err
    code = main(["validate", "-s", "waste-property-schedule@2", "--today", "2026-12-05",
                 str(out)])
    assert code == 0
    assert "0 do not conform" in capsys.readouterr().out


def test_cli_invalid_writes_a_sidecar_validate_agrees_with(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--invalid -o FILE` writes FILE.defects.ndjson; validate's JSON report matches it."""
    out = tmp_path / "bookings.ndjson"
    assert main(["generate", "waste-bulky-booking@1.1", "-n", "30", "--invalid",
                 "-o", str(out)]) == 0
    report = tmp_path / "report.json"
    assert main(["validate", "-s", "waste-bulky-booking@1.1", "--today", "2026-12-05",
                 "--format", "json", "-o", str(report), str(out)]) == 1
    capsys.readouterr()
    found = sorted(
        (f["location"]["record"], f["code"], f["pointer"])
        for file in json.loads(report.read_text())["files"] for f in file["findings"]
    )
    sidecar = tmp_path / "bookings.ndjson.defects.ndjson"
    listed = [json.loads(line) for line in sidecar.read_text().splitlines()]
    assert found == sorted((d["record"], d["code"], d["pointer"]) for d in listed)


def test_cli_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    """Without -o the records go to standard output, one JSON object a line."""
    assert main(["generate", "waste-container-request", "-n", "5"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5 and all(json.loads(line)["reference"] for line in lines)


@pytest.mark.parametrize(("args", "message"), [
    (["waste-collections-api"], "is an API standard"),
    (["street-reports-api@1"], "is an API standard"),
    (["no-such-standard"], "there is no standard 'no-such-standard'"),
    (["waste-bulky-booking", "--invalid"], "--invalid needs a file for its defects"),
    (["waste-bulky-booking", "--defects", "d.ndjson"], "--defects is for --invalid"),
    (["waste-bulky-booking", "-n", "-1"], "-1 is not in the range"),
])
def test_cli_refusals_exit_2(capsys: pytest.CaptureFixture[str], args: list[str],
                             message: str) -> None:
    """What generate cannot do exits 2 with a sentence saying why."""
    assert main(["generate", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_cli_unwritable_output_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                       ) -> None:
    """A file that cannot be written is named in the error, with exit 2."""
    target = tmp_path / "missing-folder" / "x.ndjson"
    assert main(["generate", "waste-bulky-booking", "-n", "2", "-o", str(target)]) == 2
    assert f"cannot write the records to {target}" in capsys.readouterr().err


def test_generate_error_is_an_lgstandards_error() -> None:
    """The CLI turns the error into exit 2 because it is the library's error type."""
    assert issubclass(GenerateError, LgstandardsError)


def test_invalid_share_mixes_valid_and_defective_records(tmp_path: Path) -> None:
    """With a share, some records are valid; the sidecar lists just the others, exactly."""
    gen = generator("waste-property-schedule@2", invalid=True)
    path = tmp_path / "mixed.ndjson"
    with path.open("w", encoding="utf-8") as out, sidecar_path(path).open("w") as faults:
        write(gen, 300, 1, out, faults, share=0.1)
    listed = [json.loads(line) for line in sidecar_path(path).read_text().splitlines()]
    assert 10 <= len(listed) <= 60
    assert _findings("waste-property-schedule@2", path) == sorted(
        (d["record"], d["code"], d["pointer"]) for d in listed
    )


def test_library_never_imports_click_or_rich() -> None:
    """Generating valid and invalid records from Python loads neither click nor rich."""
    code = (
        "import sys\n"
        "from lgstandards.generate import generator\n"
        "list(generator('waste-bulky-booking').lines(5))\n"
        "list(generator('waste-bulky-booking', invalid=True).lines(5))\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('click', 'rich'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ""


def test_names_and_emails_go_together() -> None:
    """A resident's email is made from their name, as the examples' are."""
    records = list(generator("waste-bulky-booking@1.1").records(200, seed=4))
    contacts = [r["contact"] for r in records if "email" in r.get("contact", {})]
    assert len({c["email"] for c in contacts}) > 20
    for contact in contacts:
        assert contact["email"].split("@")[0] == contact["name"].lower().replace(" ", ".")


def test_refused_output_leaves_an_existing_file(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """A run refused before writing leaves FILE byte for byte as it was."""
    out = tmp_path / "keep.ndjson"
    out.write_text("precious\n")
    assert main(["generate", "waste-collections-api", "-n", "3", "-o", str(out)]) == 2
    capsys.readouterr()
    assert out.read_text() == "precious\n"


def test_references_stay_unique_when_their_serials_must_widen() -> None:
    """Past what a reference's digits hold, serials widen, still never repeating."""
    from lgstandards.generate.templates import Filler, compile_template

    short = compile_template("a", {"reference": "MC/0931"}, movable=False)
    longer = compile_template("b", {"reference": "MC/09310"}, movable=False)
    filler = Filler((short, longer), 20_000, random.Random(3))
    made = [filler.fill(short if n % 2 else longer, n) for n in range(20_000)]
    assert len(set(made)) == 20_000
