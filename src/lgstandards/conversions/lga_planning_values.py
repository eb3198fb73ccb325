"""What LGA planning CSV values mean in the register: labels and abbreviations to codes.

The tables come from the register's own codelists (their codes, titles and `lga_*` fields) plus
the variants councils actually publish, matched after `norm` (lower case, letters and digits
only), and the development scales and PS2 categories that the LGA's ClassificationLabel was
meant to carry.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from lgstandards.conversions.inputs import norm

#: The standard whose codelists the maps read.
TARGET = "planning-application-register@2"


@dataclass(frozen=True)
class Maps:
    """Lookup tables from normalised LGA labels to the standard's codes."""

    application_type: Mapping[str, str]
    status: Mapping[str, str]
    decision: Mapping[str, str]
    decision_level: Mapping[str, str]
    appeal: Mapping[str, str]


# Variants councils publish that the codelists do not spell out. Keys are matched after `_norm`.
TYPE_ALIASES = {
    "hh": "hh", "hou": "hh", "hse": "hh", "house": "hh", "householder": "hh",
    "householderapplication": "hh", "householderplanningpermission": "hh",
    "ful": "full", "full": "full", "fullplanning": "full", "fullapplication": "full",
    "fullplanningpermission": "full", "fullplanningapplication": "full",
    "out": "outline", "outline": "outline", "outlineplanningpermission": "outline",
    "rem": "reserved-matters", "res": "reserved-matters", "reservedmatters": "reserved-matters",
    "lbc": "lbc", "lb": "lbc", "listedbuilding": "lbc", "listedbuildingconsent": "lbc",
    "adv": "advertising", "advert": "advertising", "advertisement": "advertising",
    "advertisementconsent": "advertising",
    "cac": "demolition-con-area", "con": "demolition-con-area",
    "conservationareaconsent": "demolition-con-area",
    "var": "s73", "s73": "s73", "section73": "s73", "variationofcondition": "s73",
    "variationofconditions": "s73", "removalofcondition": "s73", "removalofconditions": "s73",
    "nma": "non-material-amendment", "nonmaterialamendment": "non-material-amendment",
    "doc": "approval-condition", "dis": "approval-condition", "cond": "approval-condition",
    "det": "approval-condition", "discharge": "approval-condition",
    "dischargeofcondition": "approval-condition", "dischargeofconditions": "approval-condition",
    "approvalofdetails": "approval-condition",
    "tpo": "consent-under-tpo", "workstotreestpo": "consent-under-tpo",
    "treepreservationorder": "consent-under-tpo",
    "tca": "notice-trees-in-con-area", "treesinconservationarea": "notice-trees-in-con-area",
    "workstotreesinaconservationarea": "notice-trees-in-con-area",
    "ldc": "ldc", "clu": "ldc", "lawfuldevelopmentcertificate": "ldc",
    "cle": "ldc-existing-use", "cleud": "ldc-existing-use", "ldce": "ldc-existing-use",
    "clp": "ldc-prospective-use", "clopud": "ldc-prospective-use", "ldcp": "ldc-prospective-use",
    "pa": "prior-approval", "pn": "prior-approval", "priorapproval": "prior-approval",
    "priornotification": "prior-approval",
    "pah": "pa-extension", "pnh": "pa-extension", "phh": "pa-extension",
    "largerhomeextension": "pa-extension", "priorapprovallargerhomeextension": "pa-extension",
    "pip": "pip", "permissioninprinciple": "pip",
    "haz": "haz-substance-consent", "hazardoussubstancesconsent": "haz-substance-consent",
    "reg3": "reg-3", "r3": "reg-3", "regulation3": "reg-3",
    "reg4": "reg-4", "r4": "reg-4", "regulation4": "reg-4",
    "hdg": "hedgerow-removal", "hedgerowremovalnotice": "hedgerow-removal",
}

STATUS_ALIASES = {
    "decided": "determined", "determined": "determined", "approved": "determined",
    "refused": "determined", "granted": "determined",
    "withdrawn": "withdrawn", "appealed": "appealed", "appeal": "appealed",
    "underappeal": "appealed", "appeallodged": "appealed",
    "invalid": "invalid", "returned": "returned", "calledin": "called-in",
    # 'Pending' and its variants mean undecided; the row's dates then choose the exact status.
    "pending": "pending", "live": "pending", "current": "pending", "registered": "pending",
    "undetermined": "pending", "underconsideration": "pending", "awaitingdecision": "pending",
    "received": "received", "validated": "validated", "valid": "validated",
    "consultation": "consultation", "underconsultation": "consultation",
}

DECISION_ALIASES = {
    "approve": "granted", "approved": "granted", "grant": "granted", "granted": "granted",
    "permit": "granted", "permitted": "granted", "conditionalapproval": "granted",
    "approvewithconditions": "granted", "grantedwithconditions": "granted",
    "grantpermission": "granted", "grantconditionally": "granted",
    "refuse": "refused", "refused": "refused", "refusepermission": "refused",
    "split": "split", "splitdecision": "split",
    "priornotrequired": "prior-approval-not-required",
    "priorapprovalnotrequired": "prior-approval-not-required",
    "priorgranted": "prior-approval-granted", "priorapprovalgranted": "prior-approval-granted",
    "priorapprovalgiven": "prior-approval-granted",
    "priorrefused": "prior-approval-refused", "priorapprovalrefused": "prior-approval-refused",
    "priorrefusedpermissionrequired": "prior-approval-refused",
    "noobjection": "no-objection", "raisenoobjection": "no-objection",
    "objection": "objection", "declinedtodetermine": "declined-to-determine",
    "declined": "declined-to-determine",
}

#: Decision values that mean the application was withdrawn, not decided.
WITHDRAWN_DECISIONS = frozenset({"withdrawn", "withdrawnbyapplicant", "applicationwithdrawn"})

LEVEL_ALIASES = {
    "delegated": "delegated", "delegatedpowers": "delegated", "caseofficer": "delegated",
    "officer": "delegated", "delegateddecision": "delegated",
    "committee": "committee", "planningcommittee": "committee",
    "committeedecision": "committee",
    "secretaryofstate": "secretary-of-state", "planninginspectorate": "planning-inspectorate",
    "mayor": "mayor",
}

APPEAL_ALIASES = {
    "upheld": "allowed", "allowed": "allowed", "appealallowed": "allowed",
    "dismissed": "dismissed", "appealdismissed": "dismissed",
    "withdrawn": "withdrawn", "appealwithdrawn": "withdrawn",
    "split": "split", "splitdecision": "split", "partallowed": "split",
}


@functools.cache
def maps() -> Maps:
    """Build the value maps once: the codelists' codes, titles and LGA values, then aliases."""
    from lgstandards.registry import catalogue

    codelists = catalogue().select(TARGET, allow_draft=True).codelists

    def table(name: str, lga_field: str | None, aliases: Mapping[str, str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for entry in codelists[f"codelists/{name}.json"].codes:
            code = str(entry["code"])
            found[norm(code)] = code
            found[norm(str(entry.get("title", "")))] = code
            if lga_field and entry.get(lga_field):
                found[norm(str(entry[lga_field]))] = code
        found.update(aliases)
        found.pop("", None)
        return found

    return Maps(
        application_type=table("application-type", None, TYPE_ALIASES),
        status=table("application-status", None, STATUS_ALIASES),
        decision=table("decision-outcome", "lga_decision", DECISION_ALIASES),
        decision_level=table("decision-level", "lga_decision_type", LEVEL_ALIASES),
        appeal=table("appeal-outcome", "lga_appeal_decision", APPEAL_ALIASES),
    )


#: Decision values that mean a resolution to grant once a legal agreement is signed, not a
#: decision: 'Approve subject to S106 agreement', 'Minded to grant subject to legal agreement'.
_S106 = re.compile(
    r"(subjectto|pending|awaiting)(the)?(completionof)?(a|an)?"
    r"(s106|section106|legalagreement|planningobligation|s106agreement)"
)


def is_resolution_to_grant(value: str) -> bool:
    """Return whether a Decision value is a resolution to grant subject to a legal agreement."""
    text = norm(value)
    return bool(_S106.search(text)) and any(
        word in text for word in ("approve", "grant", "minded", "permit")
    )


@dataclass(frozen=True)
class Classification:
    """What a ClassificationLabel part says of the development's scale and PS2 category."""

    scale: str | None = None
    category: str | None = None


# Words of the PS2 categories, tried in order on the label in lower case; the first match wins.
_CATEGORY_WORDS: tuple[tuple[str, str], ...] = (
    (r"gypsy|traveller", "traveller-sites"),
    (r"\bdwelling|\bresidential|\bhousing\b|\bhomes\b", "dwellings"),
    (r"office|light industr|r ?& ?d|research", "offices-light-industry"),
    (r"general industr|storage|warehous", "industry-storage-warehousing"),
    (r"retail|distribution|servicing", "retail-services"),
    (r"mineral", "minerals"),
    (r"change of use", "change-of-use"),
    (r"householder", "householder"),
    (r"advert", "advertisements"),
    (r"listed building.*demoli", "listed-building-demolish"),
    (r"listed building", "listed-building-alter"),
    (r"conservation area", "conservation-area-demolition"),
    (r"lawful|certificate", "lawful-development-certificate"),
    (r"notification|prior approval", "notifications"),
    (r"all other|other (major|minor|large|small)", "all-other"),
)
_SCALE_WORDS: tuple[tuple[str, str], ...] = (
    (r"\b(major|maj|large ?scale|small ?scale)\b", "major"),
    (r"\b(minor|min)\b", "minor"),
)
#: Categories PS2 counts as other development, whatever words came with them.
_OTHER_CATEGORIES = frozenset({
    "change-of-use", "householder", "advertisements", "listed-building-alter",
    "listed-building-demolish", "conservation-area-demolition",
    "lawful-development-certificate", "notifications",
})


def classify(label: str) -> Classification | None:
    """Return the scale and PS2 category a classification label names, or None if neither."""
    text = " ".join(label.lower().replace("-", " ").replace("/", " / ").split())
    category = next((code for words, code in _CATEGORY_WORDS if re.search(words, text)), None)
    scale = next((code for words, code in _SCALE_WORDS if re.search(words, text)), None)
    only_other = scale is None and re.fullmatch(r"oth(er)?( developments?)?", text)
    if category in _OTHER_CATEGORIES or only_other:
        scale = "other"
    if scale is None and category is None:
        return None
    return Classification(scale, category)
