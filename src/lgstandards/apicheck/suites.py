"""The conformance suites of the API standards: plain functions per operation, listed in one place.

Each step checks one operation (or one behaviour of it) against a live server and yields outcomes.
Steps run in order, and a step may learn values (a UPRN, a service code) that later steps use when
the user gave none. `SUITES` maps `<standard>@<major>` to its steps; `PROBES` documents the probe
values each suite takes, with defaults where a safe one exists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urljoin

from lgstandards.apicheck.checks import (
    ClientProfile,
    Level,
    Outcome,
    Run,
    parse_json,
    status_advice,
)
from lgstandards.apicheck.client import Exchange, UnsafeRequestError

CORE, EXTENDED = Level.CORE, Level.EXTENDED

#: Text that marks anything a conformance run writes, so a council can find and delete it.
MARKER = "lgstandards conformance test: please ignore"


@dataclass(frozen=True)
class Step:
    """One step of a suite: the operation it checks, whether it writes, and the function."""

    operation: str
    check: Callable[[Run], Iterator[Outcome]]
    writes: bool = False


@dataclass(frozen=True)
class Probe:
    """A value the suite needs from the server's own data, with a default when one is safe."""

    name: str
    description: str
    default: str | None = None


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
                again = [i.get("uprn") for i in _items(page2.get("items"))
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
    exchange = run.call("GET", "/properties/{uprn}/schedule", {"uprn": uprn})
    outcomes, body = run.expect(exchange, "GET", "/properties/{uprn}/schedule", 200, CORE)
    yield from outcomes
    if exchange.status != 200 or not isinstance(body, dict):
        return
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


# -- street-reports-api (Open311 GeoReport v2) -------------------------------------------------

O_SERVICES = "GET /services.json"
O_DEFINITION = "GET /services/{service_code}.json"
O_REQUESTS = "GET /requests.json"
O_CREATE = "POST /requests.json"
O_REQUEST = "GET /requests/{service_request_id}.json"
O_UPDATES = "GET /servicerequestupdates.json"
O_POST_UPDATE = "POST /servicerequestupdates.json"

#: Statuses a request can have while it is still open, in lower case: a request listed for
#: `status=closed` with one of these was not filtered. A server's other statuses are not judged.
OPEN_STATUSES = frozenset({"open", "in_progress", "planned", "action_scheduled", "investigating",
                           "reopen", "for_triage", "confirmed"})

#: FixMyStreet's extended statuses, which it reads from a council's request updates.
FIXMYSTREET_STATUSES = frozenset({
    "unchanged", "open", "closed", "fixed", "in_progress", "planned", "action_scheduled",
    "investigating", "duplicate", "not_councils_responsibility", "no_further_action",
    "internal_referral", "cancelled", "reopen", "for_triage",
})


def _items(body: Any) -> list[dict[str, Any]]:
    """Return the objects in a JSON list, or none if it is not a list."""
    return [i for i in body if isinstance(i, dict)] if isinstance(body, list) else []


def _open311_items(body: Any, wrapper: str) -> list[dict[str, Any]]:
    """Return the objects of an Open311 list: a bare list, or FixMyStreet's {wrapper: [...]}."""
    if isinstance(body, dict) and isinstance(body.get(wrapper), list):
        body = body[wrapper]
    return _items(body)


def _as_id(value: Any) -> str | None:
    """Return an identifier as text: servers write ids as text or as whole numbers."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) or (isinstance(value, str) and value):
        return str(value)
    return None


def _true(value: Any) -> bool:
    """Return whether an Open311 boolean is true: JSON true, or the text 'true' XML left."""
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def _as_served(run: Run) -> bool:
    """Return whether the version checked accepts Open311 as real servers speak it (1.1.0 on)."""
    major, minor = (int(p) for p in run.api.version.version.split(".")[:2])
    return (major, minor) >= (1, 1)


def _params(run: Run, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Return query parameters with the jurisdiction_id probe, which some servers require."""
    params = dict(extra or {})
    jurisdiction = run.probe("jurisdiction_id")
    if jurisdiction:
        params["jurisdiction_id"] = jurisdiction
    return params


def _expect(run: Run, exchange: Exchange, method: str, template: str, statuses: int,
            level: Level, code: str = "api.status") -> tuple[list[Outcome], Any]:
    """Judge an Open311 response; from 1.1.0 the format of an error body is advice only."""
    return run.expect(exchange, method, template, statuses, level, code=code,
                      error_body=EXTENDED if _as_served(run) else None)


def open311_services(run: Run) -> Iterator[Outcome]:
    """GET /services.json lists the services."""
    exchange = run.call("GET", "/services.json", params=_params(run))
    outcomes, body = _expect(run, exchange, "GET", "/services.json", 200, CORE)
    yield from outcomes
    if exchange.status != 200 or not isinstance(body, list | dict):
        return
    services = _open311_items(body, "services")
    run.learned["services listed"] = str(len(services))
    for service in services:
        if _true(service.get("metadata")):
            run.learn("service_code", _as_id(service.get("service_code")))
    for service in services:
        run.learn("any_service_code", _as_id(service.get("service_code")))
    yield from run.cors(exchange, O_SERVICES)


def _why_no_service(run: Run) -> str:
    """Say why no service definition could be chosen, from what GET /services.json answered."""
    listed = run.learned.get("services listed")
    if listed is None:
        return ("No service definition was checked: GET /services.json gave no list of services "
                "to choose from (see its findings).")
    if listed == "0":
        return "No service definition was checked: GET /services.json listed no services."
    return (f"No service definition was checked: none of the {listed} services GET /services.json "
            "listed has metadata true, so none has a definition.")


def open311_definition(run: Run) -> Iterator[Outcome]:
    """GET /services/{code}.json answers a definition; an unknown code answers 404."""
    template = "/services/{service_code}.json"
    code = run.probe("service_code")
    if code is None:
        yield run.skip(O_DEFINITION, _why_no_service(run),
                       "Give --probe service_code=CODE to check the definition of one service.")
    else:
        exchange = run.call("GET", template, {"service_code": code}, params=_params(run))
        outcomes, body = _expect(run, exchange, "GET", template, 200, CORE)
        yield from outcomes
        if exchange.status == 200 and isinstance(body, dict):
            got = _as_id(body.get("service_code"))
            yield run.outcome(
                O_DEFINITION, "api.identity", CORE,
                [] if got == code else
                [f"GET {exchange.target} answered the definition of {got!r}, not {code!r}."],
                "Answer the definition of the service the URL names.",
            )
            run.learn("definition", "yes")
            run.definition = body
    unknown = run.probe("unknown_service_code") or "lgstandards-no-such-service"
    exchange = run.call("GET", template, {"service_code": unknown}, params=_params(run))
    outcomes, _ = _expect(run, exchange, "GET", template, 404, CORE, code="api.unknown-id")
    yield from outcomes


def open311_requests(run: Run) -> Iterator[Outcome]:
    """GET /requests.json lists requests, and its status filter works."""
    exchange = run.call("GET", "/requests.json", params=_params(run))
    outcomes, body = _expect(run, exchange, "GET", "/requests.json", 200, CORE)
    yield from outcomes
    if exchange.status == 200 and isinstance(body, list | dict):
        requests = _open311_items(body, "service_requests")
        run.learned["requests listed"] = str(len(requests))
        for request in requests:
            run.learn("service_request_id", _as_id(request.get("service_request_id")))
    # The filtered list is judged on the filter alone: its bodies were checked just above.
    filtered = run.call("GET", "/requests.json", params=_params(run, {"status": "closed"}))
    problems: list[str | tuple[str, str]]
    if filtered.failure is not None or filtered.status != 200:
        got = filtered.status or 0
        problems = [(f"GET {filtered.target} answered "
                     f"{filtered.failure.code if filtered.failure else got}; the "
                     "standard says 200.",
                     status_advice("api.query", got, (200,), "GET") if got != 400 else
                     "Accept Open311's status filter: status=open, status=closed or both.")]
    else:
        wrong = [f"{_as_id(r.get('service_request_id'))} ({r.get('status')})"
                 for r in _open311_items(parse_json(filtered.body), "service_requests")
                 if str(r.get("status", "")).strip().lower() in OPEN_STATUSES]
        problems = [(f"GET {filtered.target} returned requests that are still open: "
                     f"{', '.join(wrong[:5])}.",
                     "Return only closed requests for status=closed.")] if wrong else []
    yield run.outcome(O_REQUESTS, "api.query", EXTENDED, problems)


def open311_pagination(run: Run) -> Iterator[Outcome]:
    """GET /requests.json honours page_size and links the next page with a Link header."""
    exchange = run.call("GET", "/requests.json", params=_params(run, {"page_size": "1"}))
    if exchange.failure is not None or exchange.status != 200:
        outcomes, _ = _expect(run, exchange, "GET", "/requests.json", 200, EXTENDED,
                              code="api.pagination")
        yield from outcomes
        return
    items = _open311_items(parse_json(exchange.body), "service_requests")
    problems = []
    if len(items) > 1:
        problems.append(f"GET {exchange.target} asked for page_size=1 and got {len(items)} "
                        "requests.")
    link = _next_link(exchange.header("link"))
    if link:
        try:
            second = run.call("GET", "/requests.json", url=urljoin(exchange.url, link))
        except UnsafeRequestError:
            problems.append(f"GET {exchange.target}: the Link rel=next {link!r} is off the API's "
                            "host; it was not followed.")
        else:
            more, _ = _expect(run, second, "GET", "/requests.json", 200, EXTENDED)
            yield from more
    yield run.outcome(O_REQUESTS, "api.pagination", EXTENDED, problems,
                      "Honour page and page_size, and name the next page in a Link header "
                      "with rel=\"next\", so clients can read every request.")


def _next_link(header: str | None) -> str | None:
    """Return the target of the rel="next" link in a Link header."""
    for part in (header or "").split(","):
        match = re.match(r'\s*<([^>]*)>\s*;(.*)', part)
        if match and re.search(r'rel\s*=\s*"?next"?', match.group(2)):
            return match.group(1)
    return None


def _why_no_request(run: Run) -> str:
    """Say why no request could be fetched, from what GET /requests.json answered."""
    listed = run.learned.get("requests listed")
    if listed is None:
        return ("No service request was fetched: GET /requests.json gave no list of requests to "
                "choose from (see its findings).")
    if listed == "0":
        return ("No service request was fetched: GET /requests.json listed none (Open311's "
                "default is the requests of the last 90 days).")
    return (f"No service request was fetched: GET /requests.json listed {listed}, none with a "
            "service_request_id.")


def open311_request(run: Run) -> Iterator[Outcome]:
    """GET /requests/{id}.json answers a list of exactly that request; unknown is 404."""
    template = "/requests/{service_request_id}.json"
    request_id = run.probe("service_request_id")
    if request_id is None:
        yield run.skip(O_REQUEST, _why_no_request(run),
                       "Give --probe service_request_id=ID for a request the server holds.")
    else:
        exchange = run.call("GET", template, {"service_request_id": request_id},
                            params=_params(run))
        outcomes, body = _expect(run, exchange, "GET", template, 200, CORE)
        yield from outcomes
        if exchange.status == 200 and isinstance(body, list | dict):
            ids = [_as_id(r.get("service_request_id"))
                   for r in _open311_items(body, "service_requests")]
            yield run.outcome(
                O_REQUEST, "api.identity", CORE,
                [] if ids == [request_id] else
                [f"GET {exchange.target} answered "
                 + (f"requests {', '.join(str(i) for i in ids)}" if ids else "no request")
                 + f", not a list of {request_id!r} alone."],
                "Answer a list holding exactly the request the URL names.",
            )
    unknown = run.probe("unknown_service_request_id") or "lgstandards-no-such-request"
    exchange = run.call("GET", template, {"service_request_id": unknown}, params=_params(run))
    body = parse_json(exchange.body) if exchange.failure is None else None
    empty = exchange.status == 200 and isinstance(body, list | dict) and not _open311_items(
        body, "service_requests") and (isinstance(body, list) or "service_requests" in body)
    if empty and _as_served(run):
        # FixMyStreet's own server answers an unknown id with 200 and an empty list, which
        # clients read as "no such request": accepted, with the standard's advice as a warning.
        yield run.outcome(O_REQUEST, "api.unknown-id", CORE, [])
        yield run.outcome(
            O_REQUEST, "api.unknown-id", EXTENDED,
            [f"GET {exchange.target} answered 200 with an empty list; the standard advises 404."],
            "Answer 404, with Open311's error list, for a well-formed id the server does not "
            "know; an empty list works with FixMyStreet but not with every client.",
        )
    else:
        outcomes, _ = _expect(run, exchange, "GET", template, 404, CORE, code="api.unknown-id")
        yield from outcomes
    malformed = run.probe("malformed_service_request_id") or "not a request id!"
    exchange = run.call("GET", template, {"service_request_id": malformed}, params=_params(run))
    outcomes, _ = _expect(run, exchange, "GET", template, 400, EXTENDED, code="api.malformed-id")
    yield from outcomes


def open311_updates(run: Run) -> Iterator[Outcome]:
    """GET /servicerequestupdates.json lists updates with FixMyStreet's extended statuses."""
    now = datetime.now(UTC).replace(microsecond=0)
    params = {"start_date": (now - timedelta(days=90)).isoformat().replace("+00:00", "Z"),
              "end_date": now.isoformat().replace("+00:00", "Z")}
    exchange = run.call("GET", "/servicerequestupdates.json", params=_params(run, params))
    level = run.level(O_UPDATES, EXTENDED)
    outcomes, body = _expect(run, exchange, "GET", "/servicerequestupdates.json", 200, level)
    yield from outcomes
    if run.needs is not None and run.needs.name == "fixmystreet" and exchange.status == 200:
        unknown = sorted({str(u.get("status")) for u in
                          _open311_items(body, "service_request_updates")
                          if str(u.get("status", "")).strip().lower() not in FIXMYSTREET_STATUSES})
        yield run.outcome(
            O_UPDATES, "api.client", CORE,
            [f"GET {exchange.target} gave updates the statuses {', '.join(unknown[:5])}, which "
             "FixMyStreet does not know."] if unknown else [],
            "Give each update one of FixMyStreet's extended statuses (in lower case), and put "
            "the back office's own status in external_status_code for the council to map.",
        )


def _attribute_answers(definition: Any) -> dict[str, str]:
    """Return form fields answering a service definition's required attributes."""
    answers: dict[str, str] = {}
    attributes = definition.get("attributes", []) if isinstance(definition, dict) else []
    for attr in attributes if isinstance(attributes, list) else []:
        if not isinstance(attr, dict) or not _true(attr.get("required")) \
                or not _true(attr.get("variable")):
            continue
        code = str(attr.get("code"))
        values = attr.get("values") if isinstance(attr.get("values"), list) else []
        if values and isinstance(values[0], dict):
            answers[f"attribute[{code}]"] = str(values[0].get("key"))
        elif attr.get("datatype") == "number":
            answers[f"attribute[{code}]"] = "1"
        elif attr.get("datatype") == "datetime":
            answers[f"attribute[{code}]"] = datetime.now(UTC).replace(microsecond=0).isoformat()
        else:
            answers[f"attribute[{code}]"] = MARKER
    return answers


def open311_create(run: Run) -> Iterator[Outcome]:
    """POST /requests.json (sandbox only) creates a request that can then be fetched."""
    code = run.probe("service_code") or run.probe("any_service_code")
    if code is None:
        yield run.skip(O_CREATE, "Creating a request was not checked: no service code was known "
                                 "(GET /services.json listed none).",
                       "Give --probe service_code=CODE for a service the sandbox accepts.")
        return
    form = {
        "service_code": code,
        "lat": run.probe("lat") or "51.4545",
        "long": run.probe("long") or "-2.5879",
        "description": MARKER,
        "email": run.probe("email") or "conformance@example.org",
        **(_attribute_answers(run.definition) if code == run.probe("service_code") else {}),
        **_params(run),
    }
    if run.probe("api_key"):
        form["api_key"] = run.probe("api_key") or ""
    exchange = run.call("POST", "/requests.json", form=form, sandbox=True)
    outcomes, body = _expect(run, exchange, "POST", "/requests.json", 200, CORE)
    yield from outcomes
    created = _open311_items(body, "service_requests")
    new_id = _as_id(created[0].get("service_request_id")) if created else None
    if exchange.status == 200 and new_id is not None:
        template = "/requests/{service_request_id}.json"
        again = run.call("GET", template, {"service_request_id": new_id}, sandbox=True,
                         params=_params(run))
        more, read = _expect(run, again, "GET", template, 200, CORE)
        yield from more
        ids = [_as_id(r.get("service_request_id"))
               for r in _open311_items(read, "service_requests")]
        yield run.outcome(
            O_REQUEST, "api.identity", CORE,
            [] if ids == [new_id] else
            [f"GET {again.target} did not answer the request just created ({new_id!r})."],
            "Make a created request readable at GET /requests/{id}.json at once, or answer a "
            "token for batch services.",
        )
        run.learned["created_request_id"] = new_id
    refused = run.call("POST", "/requests.json", form={"description": MARKER, **_params(run)},
                       sandbox=True)
    outcomes, _ = _expect(run, refused, "POST", "/requests.json", 400, EXTENDED,
                          code="api.rejects-invalid")
    yield from outcomes


def open311_post_update(run: Run) -> Iterator[Outcome]:
    """POST /servicerequestupdates.json (sandbox only) adds an update to the new request."""
    request_id = run.learned.get("created_request_id")
    if request_id is None:
        yield run.skip(O_POST_UPDATE, "Posting an update was not checked: no request was created "
                                      "to add it to (see POST /requests.json).")
        return
    fixmystreet = run.needs is not None and run.needs.name == "fixmystreet"
    form = {
        "service_request_id": request_id,
        # FixMyStreet posts its statuses in upper case: a server it sends to must accept them.
        "status": "OPEN" if fixmystreet else "open",
        "description": MARKER,
        "updated_datetime": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "email": run.probe("email") or "conformance@example.org",
        **_params(run),
    }
    if fixmystreet:
        form["update_id"] = "lgstandards-" + datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    if run.probe("api_key"):
        form["api_key"] = run.probe("api_key") or ""
    exchange = run.call("POST", "/servicerequestupdates.json", form=form, sandbox=True)
    outcomes, _ = _expect(run, exchange, "POST", "/servicerequestupdates.json", 200,
                          run.level(O_POST_UPDATE, EXTENDED))
    yield from outcomes


STREET: tuple[Step, ...] = (
    Step(O_SERVICES, open311_services),
    Step(O_DEFINITION, open311_definition),
    Step(O_REQUESTS, open311_requests),
    Step(O_REQUESTS, open311_pagination),
    Step(O_REQUEST, open311_request),
    Step(O_UPDATES, open311_updates),
    Step(O_CREATE, open311_create, writes=True),
    Step(O_POST_UPDATE, open311_post_update, writes=True),
)

STREET_PROBES: tuple[Probe, ...] = (
    Probe("service_code", "A service with a definition (default: the first with metadata true)."),
    Probe("service_request_id", "A request the server holds (default: the first listed)."),
    Probe("jurisdiction_id", "Open311's jurisdiction_id, sent with every request, for servers "
                             "that serve several councils or require it (FixMyStreet's own)."),
    Probe("unknown_service_code", "A service code the server does not know.",
          "lgstandards-no-such-service"),
    Probe("unknown_service_request_id", "A request id the server does not know.",
          "lgstandards-no-such-request"),
    Probe("malformed_service_request_id", "A value that cannot be a request id.",
          "not a request id!"),
    Probe("lat", "Latitude for a request created in the sandbox.", "51.4545"),
    Probe("long", "Longitude for a request created in the sandbox.", "-2.5879"),
    Probe("email", "Email address for a request created in the sandbox.",
          "conformance@example.org"),
    Probe("api_key", "Open311 api_key for writes to the sandbox (kept out of every report)."),
)

#: FixMyStreet as a client of the street reports API (its profile): what it needs of a council's
#: Open311 endpoint that it sends reports to and reads updates from.
FIXMYSTREET = ClientProfile(
    "fixmystreet",
    "What FixMyStreet needs of a council's Open311 endpoint: request updates it can read "
    "(GET /servicerequestupdates.json answering and conforming, with FixMyStreet's statuses) "
    "and updates it posts in upper case (OPEN, FIXED) accepted.",
    core=frozenset({O_UPDATES, O_POST_UPDATE}),
)


#: Each API standard's suite, keyed by `<id>@<major>`: a major version is a stable contract.
SUITES: Mapping[str, tuple[Step, ...]] = {
    "waste-collections-api@1": WASTE,
    "street-reports-api@1": STREET,
}

#: The clients each suite can check for (`--client NAME`).
CLIENTS: Mapping[str, Mapping[str, ClientProfile]] = {
    "street-reports-api@1": {FIXMYSTREET.name: FIXMYSTREET},
}

#: The probe values each suite takes.
PROBES: Mapping[str, tuple[Probe, ...]] = {
    "waste-collections-api@1": WASTE_PROBES,
    "street-reports-api@1": STREET_PROBES,
}
