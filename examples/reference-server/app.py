"""The lgstandards reference server: both API standards, served over the standards' example data.

Run it with one command from the repository root:

    uvicorn --app-dir examples/reference-server app:app --port 8000

and check it with

    lgstandards check-api --standard waste-collections-api --base-url http://127.0.0.1:8000/waste \
        --postcode "BN43 5RA"
    lgstandards check-api --standard street-reports-api --base-url http://127.0.0.1:8000/open311/v2
    lgstandards check-api --standard waste-collections-api@2.0.0 --draft \
        --base-url http://127.0.0.1:8000/waste/v2 --postcode "BN43 5RA" \
        --header "Authorization: Bearer reference-staff-token"

It is a reference, not a product: data lives in memory, writes are kept until the process stops,
and anyone may write. The 2.0.0 waste API (under /waste/v2) reads whole reports only with the
demonstration credential TOKEN (LGSTANDARDS_REFERENCE_TOKEN), as a bearer token or X-Api-Key.
Setting LGSTANDARDS_REFERENCE_DEFECT (or `create_app(defect=...)`) serves a deliberately broken
variant, so that tests can prove `check-api` notices each defect; see DEFECTS.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import re
import uuid
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Mount, Route

from lgstandards.registry import catalogue
from lgstandards.validation import SchemaValidator

HERE = Path(__file__).resolve().parent

#: The deliberately broken variants, and what each one gets wrong.
DEFECTS: Mapping[str, str] = {
    "wrong-status": "GET /properties/{uprn}/schedule answers 202 instead of 200.",
    "wrong-content-type": "GET /properties/{uprn}/schedule answers text/html.",
    "invalid-body": "GET /properties/{uprn}/schedule writes the UPRN as a number.",
    "no-pagination": "GET /addresses and GET /requests.json ignore page and page_size.",
    "hang": "GET /properties/{uprn}/schedule never answers.",
    "oversized": "GET /properties/{uprn}/schedule answers a body of 50 MB.",
    "plain-errors": "Errors are text/plain sentences, not problem details.",
    "unknown-id-200": "An unknown UPRN answers 200 with an empty object.",
    "malformed-id-404": "A malformed UPRN answers 404 instead of 400.",
    "redirect-off-host": "GET /services redirects to another host.",
    "open311-numeric-ids": "GET /services.json writes service codes as numbers, as Open311's "
                           "own examples did.",
    "leaky-status": "2.0.0: a case's public view (GET /missed-collections/{id} ...) answers the "
                    "resident's contact details.",
    "open-record": "2.0.0: a case's whole record (GET .../{id}/record) answers without "
                   "credentials.",
    "sequential-ids": "2.0.0: new cases get sequential ids (MC-REF-000001), not random ones.",
    "assisted-public": "2.0.0: the public schedule shows assisted_collection.",
}

#: The credential of the 2.0.0 API's staff operations, as a bearer token or an X-Api-Key. A
#: reference server's demonstration value: a real server checks tokens its council issued.
TOKEN = os.environ.get("LGSTANDARDS_REFERENCE_TOKEN") or "reference-staff-token"

UPRN = re.compile(r"^[0-9]{1,12}$")
REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_-]{0,49}$")
REQUEST_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
PUBLIC_ID = re.compile(r"^[A-Za-z0-9_-]{22,128}$")
POSTCODE = re.compile(r"^([A-Z][0-9]{1,2}|[A-Z][A-HJ-Y][0-9]{1,2}|[A-Z][0-9][A-Z]"
                      r"|[A-Z][A-HJ-Y][0-9][A-Z])([0-9][A-Z]{2})$")
JSON_HEADERS = {"Access-Control-Allow-Origin": "*"}


def now() -> str:
    """Return the current time as an RFC 3339 date-time in UTC."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def read_examples(standard: str, version_number: str = "1.0.0") -> list[dict[str, Any]]:
    """Return the valid example records of a standard version (1.0.0 unless named)."""
    version = catalogue().select(f"{standard}@{version_number}", allow_draft=True)
    records: list[dict[str, Any]] = []
    for path in version.example_files("valid"):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ndjson":
            records.extend(json.loads(line) for line in text.splitlines() if line.strip())
        else:
            records.append(json.loads(text))
    return records


def postcode_key(text: str) -> str | None:
    """Return a postcode in capitals without spaces, or None if it cannot be a postcode."""
    squashed = re.sub(r"\s+", "", text).upper()
    return squashed if POSTCODE.match(squashed) else None


@dataclass
class Store:
    """The server's data: example records, indexed, plus whatever clients have written."""

    schedules: dict[str, dict[str, Any]] = field(default_factory=dict)
    addresses: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    catalogue: dict[str, Any] = field(default_factory=dict)
    reports: dict[str, dict[str, Any]] = field(default_factory=dict)
    services: list[dict[str, Any]] = field(default_factory=list)
    definitions: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    #: The 2.0.0 API's data: schedules in waste-property-schedule 2.0.0, reports by their ids.
    schedules_v2: dict[str, dict[str, Any]] = field(default_factory=dict)
    addresses_v2: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    catalogue_v2: dict[str, Any] = field(default_factory=dict)
    #: 2.0.0's residents' cases, by kind ("missed-collections", ...) then id.
    cases: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    @classmethod
    def from_examples(cls) -> Store:
        """Load every valid example of the waste and street reports standards."""
        store = cls()
        for schedule in read_examples("waste-property-schedule"):
            prop = schedule["property"]
            store.schedules[prop["uprn"].lstrip("0")] = schedule
            key = postcode_key(prop.get("address", {}).get("postcode", "")) or ""
            result = {"uprn": prop["uprn"], "address": prop["address"]}
            if "usrn" in prop:
                result["usrn"] = prop["usrn"]
            store.addresses.setdefault(key, []).append(result)
        store.catalogue = read_examples("waste-service-catalogue")[-1]
        store.reports = {r["reference"]: r for r in read_examples("waste-missed-collection-report")}
        open311 = json.loads((HERE / "data" / "open311.json").read_text(encoding="utf-8"))
        store.services = open311["services"]
        store.definitions = open311["definitions"]
        store.updates = open311["updates"]
        store.requests = read_examples("street-reports-api")
        # 2.0.0 serves the 1.0.0 schedules as the standard's own migration writes them, and the
        # 2.0.0 examples, so the same postcodes answer in both versions.
        from lgstandards.development.migrations import ALL

        upgrade = next(m for m in ALL
                       if m.standard == "waste-property-schedule" and m.from_major == 1)
        schedules = [upgrade.migrate(s).record for s in read_examples("waste-property-schedule")]
        schedules += read_examples("waste-property-schedule", "2.0.0")
        for schedule in schedules:
            prop = schedule["property"]
            if prop["uprn"].lstrip("0") in store.schedules_v2:
                continue
            store.schedules_v2[prop["uprn"].lstrip("0")] = schedule
            key = postcode_key(prop.get("address", {}).get("postcode", "")) or ""
            result = {"uprn": prop["uprn"], "address": prop["address"]}
            store.addresses_v2.setdefault(key, []).append(result)
        store.catalogue_v2 = read_examples("waste-service-catalogue", "2.0.0")[-1]
        # Ids are random at every start, as a real server's must be: tests read them here.
        examples = {"missed-collections": ("waste-missed-collection-report", "1.1.0"),
                    "garden-subscriptions": ("waste-garden-subscription", "1.0.0"),
                    "container-requests": ("waste-container-request", "1.0.0")}
        store.cases = {path: {str(uuid.uuid4()): r for r in read_examples(*standard)}
                       for path, standard in examples.items()}
        return store


def page_of(request: Request, items: list[Any], *, max_size: int = 100,
            default_size: int = 20) -> tuple[list[Any], int, int, int] | Response:
    """Return (items on the page, page, page size, total pages), or a problem for bad numbers."""
    raw_page = request.query_params.get("page", "1")
    raw_size = request.query_params.get("page_size", str(default_size))
    if not raw_page.isdigit() or int(raw_page) < 1:
        return problem(400, "Bad page", f"page must be a whole number from 1, not {raw_page!r}.",
                       request)
    if not raw_size.isdigit() or not 1 <= int(raw_size) <= max_size:
        return problem(400, "Bad page size",
                       f"page_size must be a whole number from 1 to {max_size}, not {raw_size!r}.",
                       request)
    number, size = int(raw_page), int(raw_size)
    pages = math.ceil(len(items) / size)
    return items[(number - 1) * size: number * size], number, size, pages


def problem(status: int, title: str, detail: str, request: Request,
            errors: list[dict[str, str]] | None = None) -> Response:
    """Return an RFC 9457 problem details response (or Open311's error list under /open311)."""
    defect = request.app.state.defect
    if defect == "plain-errors":
        return Response(detail, status_code=status, media_type="text/plain")
    if request.url.path.startswith("/open311"):
        return JSONResponse([{"code": status, "description": detail}], status_code=status)
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status,
                            "detail": detail, "instance": request.url.path}
    if errors:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type="application/problem+json")


def ok(body: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    """Return a JSON response that web pages on any origin may read."""
    return JSONResponse(body, status_code=status, headers={**JSON_HEADERS, **(headers or {})})


# -- waste collections API ----------------------------------------------------------------------


def v2(request: Request) -> bool:
    """Return whether a request is to the 2.0.0 API (under /waste/v2) rather than 1.0.0."""
    return request.url.path.startswith("/waste/v2/") or request.url.path == "/waste/v2"


async def api_root(request: Request) -> Response:
    """GET /: the standard and version this server implements."""
    store: Store = request.app.state.store
    version = "2.0.0" if v2(request) else "1.0.0"
    catalogue_doc = store.catalogue_v2 if v2(request) else store.catalogue
    return ok({"standard": "waste-collections-api", "version": version,
               "publisher": catalogue_doc["publisher"],
               "documentation_url":
                   f"https://schemas.lgstandards.org/waste-collections-api/{version}/"})


async def addresses(request: Request) -> Response:
    """GET /addresses?postcode=: the addresses at a postcode, one page at a time."""
    store: Store = request.app.state.store
    key = postcode_key(request.query_params.get("postcode", ""))
    if key is None:
        return problem(400, "Bad postcode", "postcode must be a UK postcode, such as 'BS6 6LY'.",
                       request)
    found = (store.addresses_v2 if v2(request) else store.addresses).get(key, [])
    if request.app.state.defect == "no-pagination":
        return ok({"items": found, "page": 1, "page_size": max(len(found), 1),
                   "total_items": len(found), "total_pages": 1 if found else 0,
                   "links": {"self": str(request.url), "first": str(request.url),
                             "last": str(request.url)}})
    paged = page_of(request, found)
    if isinstance(paged, Response):
        return paged
    items, number, size, pages = paged

    def link(page: int) -> str:
        """Return the URL of another page of the same lookup."""
        query = {"postcode": request.query_params["postcode"], "page": page, "page_size": size}
        return f"{request.url.path}?{urlencode(query)}"

    links = {"self": link(number), "first": link(1), "last": link(max(pages, 1))}
    if number < pages:
        links["next"] = link(number + 1)
    if 1 < number <= pages + 1:
        links["previous"] = link(number - 1)
    return ok({"items": items, "page": number, "page_size": size, "total_items": len(found),
               "total_pages": pages, "links": links})


async def oversized(body: bytes) -> AsyncIterator[bytes]:
    """Yield a valid JSON body followed by 50 MB of spaces, in 64 KB chunks."""
    yield body
    chunk = b" " * 65536
    for _ in range(50 * 16):
        yield chunk


async def schedule(request: Request) -> Response:
    """GET /properties/{uprn}/schedule: a property's waste-property-schedule document."""
    store: Store = request.app.state.store
    defect = request.app.state.defect
    uprn = request.path_params["uprn"]
    if not UPRN.match(uprn):
        if defect == "malformed-id-404":
            return problem(404, "Not found", f"There is no property {uprn!r}.", request)
        return problem(400, "Bad UPRN", "A UPRN is 1 to 12 digits.", request)
    found = (store.schedules_v2 if v2(request) else store.schedules).get(uprn.lstrip("0"))
    if found is not None and v2(request) and defect != "assisted-public":
        # Anyone can look any property up: whether someone there needs help, and the household's
        # own subscription details, stay private.
        prop = {k: v for k, v in found["property"].items() if k != "assisted_collection"}
        kept = [{k: v for k, v in service.items()
                 if k not in ("subscription_reference", "subscription_end_date")}
                for service in found["services"]]
        found = {**found, "property": prop, "services": kept}
    if found is None:
        if defect == "unknown-id-200":
            return ok({})
        return problem(404, "Not found", f"There is no property with UPRN {uprn}.", request)
    if defect == "hang":
        await asyncio.sleep(3600)
    if defect == "wrong-status":
        return ok(found, status=202)
    if defect == "wrong-content-type":
        return Response(json.dumps(found), media_type="text/html", headers=JSON_HEADERS)
    if defect == "invalid-body":
        prop = {**found["property"], "uprn": int(found["property"]["uprn"])}
        return ok({**found, "property": prop})
    if defect == "oversized":
        return StreamingResponse(oversized(json.dumps(found).encode()),
                                 media_type="application/json")
    return ok(found)


async def services(request: Request) -> Response:
    """GET /services: the council's waste-service-catalogue document."""
    if request.app.state.defect == "redirect-off-host":
        return RedirectResponse("http://elsewhere.invalid/services", status_code=302)
    store: Store = request.app.state.store
    return ok(store.catalogue_v2 if v2(request) else store.catalogue)


async def report(request: Request) -> Response:
    """GET /missed-collections/{reference}: one missed collection report."""
    reference = request.path_params["reference"]
    if not REFERENCE.match(reference):
        return problem(400, "Bad reference", "A reference is letters, digits, '/', '_' or '-'.",
                       request)
    found = request.app.state.store.reports.get(reference)
    if found is None:
        return problem(404, "Not found", f"There is no report {reference}.", request)
    return ok(found)


async def submit_report(request: Request) -> Response:
    """POST /missed-collections: validate a submission with lgstandards and store the report."""
    store: Store = request.app.state.store
    try:
        submission = json.loads(await request.body())
    except ValueError:
        return problem(400, "Not JSON", "The body must be a JSON object.", request)
    findings = request.app.state.submission_validator.findings(submission)
    if findings:
        return problem(422, "Submission does not conform",
                       "The submission does not conform to the missed collection submission "
                       "schema.", request,
                       [{"pointer": f.pointer, "detail": f.message} for f in findings])
    schedule_doc = store.schedules.get(submission["uprn"].lstrip("0"))
    if schedule_doc is None:
        return problem(422, "Unknown property", "There is no property with that UPRN.", request,
                       [{"pointer": "/uprn", "detail": "Unknown UPRN."}])
    at = now()
    reference = f"MC-REF-{len(store.reports) + 1:06d}"
    created = {
        "reference": reference,
        "publisher": schedule_doc["publisher"],
        "uprn": schedule_doc["property"]["uprn"],
        **{k: submission[k] for k in ("service_id", "container_type_id", "collection_date",
                                      "reason", "description", "contact") if k in submission},
        "reported_at": at,
        "status": "submitted",
        "status_history": [{"status": "submitted", "changed_at": at}],
        "updated_at": at,
    }
    store.reports[reference] = created
    location = f"{request.url.path.rstrip('/')}/{reference}"
    return ok(created, status=201, headers={"Location": location})


# -- waste collections API 2.0.0: residents' cases kept private -------------------------------


@dataclass(frozen=True)
class Case:
    """One kind of resident's case in 2.0.0: its path, its public fields and how one is made."""

    #: The collection's path segment, such as "missed-collections".
    path: str
    #: The API schema's $def that a submission must follow.
    submission: str
    #: The fields its public view copies from the whole record (besides its id).
    public: tuple[str, ...]
    #: The council's reference prefix for new ones.
    prefix: str


CASES = {
    "missed-collections": Case(
        "missed-collections", "missed_collection_submission",
        ("reference", "service_id", "container_type_id", "collection_date", "status",
         "status_history", "reported_at", "updated_at", "closed_at"), "MC-REF"),
    "garden-subscriptions": Case(
        "garden-subscriptions", "garden_subscription_submission",
        ("reference", "service_id", "kind", "status", "start_date", "end_date", "containers",
         "renewal_due_date", "created_at", "updated_at", "cancelled_at"), "GW-REF"),
    "container-requests": Case(
        "container-requests", "container_request_submission",
        ("reference", "items", "status", "requested_at", "delivery_date", "completed_at",
         "cancelled_at", "updated_at"), "CR-REF"),
}


def case_of(request: Request) -> Case:
    """Return the kind of case a 2.0.0 request is about, from its path."""
    return CASES[request.url.path.removeprefix("/waste/v2/").split("/")[0]]


def public_view(case: Case, case_id: str, record: Mapping[str, Any]) -> dict[str, Any]:
    """Return a case's public view: its status, and nothing about the people involved."""
    view: dict[str, Any] = {"id": case_id, **{k: record[k] for k in case.public if k in record}}
    if "status_history" in view:
        # A note is the council's free text, which may name people: the public view drops it.
        view["status_history"] = [{"status": c["status"], "changed_at": c["changed_at"]}
                                  for c in record["status_history"]]
    return view


def credentials(request: Request) -> bool | None:
    """Return True for the staff credential, False for a wrong one, None for none at all."""
    given = request.headers.get("x-api-key")
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token:
        given = token.strip()
    if not given:
        return None
    return given == TOKEN


def _bad_id(request: Request) -> Response | None:
    """Answer 400 for an id that cannot be one, else None."""
    if PUBLIC_ID.match(request.path_params["id"]):
        return None
    return problem(400, "Bad id", "An id is 22 to 128 letters, digits, '-' or '_'.", request)


async def case_status(request: Request) -> Response:
    """GET /{case}/{id} (2.0.0): a case's public view, by its unguessable id."""
    case = case_of(request)
    refused = _bad_id(request)
    if refused is not None:
        return refused
    found = request.app.state.store.cases[case.path].get(request.path_params["id"])
    if found is None:
        return problem(404, "Not found", "There is nothing with that id.", request)
    view = public_view(case, request.path_params["id"], found)
    if request.app.state.defect == "leaky-status" and "contact" in found:
        view["contact"] = found["contact"]
    return ok(view)


async def case_record(request: Request) -> Response:
    """GET /{case}/{id}/record (2.0.0): the whole record, for the council's staff only."""
    private = {"Cache-Control": "no-store"}
    if request.app.state.defect != "open-record":
        allowed = credentials(request)
        if allowed is None:
            response = problem(401, "Credentials needed",
                               "This operation returns personal data: give the council's "
                               "credentials.", request)
            response.headers.update({"WWW-Authenticate": 'Bearer realm="waste"', **private})
            return response
        if not allowed:
            return problem(403, "Not allowed", "These credentials cannot read this.", request)
    refused = _bad_id(request)
    if refused is not None:
        return refused
    found = request.app.state.store.cases[case_of(request).path].get(request.path_params["id"])
    if found is None:
        return problem(404, "Not found", "There is nothing with that id.", request)
    # No Access-Control-Allow-Origin: no web page on another site may read personal data.
    return JSONResponse(found, headers=private)


def new_record(case: Case, submission: Mapping[str, Any], schedule_doc: Mapping[str, Any],
               reference: str) -> dict[str, Any]:
    """Return the whole record a conforming submission makes, as its data standard has it."""
    at = now()
    today = datetime.now(UTC).date()
    base = {"reference": reference, "publisher": schedule_doc["publisher"],
            "uprn": schedule_doc["property"]["uprn"]}
    kept = {k: v for k, v in submission.items() if k != "uprn"}
    if case.path == "garden-subscriptions":
        return {**base, **kept, "kind": submission.get("kind", "new"),
                "status": "pending_payment", "start_date": today.isoformat(),
                "end_date": (today + timedelta(days=364)).isoformat(),
                "price": {"amount": 60.0, "currency": "GBP"}, "created_at": at,
                "updated_at": at}
    if case.path == "container-requests":
        return {**base, **kept, "requested_at": at, "status": "submitted", "updated_at": at}
    return {**base, **kept, "reported_at": at, "status": "submitted",
            "status_history": [{"status": "submitted", "changed_at": at}], "updated_at": at}


async def case_submit(request: Request) -> Response:
    """POST /{case} (2.0.0): store what a resident asks for; answer its public view only."""
    store: Store = request.app.state.store
    case = case_of(request)
    try:
        submission = json.loads(await request.body())
    except ValueError:
        return problem(400, "Not JSON", "The body must be a JSON object.", request)
    findings = request.app.state.validators_v2[case.path].findings(submission)
    if findings:
        return problem(422, "Submission does not conform",
                       f"The submission does not conform to the {case.submission} schema.",
                       request, [{"pointer": f.pointer, "detail": f.message} for f in findings])
    schedule_doc = store.schedules_v2.get(submission["uprn"].lstrip("0"))
    if schedule_doc is None:
        return problem(422, "Unknown property", "There is no property with that UPRN.", request,
                       [{"pointer": "/uprn", "detail": "Unknown UPRN."}])
    number = len(store.cases[case.path]) + 1
    record = new_record(case, submission, schedule_doc, f"{case.prefix}-{number:06d}")
    # The council's reference may count up; the id in URLs must not, or anyone could read
    # the next resident's case by adding one.
    case_id = (f"{case.prefix}-{number:06d}" if request.app.state.defect == "sequential-ids"
               else str(uuid.uuid4()))
    store.cases[case.path][case_id] = record
    location = f"{request.url.path.rstrip('/')}/{case_id}"
    return ok(public_view(case, case_id, record), status=201, headers={"Location": location})


# -- street reports API (Open311 GeoReport v2) --------------------------------------------------


async def o311_services(request: Request) -> Response:
    """GET /services.json: every service."""
    services_list = request.app.state.store.services
    if request.app.state.defect == "open311-numeric-ids":
        services_list = [{**s, "service_code": int(s["service_code"])}
                         if s["service_code"].isdigit() else s for s in services_list]
    return ok(services_list)


async def o311_definition(request: Request) -> Response:
    """GET /services/{service_code}.json: a service's extra attributes."""
    code = request.path_params["service_code"]
    found = request.app.state.store.definitions.get(code)
    if found is None:
        return problem(404, "Not found", f"There is no service definition for {code!r}.", request)
    return ok(found)


async def o311_requests(request: Request) -> Response:
    """GET /requests.json: requests, filtered and paged, with a Link header to the next page."""
    store: Store = request.app.state.store
    query = request.query_params
    found = list(store.requests)
    if query.get("service_request_id"):
        wanted = set(query["service_request_id"].split(","))
        found = [r for r in found if r["service_request_id"] in wanted]
    else:
        if query.get("service_code"):
            codes = set(query["service_code"].split(","))
            found = [r for r in found if r["service_code"] in codes]
        if query.get("status"):
            statuses = set(query["status"].split(","))
            found = [r for r in found if r["status"] in statuses]
    if request.app.state.defect == "no-pagination":
        return ok(found)
    paged = page_of(request, found, max_size=1000, default_size=1000)
    if isinstance(paged, Response):
        return paged
    items, number, size, pages = paged
    headers = {}
    if number < pages:
        params = {**dict(query), "page": str(number + 1), "page_size": str(size)}
        headers["Link"] = f'<{request.url.path}?{urlencode(params)}>; rel="next"'
    return ok(items, headers=headers)


async def o311_request(request: Request) -> Response:
    """GET /requests/{service_request_id}.json: one request, in a list of one."""
    request_id = request.path_params["service_request_id"]
    if not REQUEST_ID.match(request_id):
        return problem(400, "Bad id", f"{request_id!r} cannot be a service request id.", request)
    found = [r for r in request.app.state.store.requests if r["service_request_id"] == request_id]
    if not found:
        return problem(404, "Not found", f"There is no service request {request_id}.", request)
    return ok(found)


async def o311_create(request: Request) -> Response:
    """POST /requests.json: create a request from Open311's form fields."""
    store: Store = request.app.state.store
    form = dict(parse_qsl((await request.body()).decode("utf-8", "replace")))
    code = form.get("service_code", "")
    service = next((s for s in store.services if s["service_code"] == code), None)
    if service is None:
        return problem(400, "Bad service", "service_code is required and must name a service.",
                       request)
    definition = store.definitions.get(code, {"attributes": []})
    missing = [a["code"] for a in definition["attributes"]
               if a["required"] and a["variable"] and not form.get(f"attribute[{a['code']}]")]
    if missing:
        return problem(400, "Missing attribute", f"attribute[{missing[0]}] is required.", request)
    lat: float | None
    long: float | None
    try:
        lat, long = float(form["lat"]), float(form["long"])
    except (KeyError, ValueError):
        if not form.get("address_string") and not form.get("address_id"):
            return problem(400, "No location", "Give lat and long, address_string or address_id.",
                           request)
        lat = long = None
    request_id = f"REF-{len(store.requests) + 1:06d}"
    created: dict[str, Any] = {"service_request_id": request_id, "status": "open",
                               "service_name": service["service_name"], "service_code": code,
                               "requested_datetime": now()}
    if form.get("description"):
        created["description"] = form["description"][:4000]
    if lat is not None and long is not None:
        created.update(lat=lat, long=long)
    for key in ("address_string", "address_id"):
        if form.get(key):
            created["address" if key == "address_string" else key] = form[key]
    store.requests.append(created)
    return ok([{"service_request_id": request_id}])


async def o311_updates(request: Request) -> Response:
    """GET /servicerequestupdates.json: updates between two date-times."""
    found = request.app.state.store.updates
    start, end = request.query_params.get("start_date"), request.query_params.get("end_date")
    try:
        if start:
            found = [u for u in found if _when(u["updated_datetime"]) >= _when(start)]
        if end:
            found = [u for u in found if _when(u["updated_datetime"]) < _when(end)]
    except ValueError:
        return problem(400, "Bad date", "start_date and end_date are RFC 3339 date-times.", request)
    return ok(found)


def _when(text: str) -> datetime:
    """Parse an RFC 3339 date-time, with Z for UTC."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


async def o311_post_update(request: Request) -> Response:
    """POST /servicerequestupdates.json: add an update to a request."""
    store: Store = request.app.state.store
    form = dict(parse_qsl((await request.body()).decode("utf-8", "replace")))
    request_id = form.get("service_request_id", "")
    if not any(r["service_request_id"] == request_id for r in store.requests):
        return problem(404, "Not found", f"There is no service request {request_id!r}.", request)
    if form.get("status") not in ("open", "closed") or not form.get("description"):
        return problem(400, "Bad update", "status (open or closed) and description are required.",
                       request)
    update_id = f"u-{len(store.updates) + 2001}"
    store.updates.append({"update_id": update_id, "service_request_id": request_id,
                          "status": form["status"], "description": form["description"][:4000],
                          "updated_datetime": now()})
    return ok([{"update_id": update_id}])


# -- the application ----------------------------------------------------------------------------


async def not_found(request: Request, exc: Exception) -> Response:
    """Answer unknown paths and methods in the API's own error format."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    return problem(status, "Not found" if status == 404 else "Error",
                   f"{request.method} {request.url.path} is not part of this API.", request)


def create_app(defect: str | None = None) -> Starlette:
    """Build the server, optionally with one deliberate defect from DEFECTS."""
    if defect is not None and defect not in DEFECTS:
        raise ValueError(f"unknown defect {defect!r}; choose from {', '.join(DEFECTS)}")
    cat = catalogue()
    schema_id = cat.select("waste-collections-api@1.0.0").schema_uri
    submission_validator = SchemaValidator(
        {"$ref": f"{schema_id}#/$defs/missed_collection_submission"}, list(cat.schemas())
    )
    schema_v2 = cat.select("waste-collections-api@2.0.0", allow_draft=True).schema_uri
    validators_v2 = {
        case.path: SchemaValidator({"$ref": f"{schema_v2}#/$defs/{case.submission}"},
                                   list(cat.schemas()))
        for case in CASES.values()
    }
    waste_v2 = [
        Route("/", api_root),
        Route("/addresses", addresses),
        Route("/properties/{uprn}/schedule", schedule),
        Route("/services", services),
        *(route for case in CASES.values() for route in (
            Route(f"/{case.path}", case_submit, methods=["POST"]),
            Route(f"/{case.path}/{{id}}", case_status),
            Route(f"/{case.path}/{{id}}/record", case_record),
        )),
    ]
    waste = [
        Route("/", api_root),
        Route("/addresses", addresses),
        Route("/properties/{uprn}/schedule", schedule),
        Route("/services", services),
        Route("/missed-collections", submit_report, methods=["POST"]),
        Route("/missed-collections/{reference}", report),
    ]
    open311 = [
        Route("/services.json", o311_services),
        Route("/services/{service_code}.json", o311_definition),
        Route("/requests.json", o311_requests, methods=["GET"]),
        Route("/requests.json", o311_create, methods=["POST"]),
        Route("/requests/{service_request_id}.json", o311_request),
        Route("/servicerequestupdates.json", o311_updates, methods=["GET"]),
        Route("/servicerequestupdates.json", o311_post_update, methods=["POST"]),
    ]
    app = Starlette(
        # /waste/v2 first: the 1.0.0 mount at /waste would otherwise take its paths.
        routes=[Mount("/waste/v2", routes=waste_v2), Mount("/waste", routes=waste),
                Mount("/open311/v2", routes=open311)],
        exception_handlers={HTTPException: not_found},
    )
    app.state.defect = defect
    app.state.store = Store.from_examples()
    app.state.submission_validator = submission_validator
    app.state.validators_v2 = validators_v2
    return app


app = create_app(os.environ.get("LGSTANDARDS_REFERENCE_DEFECT") or None)
