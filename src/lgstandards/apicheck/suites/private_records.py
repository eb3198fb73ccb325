"""Residents' cases kept private: checks for the waste collections API's reports and requests.

From 2.0.0 a resident's missed collection report, garden waste subscription or container request
is made without credentials, followed through a public view at an unguessable URL that carries no
personal data, and read whole only with the council's credentials. Each kind is a `Case`, and
`case_steps` turns one into the suite's steps: create it in the sandbox (twice, to compare the
identifiers), read its public view, and read its whole record without and with credentials.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urljoin

from lgstandards.apicheck.checks import Outcome, Run
from lgstandards.apicheck.client import Exchange, UnsafeRequestError
from lgstandards.apicheck.privacy import guessable, personal_data, what
from lgstandards.apicheck.suites.base import CORE, EXTENDED, MARKER, Probe, Step

#: Where personal data belongs instead, for advice about a public response that has it.
_PRIVATE_PLACE = ("serve it only from an operation that needs the council's credentials, such "
                  "as the case's /record")


@dataclass(frozen=True)
class Case:
    """One kind of resident's case: its collection path, what it is called, how to make one."""

    #: The collection, such as "/missed-collections".
    path: str
    #: What one is called in sentences, such as "missed collection report".
    noun: str
    #: The probe naming one the server holds, such as "missed_collection_id".
    probe: str
    #: Build a submission for the sandbox from what the run knows, or None when it cannot.
    submission: Callable[[Run], dict[str, Any] | None]
    #: Why a submission could not be built, for the skip, asking as the run's caller asks.
    needs: Callable[[Run], str]

    @property
    def create(self) -> str:
        """Return the creating operation, such as 'POST /missed-collections'."""
        return f"POST {self.path}"

    @property
    def status(self) -> str:
        """Return the public view's operation."""
        return f"GET {self.path}/{{id}}"

    @property
    def record(self) -> str:
        """Return the whole record's operation, which needs credentials."""
        return f"GET {self.path}/{{id}}/record"

    @property
    def learned(self) -> str:
        """Return the key under which a run remembers the id of one it created."""
        return f"created {self.probe}"


def public(run: Run, method: str, template: str) -> bool:
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


def _guess(run: Run, operation: str, case: Case, identifiers: list[str]) -> Outcome:
    """Return the extended check that identifiers in URLs do not look guessable."""
    reason = guessable(identifiers)
    return run.outcome(
        operation, "api.guessable-id", EXTENDED,
        [f"The ids of residents' {case.noun}s look guessable: {reason}."] if reason else [],
        f"Give each {case.noun} a random identifier for its URL, such as a version 4 UUID, and "
        "keep the council's own reference inside the record.",
    )


def _known_id(run: Run, case: Case) -> str | None:
    """Return the id of one to read: given, or learned from one created in the sandbox."""
    return run.probe(case.probe) or run.learned.get(case.learned)


def _nothing_known(run: Run, case: Case) -> str:
    """Say why no case could be read, and what would read one."""
    return (f"no {case.noun} was known; give "
            f"{run.ask(case.probe, 'ID', 'the id of one the server holds')}, or "
            f"{run.allow_writes('allow writes to a sandbox')} to create one")


def _contact(run: Run) -> dict[str, Any]:
    """Return contact details for a sandbox submission, which no answer may repeat."""
    return {"name": MARKER, "email": run.probe("email") or "conformance@example.org",
            "consent_to_contact": False}


def create(case: Case) -> Callable[[Run], Iterator[Outcome]]:
    """Return the step that creates a case in the sandbox and judges what comes back."""

    def step(run: Run) -> Iterator[Outcome]:
        """POST a case (sandbox only): a public view repeats no contact; ids look random."""
        submission = case.submission(run)
        if submission is None:
            yield run.skip(case.create,
                           f"Creating a {case.noun} was not checked: {case.needs(run)}.")
            return
        ids: list[str] = []
        for attempt in range(2):
            exchange = run.call("POST", case.path, json_body=submission, sandbox=True)
            outcomes, body = run.expect(exchange, "POST", case.path, 201, CORE)
            made = body.get("id") if exchange.status == 201 and isinstance(body, dict) else None
            if isinstance(made, str):
                ids.append(made)
            if attempt:
                continue  # A second one serves only to compare ids: its findings would repeat.
            yield from outcomes
            if not isinstance(made, str) or not isinstance(body, dict):
                continue
            run.learned[case.learned] = made
            yield run.expect_headers(exchange, "POST", case.path, CORE)
            yield privacy(run, exchange, case.create, body, f"the {case.noun} just made")
            yield from _read_back(run, case, exchange, made)
        if ids:
            yield _guess(run, case.create, case, ids)
        # Without its first field a submission cannot conform (every kind requires the UPRN).
        invalid = {k: v for k, v in submission.items() if k != "uprn"}
        refused = run.call("POST", case.path, json_body=invalid, sandbox=True)
        outcomes, _ = run.expect(refused, "POST", case.path, 422, EXTENDED,
                                 code="api.rejects-invalid")
        yield from outcomes

    return step


def _read_back(run: Run, case: Case, exchange: Exchange, made: str) -> Iterator[Outcome]:
    """Read a new case at its Location, without credentials, and check it is the one made."""
    location = exchange.header("location")
    if not location:
        return  # The headers check has already said the Location is missing.
    template = f"{case.path}/{{id}}"
    try:
        again = run.call("GET", template, url=urljoin(exchange.url, location), anonymous=True)
    except UnsafeRequestError:
        yield run.outcome(case.create, "api.headers", CORE,
                          [f"The Location {location!r} is not on the sandbox's host."],
                          f"Give a Location on the API's own host, such as {template}.")
        return
    more, read = run.expect(again, "GET", template, 200, CORE)
    yield from more
    if isinstance(read, dict):
        yield run.outcome(
            case.status, "api.identity", CORE,
            [] if read.get("id") == made else
            [f"GET {again.target} (the Location of the new {case.noun}) answered "
             f"{read.get('id')!r}, not {made!r}."],
            f"Make a new {case.noun} readable at its Location at once.",
        )


def status(case: Case) -> Callable[[Run], Iterator[Outcome]]:
    """Return the step that reads a case's public view by its unguessable id."""

    def step(run: Run) -> Iterator[Outcome]:
        """GET a case's public view: no personal data; unknown ids 404, malformed 400."""
        template = f"{case.path}/{{id}}"
        known = _known_id(run, case)
        if known is None:
            yield run.skip(case.status, f"A {case.noun}'s public view was not read: "
                                        f"{_nothing_known(run, case)}.")
        else:
            exchange = run.call("GET", template, {"id": known}, anonymous=True)
            outcomes, body = run.expect(exchange, "GET", template, 200, CORE)
            yield from outcomes
            if exchange.status == 200 and isinstance(body, dict):
                run.learn(f"reference of {case.probe}", body.get("reference"))
                yield run.outcome(
                    case.status, "api.identity", CORE,
                    [] if body.get("id") == known else
                    [f"GET {exchange.target} answered {body.get('id')!r}."],
                    f"Answer the {case.noun} the URL names.",
                )
                yield privacy(run, exchange, case.status, body)
            if case.learned not in run.learned:
                # Ids made in the sandbox were judged when they were made.
                yield _guess(run, case.status, case, [known])
        unknown = run.probe(f"unknown_{case.probe}") or "lgstandards-no-such-case-0000000000"
        exchange = run.call("GET", template, {"id": unknown}, anonymous=True)
        outcomes, _ = run.expect(exchange, "GET", template, 404, CORE, code="api.unknown-id")
        yield from outcomes
        malformed = run.probe(f"malformed_{case.probe}") or "not an id!"
        exchange = run.call("GET", template, {"id": malformed}, anonymous=True)
        outcomes, _ = run.expect(exchange, "GET", template, 400, CORE, code="api.malformed-id")
        yield from outcomes

    return step


def record(case: Case) -> Callable[[Run], Iterator[Outcome]]:
    """Return the step that reads a case's whole record: refused without credentials."""

    def step(run: Run) -> Iterator[Outcome]:
        """GET a case's whole record: 401 or 403 without credentials, 200 with them."""
        template = f"{case.path}/{{id}}/record"
        known = _known_id(run, case)
        if known is None:
            yield run.skip(case.record, f"Reading a whole {case.noun} was not checked: "
                                        f"{_nothing_known(run, case)}.")
            return
        if public(run, "GET", template):
            yield run.skip(case.record, "The OpenAPI document gives this operation no security "
                                        "scheme, so there is nothing to check about credentials.")
            return
        anonymous = run.call("GET", template, {"id": known}, anonymous=True)
        outcomes, body = run.expect(anonymous, "GET", template, (401, 403), CORE,
                                    code="api.authentication")
        yield from outcomes
        if anonymous.status == 401:
            yield run.expect_headers(anonymous, "GET", template, CORE)
        elif anonymous.status == 200:
            yield privacy(run, anonymous, case.record, body, "200 without credentials")
        if not run.client.headers:
            yield run.skip(case.record, f"Reading a whole {case.noun} with credentials was not "
                                        "checked: no credentials were given.",
                           run.suggest("Give the council's credentials with --header, such as "
                                       "--header 'Authorization: Bearer TOKEN' (they appear in "
                                       "no report).",
                                       "Give the council's credentials in a header, such as "
                                       "'Authorization: Bearer TOKEN' (they appear in no "
                                       "report)."))
            return
        exchange = run.call("GET", template, {"id": known})
        outcomes, body = run.expect(exchange, "GET", template, 200, CORE)
        yield from outcomes
        reference = run.learned.get(f"reference of {case.probe}")
        if exchange.status == 200 and isinstance(body, dict) and reference:
            yield run.outcome(
                case.record, "api.identity", CORE,
                [] if body.get("reference") == reference else
                [f"GET {exchange.target} answered {body.get('reference')!r}, not the "
                 f"{reference!r} its public view names."],
                f"Answer the whole record of the {case.noun} the URL names.",
            )

    return step


def _missed_collection(run: Run) -> dict[str, Any] | None:
    """Return a missed collection submission for the sandbox, or None without a UPRN."""
    uprn, service = run.probe("uprn"), run.probe("service_id")
    if uprn is None or service is None:
        return None
    return {"uprn": uprn, "service_id": service,
            "collection_date": (date.today() - timedelta(days=1)).isoformat(),
            "reason": "not_collected", "description": MARKER, "contact": _contact(run)}


def _garden_subscription(run: Run) -> dict[str, Any] | None:
    """Return a garden waste subscription for the sandbox, or None without a UPRN."""
    uprn = run.probe("uprn")
    if uprn is None:
        return None
    return {"uprn": uprn, "kind": "new",
            "containers": [{"type": "wheeled_bin", "quantity": 1, "to_deliver": 0}],
            "contact": _contact(run)}


def _container_request(run: Run) -> dict[str, Any] | None:
    """Return a container request for the sandbox, or None without a UPRN."""
    uprn = run.probe("uprn")
    if uprn is None:
        return None
    return {"uprn": uprn, "reason": "damaged", "note": MARKER,
            "items": [{"action": "replacement", "type": "wheeled_bin", "quantity": 1}],
            "contact": _contact(run)}


def needs_uprn(run: Run) -> str:
    """Say that no UPRN was known, and how to give one as the run's caller gives it."""
    uprn = run.ask("uprn", "UPRN", "one the server has a schedule for")
    return (f"no UPRN was known; give {uprn}, or "
            f"{run.ask('postcode', 'POSTCODE', 'a postcode')} to take the first found there")


def needs_service(run: Run) -> str:
    """Say that no UPRN and service were known, and how to give a UPRN."""
    return (f"no UPRN and service id were known; give {run.ask('uprn', 'UPRN', 'a UPRN')}, and "
            "check that the schedule answers")


#: The kinds of residents' cases the waste collections API keeps private, from 2.0.0.
CASES: tuple[Case, ...] = (
    Case("/missed-collections", "missed collection report", "missed_collection_id",
         _missed_collection, needs_service),
    Case("/garden-subscriptions", "garden waste subscription", "garden_subscription_id",
         _garden_subscription, needs_uprn),
    Case("/container-requests", "container request", "container_request_id",
         _container_request, needs_uprn),
)


def case_steps(case: Case) -> tuple[Step, ...]:
    """Return a case's steps in order: create (writes), its public view, its whole record."""
    return (Step(case.create, create(case), writes=True),
            Step(case.status, status(case)),
            Step(case.record, record(case)))


def case_probes() -> tuple[Probe, ...]:
    """Return the probe values the cases take: an id of each, unknown and malformed ones."""
    probes: list[Probe] = []
    for case in CASES:
        probes += [
            Probe(case.probe, f"The unguessable id of a {case.noun} the server holds (default: "
                              "one created in the sandbox with writes)."),
            Probe(f"unknown_{case.probe}", f"A well-formed {case.noun} id the server does not "
                                           "know.", "lgstandards-no-such-case-0000000000"),
            Probe(f"malformed_{case.probe}", f"A value that cannot be a {case.noun} id.",
                  "not an id!"),
        ]
    probes.append(Probe("email", "The email address in what is created in the sandbox, which "
                                 "no answer may repeat.", "conformance@example.org"))
    return tuple(probes)
