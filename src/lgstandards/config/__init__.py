"""Configuration: `lgstandards.toml` or `[tool.lgstandards]` in `pyproject.toml`.

A configuration maps file globs to the standard (or schema file) they must conform to, with
options, so `lgstandards validate` alone checks a whole repository of council data:

    fail-on = "error"
    mask = true

    [[check]]
    files = ["data/properties/**/*.csv"]
    standard = "waste-property-schedule@1"
    ignore = ["codelist.unknown-code"]

A malformed file is a ConfigError naming the file, the line and the key.
"""

from __future__ import annotations

import functools
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from lgstandards.errors import ConfigError
from lgstandards.sources import DATA_SUFFIXES, data_suffix

if TYPE_CHECKING:
    from pydantic import ValidationError

    from lgstandards.config.tables import Check as Check
    from lgstandards.config.tables import Settings as Settings

CONFIG_NAME = "lgstandards.toml"
PYPROJECT = "pyproject.toml"


@dataclass(frozen=True)
class Config:
    """A loaded configuration, with the file it came from (globs are relative to its folder)."""

    path: Path
    settings: Settings
    #: The dotted table the settings live in: "" for lgstandards.toml, "tool.lgstandards" else.
    table: str = ""

    @property
    def root(self) -> Path:
        """Return the folder that globs and schema paths are relative to."""
        return self.path.parent

    def schema_path(self, check: Check) -> Path | None:
        """Return a check's schema file, resolved against the configuration's folder."""
        return self.root / check.schema_file if check.schema_file else None

    def layer_paths(self, values: Iterable[str]) -> tuple[str, ...]:
        """Return extension or profile names with folders resolved against this folder."""
        from lgstandards.development.extensions import is_layer_folder, is_selector

        return tuple(
            str(self.root / value)
            if not is_selector(value) or is_layer_folder(self.root / value) else value
            for value in values
        )

    def where(self, index: int, key: str | None = None) -> str:
        """Return where a check's key is: 'lgstandards.toml line 7: [[check]] 2, standard'."""
        loc: tuple[Any, ...] = ("check", index) if key is None else ("check", index, key)
        line = _line_of(self.path.read_text("utf-8"), self.table, loc)
        at = f" line {line}" if line else ""
        return f"{_display(self.path, Path.cwd())}{at}: {_describe_loc(self.table, loc)}"

    def targets(self, cwd: Path | None = None) -> tuple[tuple[Check, tuple[str, ...]], ...]:
        """Return each check with the files its globs match now, as paths people can read."""
        here = (cwd or Path.cwd()).resolve()
        root = self.root.resolve()
        out = []
        for check in self.settings.check:
            found: dict[str, None] = {}
            for pattern in check.files:
                # Path.glob("data/**") yields only folders before Python 3.13: ask for files.
                searched = pattern + "/*" if pattern.endswith("**") else pattern
                wild = any(c in pattern for c in "*?[")
                for match in sorted(root.glob(searched)):
                    relative = match.relative_to(root).as_posix()
                    if (
                        match.is_file()
                        and not _matches_any(relative, check.exclude)
                        # A wildcard means data files; a README beside them is not one.
                        and (not wild or data_suffix(match) in DATA_SUFFIXES)
                    ):
                        found.setdefault(_display(match, here))
            out.append((check, tuple(found)))
        return tuple(out)

    def match(self, paths: Iterable[str], cwd: Path | None = None
              ) -> tuple[tuple[tuple[Check, tuple[str, ...]], ...], tuple[str, ...]]:
        """Sort given paths into the first check whose globs match each; return the unmatched."""
        here = (cwd or Path.cwd()).resolve()
        root = self.root.resolve()
        chosen: dict[int, list[str]] = {}
        unmatched: list[str] = []
        for path in paths:
            absolute = (here / path).resolve()
            try:
                relative = absolute.relative_to(root).as_posix()
            except ValueError:
                unmatched.append(path)
                continue
            for index, check in enumerate(self.settings.check):
                if _matches_any(relative, check.files) and not _matches_any(relative,
                                                                           check.exclude):
                    chosen.setdefault(index, []).append(path)
                    break
            else:
                unmatched.append(path)
        checks = self.settings.check
        return tuple((checks[i], tuple(chosen[i])) for i in sorted(chosen)), tuple(unmatched)


def _display(path: Path, cwd: Path) -> str:
    """Return a path relative to the working folder when it is inside it, else absolute."""
    relative = os.path.relpath(path, cwd)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


@functools.lru_cache(maxsize=256)
def glob_regex(pattern: str) -> re.Pattern[str]:
    """Translate a glob (`*`, `?`, `[...]`, and `**` for any folders) into a regex on a path."""
    out: list[str] = []
    i = 0
    parts = PurePosixPath(pattern).as_posix()
    while i < len(parts):
        char = parts[i]
        if parts.startswith("**/", i):
            out.append("(?:[^/]+/)*")
            i += 3
            continue
        if parts.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = parts.find("]", i + 1)
            if end == -1:
                out.append(re.escape(char))
            else:
                body = parts[i + 1:end]
                negate = body.startswith("!")
                inner = body[negate:].replace("\\", "\\\\")
                out.append("[" + ("^" if negate else "") + inner + "]")
                i = end
        else:
            out.append(re.escape(char))
        i += 1
    return re.compile("".join(out) + r"\Z")


#: File name endings a wildcard in `files` picks up.


def _matches_any(relative: str, patterns: Iterable[str]) -> bool:
    return any(glob_regex(p.removeprefix("./")).match(relative) for p in patterns)


# -- finding and loading -----------------------------------------------------------------------


def find_config(start: Path | None = None) -> Path | None:
    """Return the nearest lgstandards.toml, or pyproject.toml with [tool.lgstandards], upwards."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_NAME
        if own.is_file():
            return own
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeError, tomllib.TOMLDecodeError):
        # A broken pyproject.toml is someone else's problem unless it is ours to read.
        return "[tool.lgstandards" in path.read_text("utf-8", "replace")
    tool = data.get("tool")
    return isinstance(tool, dict) and "lgstandards" in tool


def load_config(path: Path) -> Config:
    """Read and check a configuration file, raising ConfigError that names the line at fault."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except (OSError, UnicodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc}") from None
    try:
        data: Mapping[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib's message already ends "(at line N, column M)".
        raise ConfigError(f"{_display(path, Path.cwd())}: not valid TOML: {exc}") from None
    table = ""
    if path.name == PYPROJECT:
        table = "tool.lgstandards"
        tool = data.get("tool", {})
        data = tool.get("lgstandards", {}) if isinstance(tool, dict) else {}
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.lgstandards] must be a table")
    # Late: pydantic and the tables' models are built only when there is a file to check.
    from pydantic import ValidationError

    from lgstandards.config.tables import Settings

    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_explain(path, text, table, exc)) from None
    return Config(path, settings, table)


def _explain(path: Path, text: str, table: str, exc: ValidationError) -> str:
    """Turn pydantic's first error into 'file line N: [[check]] 2, standard: message'."""
    error = exc.errors()[0]
    loc = tuple(error["loc"])
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        message = f"unknown key {loc[-1]!r}"
    line = _line_of(text, table, loc)
    where = _describe_loc(table, loc)
    at = f" line {line}" if line else ""
    shown = _display(path, Path.cwd())
    return f"{shown}{at}: {where}: {message}" if where else f"{shown}{at}: {message}"


def _join(table: str, name: str) -> str:
    return f"{table}.{name}" if table else name


def _describe_loc(table: str, loc: tuple[Any, ...]) -> str:
    if len(loc) >= 2 and loc[0] == "check" and isinstance(loc[1], int):
        rest = ".".join(str(p) for p in loc[2:] if not isinstance(p, int))
        head = f"[[{_join(table, 'check')}]] {loc[1] + 1}"
        return f"{head}, {rest}" if rest else head
    key = ".".join(str(p) for p in loc if not isinstance(p, int))
    return f"[{table}] {key}" if table else key


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")
_KEY = re.compile(r"""^\s*["']?([A-Za-z0-9_-]+)["']?\s*=""")


def _line_of(text: str, table: str, loc: tuple[Any, ...]) -> int | None:
    """Return the line of the key (or table) a validation error points at; tomllib gives none."""
    want_table, key = table, None
    occurrence = 0
    if len(loc) >= 2 and loc[0] == "check" and isinstance(loc[1], int):
        want_table, occurrence = _join(table, "check"), loc[1]
        key = loc[2] if len(loc) > 2 and isinstance(loc[2], str) else None
    elif loc:
        key = str(loc[0])
    current, seen, header_line = "", -1, None
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line)
        if header:
            current = header.group(2).replace(" ", "").replace('"', "")
            if current == want_table:
                seen += 1
                if (header.group(1) == "[[" and seen == occurrence) or header.group(1) == "[":
                    header_line = number
            continue
        in_place = current == want_table and (want_table == table or seen == occurrence)
        if in_place and key is not None:
            found = _KEY.match(line)
            if found and found.group(1) == key:
                return number
    return header_line


def __getattr__(name: str) -> Any:
    """Return `Check` and `Settings` from the tables' module, imported on first use."""
    if name in ("Check", "Settings"):
        from lgstandards.config import tables

        return getattr(tables, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
