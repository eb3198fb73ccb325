"""The conformance suite of the waste collections API: 1.x, and 2.x with its privacy checks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any
from urllib.parse import urljoin

from lgstandards.apicheck.checks import (
    Outcome,
    Run,
    parse_json,
)
from lgstandards.apicheck.client import Exchange, UnsafeRequestError
from lgstandards.apicheck.privacy import guessable, personal_data, what
from lgstandards.apicheck.suites.base import CORE, EXTENDED, MARKER, Probe, Step, json_items

# -- waste-collections-api ---------------------------------------------------------------------

ROOT = "GET /"
ADDRESSES = "GET /addresses"
SCHEDULE = "GET /properties/{uprn}/schedule"
SERVICES = "GET /services"
SUBMIT = "POST /missed-collections"
REPORT = "GET /missed-collections/{reference}"


def _normal_postcode(value: str) -> str:
    """Return a postcode in capitals without spaces, for comparing."""
    return re.sub(r"\s+", "", value).upper()


def _same_uprn(a: Any, b: Any) -> bool:
    # A UPRN written as a number is the schema's finding; identity is about which property it is.
    """Return whether two UPRNs name the same property, ignoring leading zeros."""
    return isinstance(a, str | int) and str(a).lstrip("0") == str(b).lstrip("0")


#: What to do when a list does not page as the standard says.
_PAGING = ("Honour page and page_size, give total_items and total_pages that add up, a "
           "links.next on the API's host while there is a later page, 200 with no items past "
           "the last page and 400 for page=0.")


def waste_root(run: Run) -> Iterator[Outcome]:
    """GET / answers the API root document naming the standard and version."""
    exchange = run.call("GET", "/")
    outcomes, _ = run.expect(exchange, "GET", "/", 200, CORE)
    yield from outcomes
    yield from run.cors(exchange, ROOT)


def waste_addresses(run: Run) -> Iterator[Outcome]:
    """GET /addresses finds the probe postcode's addresses, in any case and spacing."""
    postcode = run.probe("postcode")
    if postcode is None:
        yield run.skip(ADDRESSES, "The address lookup was not checked: give --postcode.")
        return
    exchange = run.call("GET", "/addresses", params={"postcode": postcode})
    outcomes, body = run.expect(exchange, "GET", "/addresses", 200, CORE)
    yield from outcomes
    if exchange.status != 200 or not isinstance(body, dict):
        return
    items = [i for i in body.get("items", []) if isinstance(i, dict)] \
        if isinstance(body.get("items"), list) else []
    if not items:
        yield run.skip(ADDRESSES, f"The postcode {postcode!r} has no addresses on this server, so "
                                  "their content was not checked: give a postcode it knows.")
        return
    run.learn("uprn", items[0].get("uprn"))
    elsewhere = [
        str(i.get("uprn")) for i in items
        if isinstance(i.get("address"), dict) and isinstance(i["address"].get("postcode"), str)
        and _normal_postcode(i["address"]["postcode"]) != _normal_postcode(postcode)
    ]
    yield run.outcome(
        ADDRESSES, "api.identity", EXTENDED,
        [f"Looking up {postcode!r} returned addresses at other postcodes (UPRNs "
         f"{', '.join(elsewhere[:5])})."] if elsewhere else [],
        "Return only the addresses whose postcode is the one looked up.",
    )
    typed = _normal_postcode(postcode).lower()
    if typed != postcode:
        loose = run.call("GET", "/addresses", params={"postcode": typed})
        same = loose.status == 200 and _total(loose.body) == body.get("total_items")
        yield run.outcome(
            ADDRESSES, "api.lenient-input", EXTENDED,
            [] if same else
            [f"GET {loose.target} answered {_said(loose)} "
             f"without the {body.get('total_items')} addresses that {postcode!r} finds; people "
             "type postcodes in lower case and without the space."],
            "Compare postcodes without regard to case and spaces: 'bn435ra' finds 'BN43 5RA'.",
        )
    bad = run.call("GET", "/addresses", params={"postcode": "NOT A POSTCODE"})
    outcomes, _ = run.expect(bad, "GET", "/addresses", 400, CORE, code="api.malformed-id")
    yield from outcomes


def _said(exchange: Exchange) -> str:
    """Return what an exchange answered: its status, or the code of the failure that stopped it."""
    if exchange.failure is not None:
        return exchange.failure.code
    return str(exchange.status)


def _total(raw: bytes) -> Any:
    """Return the total_items of a page body, or None."""
    value = parse_json(raw)
    return value.get("total_items") if isinstance(value, dict) else None


def waste_pagination(run: Run) -> Iterator[Outcome]:
    """GET /addresses pages with page and page_size, and its links lead to the next page."""
    postcode = run.probe("postcode")
    if postcode is None:
        yield run.skip(ADDRESSES, "Pagination was not checked: give --postcode.")
        return
    first = run.call("GET", "/addresses", params={"postcode": postcode, "page_size": "1"})
    outcomes, body = run.expect(first, "GET", "/addresses", 200, CORE)
    if first.failure is not None or first.status != 200:
        yield from outcomes
        return
    problems: list[str] = []
    if not isinstance(body, dict) or not isinstance(body.get("items"), list):
        problems.append(f"GET {first.target} did not answer a page object with items, so lists "
                        "cannot be paged.")
        yield run.outcome(ADDRESSES, "api.pagination", CORE, problems, _PAGING)
        return
    items = body["items"]
    total = body.get("total_items")
    if len(items) > 1:
        problems.append(f"GET {first.target} asked for page_size=1 and got {len(items)} items.")
    if body.get("page_size") != 1:
        problems.append(f"GET {first.target} asked for page_size=1; the page says page_size "
                        f"{body.get('page_size')!r}.")
    if body.get("page") != 1:
        problems.append(f"GET {first.target}: the first page says page {body.get('page')!r}.")
    links: dict[str, Any] = body["links"] if isinstance(body.get("links"), dict) else {}
    if isinstance(total, int):
        if body.get("total_pages") != total:
            problems.append(f"GET {first.target}: {total} items at 1 a page is {total} pages; the "
                            f"page says total_pages {body.get('total_pages')!r}.")
        if total > 1 and not links.get("next"):
            problems.append(f"GET {first.target}: there are {total} items but the first page of 1 "
                            "has no links.next.")
        if total <= 1 and links.get("next"):
            problems.append(f"GET {first.target}: there is only one page but links.next is given.")
    next_link = links.get("next")
    if isinstance(next_link, str) and isinstance(total, int) and total > 1:
        target = urljoin(first.url, next_link)
        try:
            second = run.call("GET", "/addresses", url=target)
        except UnsafeRequestError:
            problems.append(f"GET {first.target}: links.next points to {target}, off the API's own "
                            "host; it was not followed.")
            second = None
        if second is not None:
            more, page2 = run.expect(second, "GET", "/addresses", 200, CORE)
            outcomes.extend(more)
            if isinstance(page2, dict):
                if page2.get("page") != 2:
                    problems.append(f"GET {second.target} (links.next of page 1) says page "
                                    f"{page2.get('page')!r}, not 2.")
                seen = {i.get("uprn") for i in items if isinstance(i, dict)}
                again = [i.get("uprn") for i in json_items(page2.get("items"))
                         if i.get("uprn") in seen]
                if again:
                    problems.append(f"GET {second.target} repeats UPRN {again[0]} from page 1.")
    elif not isinstance(total, int) or total < 2:
        yield run.skip(ADDRESSES, f"Following links.next was not checked: {postcode!r} has fewer "
                                  "than 2 addresses; give a postcode with several.")
    if isinstance(total, int):
        beyond = run.call("GET", "/addresses",
                          params={"postcode": postcode, "page_size": "1", "page": str(total + 1)})
        more, past = run.expect(beyond, "GET", "/addresses", 200, CORE, code="api.pagination")
        outcomes.extend(o for o in more if o.code != "api.pagination")
        if beyond.status != 200:
            problems.append(f"GET {beyond.target}, a page past the last, answered "
                            f"{_said(beyond)}; the "
                            "standard says 200 with no items.")
        elif isinstance(past, dict) and past.get("items"):
            problems.append(f"GET {beyond.target}, a page past the last, returned items.")
    zero = run.call("GET", "/addresses", params={"postcode": postcode, "page": "0"})
    more, _ = run.expect(zero, "GET", "/addresses", 400, CORE, code="api.pagination")
    outcomes.extend(more)
    yield from outcomes
    yield run.outcome(ADDRESSES, "api.pagination", CORE, problems, _PAGING)


def waste_schedule(run: Run) -> Iterator[Outcome]:
    """GET /properties/{uprn}/schedule answers the probe property's schedule."""
    uprn = run.probe("uprn")
    if uprn is None:
        yield run.skip(SCHEDULE, "The schedule was not checked: give --uprn (or --postcode, to "
                                 "take the first UPRN found there).")
        return
    public = _public(run, "GET", "/properties/{uprn}/schedule")
    exchange = run.call("GET", "/properties/{uprn}/schedule", {"uprn": uprn}, anonymous=public)
    outcomes, body = run.expect(exchange, "GET", "/properties/{uprn}/schedule", 200, CORE)
    yield from outcomes
    if exchange.status != 200 or not isinstance(body, dict):
        return
    if public:
        yield privacy(run, exchange, SCHEDULE, body)
    prop: dict[str, Any] = body["property"] if isinstance(body.get("property"), dict) else {}
    got = prop.get("uprn")
    yield run.outcome(
        SCHEDULE, "api.identity", CORE,
        [] if _same_uprn(got, uprn) else
        [f"GET {exchange.target} answered the schedule of UPRN {got!r}, not {uprn!r}."],
        "Answer the schedule of the UPRN the URL names (UPRNs compare as numbers).",
    )
    services = [s for s in body.get("services", []) if isinstance(s, dict)] \
        if isinstance(body.get("services"), list) else []
    if services:
        run.learn("service_id", services[0].get("id"))
    yield from run.cors(exchange, SCHEDULE)


def waste_schedule_unknown(run: Run) -> Iterator[Outcome]:
    """An unknown UPRN answers 404 with a problem, a malformed one 400."""
    unknown = run.probe("unknown_uprn") or "999999999999"
    exchange = run.call("GET", "/properties/{uprn}/schedule", {"uprn": unknown})
    outcomes, _ = run.expect(exchange, "GET", "/properties/{uprn}/schedule", 404, CORE,
                             code="api.unknown-id")
    yield from outcomes
    malformed = run.probe("malformed_uprn") or "not-a-uprn"
    exchange = run.call("GET", "/properties/{uprn}/schedule", {"uprn": malformed})
    outcomes, _ = run.expect(exchange, "GET", "/properties/{uprn}/schedule", 400, CORE,
                             code="api.malformed-id")
    yield from outcomes


def waste_services(run: Run) -> Iterator[Outcome]:
    """GET /services answers the council's service catalogue."""
    exchange = run.call("GET", "/services")
    outcomes, _ = run.expect(exchange, "GET", "/services", 200, CORE)
    yield from outcomes


def waste_report(run: Run) -> Iterator[Outcome]:
    """GET /missed-collections/{reference} answers a report; unknown is 404, malformed 400."""
    template = "/missed-collections/{reference}"
    reference = run.probe("reference")
    if reference is None:
        yield run.skip(REPORT, "Reading an existing report was not checked: give --probe "
                               "reference=REF for a report the server holds.")
    else:
        exchange = run.call("GET", template, {"reference": reference})
        outcomes, body = run.expect(exchange, "GET", template, 200, CORE)
        yield from outcomes
        if exchange.status == 200 and isinstance(body, dict):
            yield run.outcome(
                REPORT, "api.identity", CORE,
                [] if body.get("reference") == reference else
                [f"GET {exchange.target} answered report {body.get('reference')!r}."],
                "Answer the report the URL names.",
            )
    unknown = run.probe("unknown_reference") or "LGSTANDARDS-NO-SUCH-REPORT"
    exchange = run.call("GET", template, {"reference": unknown})
    outcomes, _ = run.expect(exchange, "GET", template, 404, CORE, code="api.unknown-id")
    yield from outcomes
    malformed = run.probe("malformed_reference") or "not a reference!"
    exchange = run.call("GET", template, {"reference": malformed})
    outcomes, _ = run.expect(exchange, "GET", template, 400, CORE, code="api.malformed-id")
    yield from outcomes


def waste_submit(run: Run) -> Iterator[Outcome]:
    """POST /missed-collections (sandbox only) creates a report that can be read back."""
    uprn, service = run.probe("uprn"), run.probe("service_id")
    if uprn is None or service is None:
        yield run.skip(SUBMIT, "Submitting a report was not checked: no UPRN and service id "
                               "were known (give --uprn, and check the schedule answers).")
        return
    submission = {
        "uprn": uprn,
        "service_id": service,
        "collection_date": (date.today() - timedelta(days=1)).isoformat(),
        "reason": "not_collected",
        "description": MARKER,
    }
    exchange = run.call("POST", "/missed-collections", json_body=submission, sandbox=True)
    outcomes, body = run.expect(exchange, "POST", "/missed-collections", 201, CORE)
    yield from outcomes
    if exchange.status == 201:
        yield run.expect_headers(exchange, "POST", "/missed-collections", CORE)
    location = exchange.header("location")
    if exchange.status == 201 and isinstance(body, dict) and location:
        try:
            again = run.call("GET", "/missed-collections/{reference}",
                             url=urljoin(exchange.url, location))
        except UnsafeRequestError:
            yield run.outcome(SUBMIT, "api.headers", CORE,
                              [f"The Location {location!r} is not on the sandbox's host."],
                              "Give a Location on the API's own host, such as "
                              "/missed-collections/{reference}.")
        else:
            more, read = run.expect(again, "GET", "/missed-collections/{reference}", 200, CORE)
            yield from more
            if isinstance(read, dict):
                yield run.outcome(
                    REPORT, "api.identity", CORE,
                    [] if read.get("reference") == body.get("reference") else
                    [f"GET {again.target} (the Location of the new report) answered report "
                     f"{read.get('reference')!r}, not {body.get('reference')!r}."],
                    "Make a new report readable at its Location at once.",
                )
    invalid = {k: v for k, v in submission.items() if k != "uprn"}
    refused = run.call("POST", "/missed-collections", json_body=invalid, sandbox=True)
    outcomes, _ = run.expect(refused, "POST", "/missed-collections", 422, EXTENDED,
                             code="api.rejects-invalid")
    yield from outcomes


# -- waste-collections-api 2.x: residents' personal data kept private ---------------------------

STATUS = "GET /missed-collections/{id}"
RECORD = "GET /missed-collections/{id}/record"

#: Where to read personal data instead, for advice about a public response that has it.
_PRIVATE_PLACE = ("serve it only from an operation that needs the council's credentials, such "
                  "as GET /missed-collections/{id}/record")


def _public(run: Run, method: str, template: str) -> bool:
    """Return whether a version with security schemes makes an operation public (2.0.0 on)."""
    components = run.api.doc.get("components", {})
    return isinstance(components, dict) and bool(components.get("securitySchemes")) \
        and run.api.is_public(method, template)


def privacy(run: Run, exchange: Exchange, operation: str, body: Any,
            when: str = "without credentials") -> Outcome:
    """Return the core check that a public response carries no personal data."""
    findings = tuple(
        run.finding(operation, "api.personal-data", CORE,
                    f"{exchange.method} {exchange.target} answered {when} with {what(key)} at "
                    f"{pointer}: anyone who has the URL can read it.",
                    pointer=pointer,
                    advice=f"Leave '{key}' out of every response that needs no credentials; "
                           f"{_PRIVATE_PLACE}.")
        for pointer, key in personal_data(body)
    )
    return Outcome(operation, "api.personal-data", findings)


def _guess(run: Run, operation: str, identifiers: list[str]) -> Outcome:
    """Return the extended check that identifiers in URLs do not look guessable."""
    reason = guessable(identifiers)
    return run.outcome(
        operation, "api.guessable-id", EXTENDED,
        [f"The identifiers of residents' reports look guessable: {reason}."] if reason else [],
        "Give each report a random identifier for its URL, such as a version 4 UUID, and keep "
        "the council's own reference inside the record.",
    )


def _report_id(run: Run) -> str | None:
    """Return the id of a report to read: given, or learned from one created in the sandbox."""
    return run.probe("missed_collection_id") or run.learned.get("created_missed_collection_id")


_NO_REPORT = ("no report was known: give --probe missed_collection_id=ID, or --allow-writes "
              "with --sandbox URL to create one")


def waste_status(run: Run) -> Iterator[Outcome]:
    """GET /missed-collections/{id} answers a report's public view, with no personal data."""
    template = "/missed-collections/{id}"
    report_id = _report_id(run)
    if report_id is None:
        yield run.skip(STATUS, f"A report's public status was not read: {_NO_REPORT}.")
    else:
        exchange = run.call("GET", template, {"id": report_id}, anonymous=True)
        outcomes, body = run.expect(exchange, "GET", template, 200, CORE)
        yield from outcomes
        if exchange.status == 200 and isinstance(body, dict):
            run.learn("reference", body.get("reference"))
            yield run.outcome(
                STATUS, "api.identity", CORE,
                [] if body.get("id") == report_id else
                [f"GET {exchange.target} answered report {body.get('id')!r}."],
                "Answer the report the URL names.",
            )
            yield privacy(run, exchange, STATUS, body)
        if "created_missed_collection_id" not in run.learned:
            yield _guess(run, STATUS, [report_id])
    unknown = run.probe("unknown_missed_collection_id") or "lgstandards-no-such-report-0000000000"
    exchange = run.call("GET", template, {"id": unknown}, anonymous=True)
    outcomes, _ = run.expect(exchange, "GET", template, 404, CORE, code="api.unknown-id")
    yield from outcomes
    malformed = run.probe("malformed_missed_collection_id") or "not a report id!"
    exchange = run.call("GET", template, {"id": malformed}, anonymous=True)
    outcomes, _ = run.expect(exchange, "GET", template, 400, CORE, code="api.malformed-id")
    yield from outcomes


def waste_record(run: Run) -> Iterator[Outcome]:
    """GET /missed-collections/{id}/record needs credentials; with them it answers the report."""
    template = "/missed-collections/{id}/record"
    report_id = _report_id(run)
    if report_id is None:
        yield run.skip(RECORD, f"Reading a whole report was not checked: {_NO_REPORT}.")
        return
    if _public(run, "GET", template):
        yield run.skip(RECORD, "The OpenAPI document gives this operation no security scheme, "
                               "so there is nothing to check about its credentials.")
        return
    anonymous = run.call("GET", template, {"id": report_id}, anonymous=True)
    outcomes, body = run.expect(anonymous, "GET", template, (401, 403), CORE,
                                code="api.authentication")
    yield from outcomes
    if anonymous.status == 401:
        yield run.expect_headers(anonymous, "GET", template, CORE)
    elif anonymous.status == 200:
        yield privacy(run, anonymous, RECORD, body, "200 without credentials")
    if not run.client.headers:
        yield run.skip(RECORD, "Reading the whole report with credentials was not checked: no "
                               "credentials were given.",
                       "Give the council's credentials with --header, such as --header "
                       "'Authorization: Bearer TOKEN' (they appear in no report).")
        return
    exchange = run.call("GET", template, {"id": report_id})
    outcomes, body = run.expect(exchange, "GET", template, 200, CORE)
    yield from outcomes
    reference = run.learned.get("reference")
    if exchange.status == 200 and isinstance(body, dict) and reference:
        yield run.outcome(
            RECORD, "api.identity", CORE,
            [] if body.get("reference") == reference else
            [f"GET {exchange.target} answered report {body.get('reference')!r}, not the "
             f"{reference!r} its public view names."],
            "Answer the whole record of the report the URL names.",
        )


def waste_submit_private(run: Run) -> Iterator[Outcome]:
    """POST /missed-collections (sandbox only) answers a public view that repeats no contact."""
    uprn, service = run.probe("uprn"), run.probe("service_id")
    if uprn is None or service is None:
        yield run.skip(SUBMIT, "Submitting a report was not checked: no UPRN and service id "
                               "were known (give --uprn, and check the schedule answers).")
        return
    submission = {
        "uprn": uprn,
        "service_id": service,
        "collection_date": (date.today() - timedelta(days=1)).isoformat(),
        "reason": "not_collected",
        "description": MARKER,
        # Contact details the answer must not repeat: the check is that they stay private.
        "contact": {"name": MARKER, "email": run.probe("email") or "conformance@example.org",
                    "consent_to_contact": False},
    }
    ids: list[str] = []
    for attempt in range(2):
        exchange = run.call("POST", "/missed-collections", json_body=submission, sandbox=True)
        outcomes, body = run.expect(exchange, "POST", "/missed-collections", 201, CORE)
        if attempt or exchange.status != 201 or not isinstance(body, dict):
            # A second report serves only to compare identifiers: its findings would repeat.
            if not attempt:
                yield from outcomes
            if attempt and isinstance(body, dict) and isinstance(body.get("id"), str):
                ids.append(body["id"])
            continue
        yield from outcomes
        yield run.expect_headers(exchange, "POST", "/missed-collections", CORE)
        yield privacy(run, exchange, SUBMIT, body, "the report just made")
        new_id = body.get("id")
        if isinstance(new_id, str):
            ids.append(new_id)
            run.learned["created_missed_collection_id"] = new_id
        location = exchange.header("location")
        if location:
            try:
                again = run.call("GET", "/missed-collections/{id}",
                                 url=urljoin(exchange.url, location), anonymous=True)
            except UnsafeRequestError:
                yield run.outcome(SUBMIT, "api.headers", CORE,
                                  [f"The Location {location!r} is not on the sandbox's host."],
                                  "Give a Location on the API's own host, such as "
                                  "/missed-collections/{id}.")
            else:
                more, read = run.expect(again, "GET", "/missed-collections/{id}", 200, CORE)
                yield from more
                if isinstance(read, dict):
                    yield run.outcome(
                        STATUS, "api.identity", CORE,
                        [] if read.get("id") == new_id else
                        [f"GET {again.target} (the Location of the new report) answered report "
                         f"{read.get('id')!r}, not {new_id!r}."],
                        "Make a new report readable at its Location at once.",
                    )
    if ids:
        yield _guess(run, SUBMIT, ids)
    invalid = {k: v for k, v in submission.items() if k != "uprn"}
    refused = run.call("POST", "/missed-collections", json_body=invalid, sandbox=True)
    outcomes, _ = run.expect(refused, "POST", "/missed-collections", 422, EXTENDED,
                             code="api.rejects-invalid")
    yield from outcomes


WASTE: tuple[Step, ...] = (
    Step(ROOT, waste_root),
    Step(ADDRESSES, waste_addresses),
    Step(ADDRESSES, waste_pagination),
    Step(SCHEDULE, waste_schedule),
    Step(SCHEDULE, waste_schedule_unknown),
    Step(SERVICES, waste_services),
    Step(REPORT, waste_report),
    Step(SUBMIT, waste_submit, writes=True),
)

WASTE_PROBES: tuple[Probe, ...] = (
    Probe("postcode", "A postcode the server has addresses for; ideally several, to page through."),
    Probe("uprn", "A UPRN the server has a schedule for (default: the first at the postcode)."),
    Probe("reference", "The reference of a missed collection report the server holds."),
    Probe("unknown_uprn", "A well-formed UPRN the server does not know.", "999999999999"),
    Probe("malformed_uprn", "A value that cannot be a UPRN.", "not-a-uprn"),
    Probe("unknown_reference", "A well-formed report reference the server does not know.",
          "LGSTANDARDS-NO-SUCH-REPORT"),
    Probe("malformed_reference", "A value that cannot be a report reference.", "not a reference!"),
)

#: 2.x: the same reads, the schedule as the public sees it, and residents' reports kept private.
WASTE_V2: tuple[Step, ...] = (
    Step(ROOT, waste_root),
    Step(ADDRESSES, waste_addresses),
    Step(ADDRESSES, waste_pagination),
    Step(SCHEDULE, waste_schedule),
    Step(SCHEDULE, waste_schedule_unknown),
    Step(SERVICES, waste_services),
    Step(SUBMIT, waste_submit_private, writes=True),
    Step(STATUS, waste_status),
    Step(RECORD, waste_record),
)

WASTE_V2_PROBES: tuple[Probe, ...] = (
    Probe("postcode", "A postcode the server has addresses for; ideally several, to page through."),
    Probe("uprn", "A UPRN the server has a schedule for (default: the first at the postcode)."),
    Probe("missed_collection_id", "The unguessable id of a missed collection report the server "
                                  "holds (default: one created in the sandbox with writes)."),
    Probe("unknown_uprn", "A well-formed UPRN the server does not know.", "999999999999"),
    Probe("malformed_uprn", "A value that cannot be a UPRN.", "not-a-uprn"),
    Probe("unknown_missed_collection_id", "A well-formed report id the server does not know.",
          "lgstandards-no-such-report-0000000000"),
    Probe("malformed_missed_collection_id", "A value that cannot be a report id.",
          "not a report id!"),
    Probe("email", "The email address in a report created in the sandbox, which the answer "
                   "must not repeat.", "conformance@example.org"),
)
