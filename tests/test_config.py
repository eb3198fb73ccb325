"""Configuration: globs map files to standards, `validate` alone checks them, errors say where."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from lgstandards.cli import main
from lgstandards.config import find_config, glob_regex, load_config
from lgstandards.errors import ConfigError

COMMON = Path(__file__).resolve().parents[1] / "standards" / "common" / "1.0.0" / "examples"

CONFIG = """\
fail-on = "error"

[[check]]
files = ["data/**/*.json"]
exclude = ["data/ignored/*"]
standard = "common@1.0.0"
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a folder of council data (good, bad, ignored) with a configuration, as the cwd."""
    for kind, folder in (("valid", "good"), ("invalid", "bad")):
        (tmp_path / "data" / folder).mkdir(parents=True)
        for path in (COMMON / kind).glob("*.json"):
            if not path.name.endswith(".findings.json"):
                shutil.copy(path, tmp_path / "data" / folder / path.name)
    (tmp_path / "data" / "ignored").mkdir()
    (tmp_path / "data" / "ignored" / "broken.json").write_text("{")
    (tmp_path / "lgstandards.toml").write_text(CONFIG)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("data/**/*.json", "data/a.json", True),
        ("data/**/*.json", "data/x/y/a.json", True),
        ("data/*.json", "data/x/a.json", False),
        ("*.csv", "a.csv", True),
        ("*.csv", "x/a.csv", False),
        ("data/[ab].json", "data/b.json", True),
        ("data/[!ab].json", "data/b.json", False),
        ("data/?.json", "data/ab.json", False),
        ("data/a.json", "data/a.json.bak", False),
    ],
)
def test_glob_regex(pattern: str, path: str, expected: bool) -> None:
    """Globs match whole paths; `*` stays in one folder and `**/` crosses any number."""
    assert bool(glob_regex(pattern).match(path)) is expected


def test_validate_with_no_paths_checks_everything_mapped(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`lgstandards validate` alone checks every mapped file, skipping excluded ones."""
    code, out, _ = _run(capsys, "validate", "--format", "json")
    assert code == 1
    report = json.loads(out)
    paths = sorted(f["path"] for f in report["files"])
    assert paths == sorted(
        f"data/{folder}/{p.name}"
        for folder, kind in (("good", "valid"), ("bad", "invalid"))
        for p in (COMMON / kind).glob("*.json")
        if not p.name.endswith(".findings.json")
    )
    assert report["standard"] == "common@1.0.0"


def test_paths_are_sorted_into_their_checks(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Given paths (as pre-commit passes them), each is checked against its mapped standard."""
    (repo / "notes.json").write_text("{}")
    good = next((repo / "data" / "good").glob("*.json")).relative_to(repo).as_posix()
    code, out, err = _run(capsys, "validate", good, "notes.json")
    assert code == 0
    assert "Checked 1 file against common@1.0.0" in out
    assert "skipped notes.json" in err


def test_a_glob_matching_nothing_is_a_finding(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A check whose files match nothing fails as source.not-found rather than passing quietly."""
    (repo / "lgstandards.toml").write_text(CONFIG.replace("data/**/*.json", "nothing/*.json"))
    code, out, _ = _run(capsys, "validate")
    assert code == 1
    assert "source.not-found" in out


def test_pyproject_table_and_precedence(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """[tool.lgstandards] works; a check's options beat the defaults, and options beat both."""
    (repo / "lgstandards.toml").unlink()
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.lgstandards]\nformat = "json"\nignore = ["schema"]\n'
        '\n[[tool.lgstandards.check]]\nfiles = ["data/bad/*.json"]\nstandard = "common@1"\n'
        'ignore = ["schema.type"]\n'
    )
    assert find_config(repo / "data") == repo / "pyproject.toml"
    code, out, _ = _run(capsys, "validate")
    codes = {f["code"] for file in json.loads(out)["files"] for f in file["findings"]}
    assert "schema.pattern" in codes and "schema.type" not in codes
    assert code == 1
    code, out, _ = _run(capsys, "validate", "--ignore", "schema", "--format", "text")
    assert code == 0
    assert "Result: conforms" in out


def test_output_and_mask_from_the_configuration(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`output` is relative to the configuration and `mask` hides values."""
    (repo / "lgstandards.toml").write_text(
        'output = "reports/out.sarif"\nformat = "sarif"\nmask = true\n' + CONFIG.split("\n", 1)[1]
    )
    code, out, _ = _run(capsys, "validate")
    assert code == 1 and out == ""
    text = (repo / "reports" / "out.sarif").read_text()
    assert "SW1A1AA X" not in text and "[hidden]" in text


def test_no_config_and_no_standard_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without a configuration, --standard or --schema is needed; exit 2."""
    monkeypatch.chdir(tmp_path)
    code, _, err = _run(capsys, "validate")
    assert code == 2
    assert "exactly one of --standard" in err
    code, _, err = _run(capsys, "validate", "--no-config", "x.json")
    assert code == 2


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('[[check]]\nfiles = ["a/*.json"\nstandard = "common"\n', "not valid TOML: "),
        ('fail-on = "sometimes"\n', "line 1: fail-on: Input should be"),
        (
            'mask = true\n\n[[check]]\nfiles = ["*.json"]\nstandrd = "common"\n',
            "line 5: [[check]] 1, standrd: unknown key 'standrd'",
        ),
        (
            '[[check]]\nfiles = ["*.json"]\nstandard = "common"\n\n[[check]]\nfiles = ["*.csv"]\n',
            "line 5: [[check]] 2: give exactly one of 'standard' or 'schema'",
        ),
        (
            '[[check]]\nfiles = ["*.json"]\nstandard = "Common Standard"\n',
            "line 3: [[check]] 1, standard: 'Common Standard' is not a standard",
        ),
        (
            '[[check]]\nfiles = ["../*.json"]\nstandard = "common"\n',
            "line 2: [[check]] 1, files: '../*.json' must be a glob relative",
        ),
        ('ignore = ["schema.nope"]\n', "line 1: ignore: unknown finding code or category"),
        (
            '[[check]]\nfiles = ["*.json"]\nstandard = "nope"\n',
            "line 3: [[check]] 1, standard: there is no standard 'nope'",
        ),
    ],
)
def test_malformed_config_names_the_line(
    text: str,
    words: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A bad configuration exits 2 with one line naming the file, line and key; no traceback."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lgstandards.toml").write_text(text)
    (tmp_path / "a.json").write_text("{}")
    code, out, err = _run(capsys, "validate")
    assert code == 2
    assert err.startswith("lgstandards: error: lgstandards.toml")
    assert words in err
    assert "Traceback" not in err + out


def test_toml_syntax_errors_carry_the_line(tmp_path: Path) -> None:
    """tomllib's line and column reach the message."""
    path = tmp_path / "lgstandards.toml"
    path.write_text("mask = true\nfail-on = \n")
    with pytest.raises(ConfigError, match=r"at line 2, column"):
        load_config(path)


def test_pyproject_errors_name_the_tool_table(tmp_path: Path) -> None:
    """Errors in pyproject.toml name [[tool.lgstandards.check]] and the line in that file."""
    path = tmp_path / "pyproject.toml"
    path.write_text(
        '[project]\nname = "x"\n\n[[tool.lgstandards.check]]\nfiles = "*.json"\n'
        'standard = "common"\nschema = "s.json"\n'
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert "line 4: [[tool.lgstandards.check]] 1: give exactly one of" in str(caught.value)


def test_documented_example_loads(tmp_path: Path) -> None:
    """The example in docs/configuration.md is a valid configuration."""
    page = (Path(__file__).resolve().parents[1] / "docs" / "configuration.md").read_text("utf-8")
    example = page.split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "lgstandards.toml"
    path.write_text(example)
    config = load_config(path)
    assert len(config.settings.check) == 4
    assert config.schema_path(config.settings.check[2]) == tmp_path / "schemas/local-extension.json"
    assert config.layer_paths(config.settings.check[3].extensions) == (
        "garden-waste-subscription", str(tmp_path / "exts/our-fields"))


def test_double_star_globs_find_data_files_and_honour_exclude(tmp_path: Path) -> None:
    """files = ["data/**"] finds the data files inside, leaves out the excluded and the README."""
    from lgstandards.config import load_config

    (tmp_path / "data" / "sub").mkdir(parents=True)
    for name in ("data/a.ndjson", "data/sub/b.json", "data/skip.ndjson"):
        (tmp_path / name).write_text("{}\n")
    (tmp_path / "data" / "README.md").write_text("notes")
    (tmp_path / "lgstandards.toml").write_text(
        '[[check]]\nfiles = ["data/**"]\nexclude = ["data/skip.ndjson"]\nstandard = "common"\n'
    )
    config = load_config(tmp_path / "lgstandards.toml")
    [(_, files)] = config.targets(cwd=tmp_path)
    assert sorted(files) == ["data/a.ndjson", "data/sub/b.json"]
