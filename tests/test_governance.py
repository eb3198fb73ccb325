"""GOVERNANCE.md, CONTRIBUTING.md and the issue templates agree with what the tools enforce."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from lgstandards.development import lifecycle

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = REPO / ".github" / "ISSUE_TEMPLATE"
FORMS = sorted(p for p in TEMPLATES.glob("*.yml") if p.name != "config.yml")


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_three_templates_and_the_config_exist() -> None:
    """A change proposal, a new standard and an extension registration, with a config."""
    assert {p.name for p in FORMS} == {
        "change-proposal.yml", "new-standard.yml", "register-extension.yml"}
    config = _load(TEMPLATES / "config.yml")
    assert isinstance(config["blank_issues_enabled"], bool)
    assert all(link["url"].startswith("https://") for link in config["contact_links"])


@pytest.mark.parametrize("path", FORMS, ids=[p.stem for p in FORMS])
def test_each_template_is_a_well_formed_issue_form(path: Path) -> None:
    """Each form has a name, a description and fields with unique ids and labels."""
    form = _load(path)
    assert form["name"] and form["description"] and form["body"]
    fields = [item for item in form["body"] if item["type"] != "markdown"]
    ids = [item["id"] for item in fields]
    assert len(ids) == len(set(ids))
    for item in fields:
        assert item["type"] in {"input", "textarea", "dropdown", "checkboxes"}
        assert item["attributes"]["label"]
        if item["type"] in {"dropdown", "checkboxes"}:
            assert item["attributes"]["options"]


def test_governance_states_the_numbers_the_tools_enforce() -> None:
    """Comment periods, notice, promotion criteria: the page and the code say the same."""
    text = (REPO / "GOVERNANCE.md").read_text(encoding="utf-8")
    assert f"{lifecycle.COMMENT_DAYS['major']} days" in text
    assert f"{lifecycle.COMMENT_DAYS['minor']} days" in text
    assert f"{lifecycle.COMMENT_DAYS['patch']} days" in text
    assert f"**{lifecycle.DEPRECATION_NOTICE_DAYS} days**" in text
    assert f"**{lifecycle.MAJOR_SUPPORT_DAYS} days**" in text
    assert lifecycle.PROMOTION_COUNCILS == 2 and lifecycle.PROMOTION_SUPPLIERS == 1
    assert "two councils and one supplier" in text
    for heading in ("## Who owns a standard", "## How a change is proposed",
                    "## Comment periods", "## What promotes a candidate",
                    "## The bootstrap rule", "## Extensions", "## Disputes",
                    "## Deprecation, sunset and support"):
        assert heading in text


def test_contributing_points_to_the_templates_and_governance() -> None:
    """CONTRIBUTING.md names each template and links GOVERNANCE.md."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for path in FORMS:
        assert f"*{_load(path)['name']}*" in text
    assert "(GOVERNANCE.md)" in text
