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
from lgstandards.apicheck.suites.base import CORE, EXTENDED, MARKER, Probe, Step, json_items
from lgstandards.apicheck.suites.private_records import (
    CASES,
    case_probes,
    case_steps,
    needs_service,
    needs_uprn,
    privacy,
    public,
)

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


def _postcode(run: Run) -> str:
    """Ask for the postcode probe, as the caller gives it."""
    return run.ask("postcode", "POSTCODE", "a postcode the server has addresses for")


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
        yield run.skip(ADDRESSES, f"The address lookup was not checked: give {_postcode(run)}.")
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
        yield run.skip(ADDRESSES, f"Pagination was not checked: give {_postcode(run)}.")
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
        yield run.skip(SCHEDULE, f"The schedule was not checked: {needs_uprn(run)}.")
        return
    anonymous = public(run, "GET", "/properties/{uprn}/schedule")
    exchange = run.call("GET", "/properties/{uprn}/schedule", {"uprn": uprn},
                        anonymous=anonymous)
    outcomes, body = run.expect(exchange, "GET", "/properties/{uprn}/schedule", 200, CORE)
    yield from outcomes
    if exchange.status != 200 or not isinstance(body, dict):
        return
    if anonymous:
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
        yield run.skip(REPORT, "Reading an existing report was not checked: give "
                               + run.ask("reference", "REF",
                                         "the reference of a report the server holds") + ".")
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
        yield run.skip(SUBMIT, "Submitting a report was not checked: "
                               f"{needs_service(run)}.")
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

#: 2.x: the same reads, the schedule as the public sees it, and residents' cases kept private:
#: each kind is created in the sandbox, read back as its public view, and whole with credentials.
WASTE_V2: tuple[Step, ...] = (
    Step(ROOT, waste_root),
    Step(ADDRESSES, waste_addresses),
    Step(ADDRESSES, waste_pagination),
    Step(SCHEDULE, waste_schedule),
    Step(SCHEDULE, waste_schedule_unknown),
    Step(SERVICES, waste_services),
    *(step for case in CASES for step in case_steps(case)),
)

WASTE_V2_PROBES: tuple[Probe, ...] = (
    Probe("postcode", "A postcode the server has addresses for; ideally several, to page through."),
    Probe("uprn", "A UPRN the server has a schedule for (default: the first at the postcode)."),
    Probe("unknown_uprn", "A well-formed UPRN the server does not know.", "999999999999"),
    Probe("malformed_uprn", "A value that cannot be a UPRN.", "not-a-uprn"),
    *case_probes(),
)
