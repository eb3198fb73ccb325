"""The conformance suite of the street reports API: Open311 GeoReport v2 as servers speak it."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
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
from lgstandards.apicheck.suites.base import CORE, EXTENDED, MARKER, Probe, Step, json_items

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


def _open311_items(body: Any, wrapper: str) -> list[dict[str, Any]]:
    """Return the objects of an Open311 list: a bare list, or FixMyStreet's {wrapper: [...]}."""
    if isinstance(body, dict) and isinstance(body.get(wrapper), list):
        body = body[wrapper]
    return json_items(body)


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
    """Return whether the version checked accepts Open311 as real servers speak it (2.0.0 on)."""
    return int(run.api.version.version.split(".")[0]) >= 2


def _params(run: Run, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Return query parameters with the jurisdiction_id probe, which some servers require."""
    params = dict(extra or {})
    jurisdiction = run.probe("jurisdiction_id")
    if jurisdiction:
        params["jurisdiction_id"] = jurisdiction
    return params


def _expect(run: Run, exchange: Exchange, method: str, template: str, statuses: int,
            level: Level, code: str = "api.status") -> tuple[list[Outcome], Any]:
    """Judge an Open311 response; from 2.0.0 the format of an error body is advice only."""
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
                       f"Give {run.ask('service_code', 'CODE', 'the code of a service')} to "
                       "check its definition.")
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
                     status_advice("api.query", got, (200,), "GET", run.accepts)
                     if got != 400 else
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
                       "Give " + run.ask("service_request_id", "ID",
                                         "the id of a request the server holds") + ".")
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
                       "Give " + run.ask("service_code", "CODE",
                                         "the code of a service the sandbox accepts") + ".")
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
