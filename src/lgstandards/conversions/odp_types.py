"""Open Digital Planning application types and the register's types, scales and flags.

ODP names one type per application, in a dotted hierarchy that also says the scale
('pp.full.major'), combined consents ('pp.full.householder.listed') and retrospection
('pp.full.householder.retro'). The register lists MHCLG's types and says the scale apart. Each
ODP type maps to register types plus what the rest of its name says; an ODP type the register
has no code for becomes the register's broader type, or 'other', with the ODP code kept as the
local application type so that it comes back unchanged.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

#: Every application type of digital-planning-data-schemas 0.7.7 (ApplicationType.ts).
ODP_TYPES: frozenset[str] = frozenset((
    "advertConsent", "amendment", "amendment.minorMaterial", "amendment.nonMaterial",
    "approval", "approval.conditions", "approval.reservedMatters", "complianceConfirmation",
    "environmentalImpact", "environmentalImpact.scoping", "environmentalImpact.screening",
    "hazardousSubstanceConsent", "hedgerowRemovalNotice", "landDrainageConsent", "ldc",
    "ldc.breachOfCondition", "ldc.existing", "ldc.listedBuildingWorks", "ldc.proposed",
    "listed", "notifyCompletion", "obligation", "obligation.discharge", "obligation.modify",
    "onshoreExtractionOilAndGas", "onshoreExtractionOilAndGas.other",
    "onshoreExtractionOilAndGas.pp.waste", "onshoreExtractionOilAndGas.review", "pa",
    "pa.part1.classA", "pa.part1.classAA", "pa.part3.classG", "pa.part3.classM",
    "pa.part3.classMA", "pa.part3.classN", "pa.part3.classQ", "pa.part3.classR",
    "pa.part3.classS", "pa.part3.classT", "pa.part3.classV", "pa.part4.classBB",
    "pa.part4.classBC", "pa.part4.classCA", "pa.part4.classE", "pa.part6", "pa.part6.classA",
    "pa.part6.classB", "pa.part6.classE", "pa.part7.classC", "pa.part7.classM",
    "pa.part9.classD", "pa.part11.classB", "pa.part14.classA", "pa.part14.classB",
    "pa.part14.classJ", "pa.part14.classK", "pa.part14.classOA", "pa.part16.classA",
    "pa.part17", "pa.part17.classB", "pa.part17.classC", "pa.part17.classG", "pa.part18.classA",
    "pa.part19.classTA", "pa.part20.classA", "pa.part20.classAA", "pa.part20.classAB",
    "pa.part20.classAC", "pa.part20.classAD", "pa.part20.classZA", "pp", "pp.full",
    "pp.full.advertConsent", "pp.full.demolition", "pp.full.fastTrack.affordable",
    "pp.full.householder", "pp.full.householder.listed", "pp.full.householder.retro",
    "pp.full.major", "pp.full.major.technicalDetails", "pp.full.major.technicalDetails.waste",
    "pp.full.major.waste", "pp.full.minor", "pp.full.minor.listed",
    "pp.full.minor.technicalDetails", "pp.mineralExtraction", "pp.outline", "pp.outline.all",
    "pp.outline.some", "pp.outline.minor", "pp.outline.minor.all", "pp.outline.minor.some",
    "pp.outline.major", "pp.outline.major.all", "pp.outline.major.all.waste",
    "pp.outline.major.some", "pp.outline.major.some.waste", "pp.pip", "rightsOfWayOrder", "wtt",
    "wtt.consent", "wtt.notice",
))


@dataclass(frozen=True)
class RegisterType:
    """What one ODP application type says in the register's terms."""

    types: tuple[str, ...]
    scale: str | None = None
    retrospective: bool | None = None
    #: Set when the register's types are broader than the ODP type, which is then kept as the
    #: local application type so that an export gives it back.
    broader: bool = False


#: ODP types whose names say more than one register code does: combinations, scales, flags.
_COMPOUND: Mapping[str, RegisterType] = {
    "pp.full.major": RegisterType(("full",), "major"),
    "pp.full.minor": RegisterType(("full",), "minor"),
    "pp.full.householder.listed": RegisterType(("hh", "lbc")),
    "pp.full.householder.retro": RegisterType(("hh",), retrospective=True),
    "pp.full.minor.listed": RegisterType(("full", "lbc"), "minor"),
    "pp.full.advertConsent": RegisterType(("full", "advertising")),
    "pp.full.major.technicalDetails": RegisterType(("technical-details-consent",), "major"),
    "pp.full.minor.technicalDetails": RegisterType(("technical-details-consent",), "minor"),
    "pp.full.major.waste": RegisterType(("waste-dev",), "major"),
    "pp.outline.major": RegisterType(("outline",), "major"),
    "pp.outline.minor": RegisterType(("outline",), "minor"),
    "pp.outline.major.all": RegisterType(("outline-all",), "major"),
    "pp.outline.major.some": RegisterType(("outline-some",), "major"),
    "pp.outline.minor.all": RegisterType(("outline-all",), "minor"),
    "pp.outline.minor.some": RegisterType(("outline-some",), "minor"),
    "ldc.breachOfCondition": RegisterType(("ldc-existing-use",), broader=True),
    "obligation.discharge": RegisterType(("mod-discharge-s106",), broader=True),
    "obligation.modify": RegisterType(("mod-discharge-s106",), broader=True),
    "pa.part6": RegisterType(("prior-approval",), broader=True),
    "pp.mineralExtraction": RegisterType(("mineral-extraction",)),
}

#: ODP groupings and sub-types with no register code of their own, and the broader code to use.
_BROADER_PREFIXES: tuple[tuple[str, str], ...] = (
    ("pp.full.major.technicalDetails.", "technical-details-consent"),
    ("pp.outline.major.", "outline"),
    ("pp.full.fastTrack", "full"),
    ("onshoreExtractionOilAndGas", "extraction-oil-gas"),
    ("pa.", "prior-approval"),
    ("environmentalImpact", "other"),
    ("amendment", "other"),
    ("approval", "other"),
    ("wtt", "other"),
    ("pp", "other"),
)


@functools.cache
def _codelist() -> tuple[Mapping[str, str], Mapping[str, str]]:
    """Return ODP type to register type, and register type to ODP type, from the codelist."""
    from lgstandards.registry import catalogue  # Late: the catalogue reads files.

    codes = catalogue().select("planning-application-register@2", allow_draft=True).codelists[
        "codelists/application-type.json"
    ].codes
    to_odp = {str(c["code"]): str(c["odp_code"]) for c in codes if c.get("odp_code")}
    from_odp: dict[str, str] = {}
    for code, odp in to_odp.items():
        # The first register code for an ODP type is its closest (the codelist lists MHCLG's
        # broad types before their sub-types).
        from_odp.setdefault(odp, code)
    return from_odp, to_odp


def from_odp(odp_type: str) -> RegisterType:
    """Return the register's types and flags for an ODP application type."""
    if odp_type in _COMPOUND:
        return _COMPOUND[odp_type]
    direct, _ = _codelist()
    if odp_type in direct:
        return RegisterType((direct[odp_type],))
    for prefix, code in _BROADER_PREFIXES:
        if odp_type.startswith(prefix):
            return RegisterType((code,), broader=True)
    return RegisterType(("other",), broader=True)


def to_odp(
    types: tuple[str, ...], scale: str | None, retrospective: bool | None, local: str | None
) -> tuple[str | None, tuple[str, ...]]:
    """Return the ODP type for the register's types and flags, and the types it leaves out.

    A local application type that is an ODP type wins: it is how a record converted from ODP
    keeps a type the register can only say broadly.
    """
    if local in ODP_TYPES:
        return local, ()
    wanted = (tuple(sorted(types)), scale if scale in ("major", "minor") else None,
              retrospective or None)
    for odp, meaning in _COMPOUND.items():
        if meaning.broader:
            continue
        said = (tuple(sorted(meaning.types)), meaning.scale, meaning.retrospective)
        if said == wanted:
            return odp, ()
    _, direct = _codelist()
    for index, code in enumerate(types):
        if code in direct:
            return direct[code], types[:index] + types[index + 1:]
    return None, types
