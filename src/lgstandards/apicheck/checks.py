"""The building blocks of API conformance checks: levels, outcomes, and one run against a server.

A check looks at one or more exchanges (request and response) and gives an `Outcome`: its stable
code and the findings it made, none when it passed. `Run` sends requests through the safe client
and holds the response checks every operation shares: transport failures, status, content type,
the body against the OpenAPI document's schema, and the error format.
"""

from __future__ import annotations

import dataclasses
import enum
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from lgstandards.advice import Advisor
from lgstandards.apicheck.client import Exchange, SafeClient
from lgstandards.apicheck.openapi import ApiDocument
from lgstandards.findings import Finding, Severity, SourceLocation
from lgstandards.messages import suggest


class Level(enum.IntEnum):
    """How much a check matters, after Open Referral UK's validator: level 1 is core."""

    CORE = 1
    EXTENDED = 2

    @property
    def severity(self) -> Severity:
        """Return the severity of a failed check at this level: core errors, extended warnings."""
        return Severity.ERROR if self is Level.CORE else Severity.WARNING


#: Every check code, with what it checks; docs/check-api.md explains each one.
CHECKS: Mapping[str, str] = {
    "api.status": "The operation answers with the documented HTTP status.",
    "api.content-type": "A successful response has the documented media type.",
    "api.invalid-json": "A JSON response body parses as JSON.",
    "api.body-schema": "A response body conforms to the schema the OpenAPI document gives it.",
    "api.problem-format": "An error response has the standard's error format and media type.",
    "api.unknown-id": "An identifier that is well formed but unknown answers 404.",
    "api.malformed-id": "An identifier (or postcode) that cannot be valid answers 400.",
    "api.pagination": "Lists honour page and page_size, and their page links work.",
    "api.identity": "The resource returned is the one asked for.",
    "api.lenient-input": "Postcodes are accepted in any case and with or without the space.",
    "api.query": "List filters return only what they were asked for.",
    "api.headers": "Documented response headers are present, such as Location after a create.",
    "api.cors": "Public GET responses allow web pages on other origins to read them.",
    "api.rejects-invalid": "A request body that does not conform is refused with a 4xx error.",
    "api.timeout": "The server answers within the time limit.",
    "api.too-large": "A response body is within the size cap.",
    "api.unreachable": "The server can be reached and speaks HTTP.",
    "api.redirect": "Redirects stay on the API's own origin.",
    "api.advice": "A response body follows the standard's advice (x-lgstandards-advice) beyond "
                  "what its schema requires, such as numbers written as numbers.",
    "api.personal-data": "A response anyone can read (no credentials) carries no personal data: "
                         "no name, email address or telephone number of a resident, and no "
                         "assisted-collection need.",
    "api.authentication": "An operation that returns personal data refuses a request without "
                          "credentials (401 or 403) and is documented with a security scheme.",
    "api.guessable-id": "Identifiers in the URLs of residents' reports and requests cannot be "
                        "guessed from one another: long and random, not sequential numbers.",
    "api.client": "A response meets what the chosen client needs, such as FixMyStreet's "
                   "statuses on request updates.",
}

#: Codes that describe the run rather than a check: information, and warnings about the run.
NOTICES: Mapping[str, str] = {
    "api.skipped": "A check did not run, and why: a probe value, writes or a server that stopped "
                   "answering.",
    "api.summary": "How many requests the run sent, where, and at what rate.",
    "api.tls-unverified": "TLS certificates were not verified (`check-api --insecure`).",
    "api.wrong-base-url": "Every request answered 404 or a body that is not JSON, so the base URL "
                          "is probably wrong and no check could judge the API.",
}

#: What a group of findings of each code is called in reports: what is wrong, since a check's
#: findings are its failures (CHECKS says what a passing check shows).
TITLES: Mapping[str, str] = {
    "api.status": "Wrong HTTP status",
    "api.content-type": "Wrong media type",
    "api.invalid-json": "Body is not JSON",
    "api.body-schema": "Response body does not match its schema",
    "api.problem-format": "Error response not in the standard's format",
    "api.unknown-id": "Unknown identifier not answered with 404",
    "api.malformed-id": "Malformed identifier not answered with 400",
    "api.pagination": "Pagination does not work as documented",
    "api.identity": "Wrong resource returned",
    "api.lenient-input": "Postcode refused in another case or spacing",
    "api.query": "List filter not applied",
    "api.headers": "Required response header missing",
    "api.cors": "Not readable by web pages on other sites",
    "api.rejects-invalid": "Non-conforming request body accepted",
    "api.timeout": "No answer within the time limit",
    "api.too-large": "Response body too large",
    "api.unreachable": "Server cannot be reached",
    "api.redirect": "Redirected off the API's origin",
    "api.skipped": "Not checked",
    "api.summary": "Requests sent",
    "api.tls-unverified": "TLS certificates not verified",
    "api.advice": "Not as the standard advises",
    "api.personal-data": "Personal data in a public response",
    "api.authentication": "Personal data served without credentials",
    "api.guessable-id": "Guessable identifier in a URL",
    "api.wrong-base-url": "Nothing found at the base URL",
    "api.client": "Not as the client needs",
}

#: How to act on each notice (which unlike a failed check is not the API's to fix), and on the
#: checks whose fix is more than "behave as the OpenAPI document says". A finding's own advice,
#: when it has one, is more specific still, and names only options its caller accepts; these
#: are shown whoever ran the check (check-api, verify --rerun, the web form), so they name
#: none, or quote check-api's.
FIXES: Mapping[str, str] = {
    "api.skipped": "Give what the message asks for (a probe value such as a postcode, or "
                   "writes allowed to a sandbox), or make the server answer, and run again.",
    "api.summary": "Nothing to fix: it records what the run sent, for the server's owners.",
    "api.tls-unverified": "Give the server a certificate that verifies, or trust the council's "
                          "certificate authority (`check-api --ca-bundle FILE`) instead of not "
                          "verifying.",
    "api.wrong-base-url": "Check the base URL: it is the API's root, to which the standard's "
                          "paths are added, so base URL + the first operation's path should "
                          "answer JSON in a browser.",
    "api.status": "Answer with the status the standard gives for this request; each finding "
                  "says what came back and what it usually means.",
    "api.content-type": "Send the media type the standard gives, application/json for JSON "
                        "bodies, in the Content-Type header.",
    "api.invalid-json": "Send a body that parses as JSON; the finding names where a parser "
                        "stopped.",
    "api.body-schema": "Change the response so the field the finding names has the value its "
                       "schema describes.",
    "api.problem-format": "Answer errors in the standard's error format: RFC 9457 problem "
                          "details (waste) or Open311's error list (street reports).",
    "api.unknown-id": "Answer 404 for a well-formed identifier the server does not know.",
    "api.malformed-id": "Answer 400 for a value that can never be an identifier.",
    "api.pagination": "Honour page and page_size and link the next page, as the finding says.",
    "api.identity": "Answer the resource the URL names, not another one.",
    "api.lenient-input": "Compare postcodes without regard to case and spaces.",
    "api.query": "Apply the list's filters, so a filtered list holds only what was asked for.",
    "api.headers": "Send the header the standard requires with this response.",
    "api.cors": "Send 'Access-Control-Allow-Origin: *' with public GET responses, so web pages "
                "on other sites can use them.",
    "api.rejects-invalid": "Refuse a request body that does not conform, with the status the "
                           "standard gives, rather than storing it.",
    "api.timeout": "Make the server answer within the time limit, or allow it longer "
                   "(`check-api --timeout SECONDS`) if it is known to be slow.",
    "api.too-large": "Page long lists, or allow larger bodies (`check-api --max-bytes N`) if "
                     "the body is meant to be this large.",
    "api.unreachable": "Check the host and port of the base URL, that the server is running "
                       "and reachable from here, and its TLS certificate.",
    "api.redirect": "Serve the API on one origin: redirects off it are not followed.",
    "api.advice": "Change the response as the finding's advice says; it conforms already, so "
                  "this is a warning.",
    "api.personal-data": "Leave personal data out of every response that needs no credentials; "
                         "serve it only from an operation with a security scheme.",
    "api.authentication": "Refuse requests without valid credentials with 401 (and a "
                          "WWW-Authenticate header) before reading any personal data.",
    "api.guessable-id": "Give each report a random identifier for URLs, such as a version 4 UUID "
                        "or 128 random bits in base64url, and keep the council's own reference "
                        "inside the record.",
}

#: The severity of each notice code (a check's own severity follows its level).
NOTICE_SEVERITIES: Mapping[str, Severity] = {
    "api.skipped": Severity.INFO,
    "api.summary": Severity.INFO,
    "api.tls-unverified": Severity.WARNING,
    "api.wrong-base-url": Severity.ERROR,
}

_BODY_FINDINGS_KEPT = 20


@dataclass(frozen=True)
class ClientProfile:
    """What one client of an API standard needs: the operations whose checks it makes core.

    A client raises an operation's extended checks to the core level where it depends on them
    (FixMyStreet reads request updates, so they are core for it), and a suite's steps may check
    more when it is chosen. It is a profile of the standard for that client.
    """

    name: str
    description: str
    core: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Outcome:
    """The result of one check on one operation: the findings it made, or none when it passed."""

    operation: str
    code: str
    findings: tuple[Finding, ...] = ()
    ran: bool = True

    @property
    def failed(self) -> bool:
        """Return whether the check found an error."""
        return any(f.severity is Severity.ERROR for f in self.findings)


class Run:
    """One conformance run: sends requests and judges the responses against the OpenAPI document."""

    def __init__(
        self,
        client: SafeClient,
        api: ApiDocument,
        probes: Mapping[str, str],
        *,
        writes: bool = False,
        needs: ClientProfile | None = None,
        accepts: frozenset[str] = frozenset(),
    ) -> None:
        """Prepare a run with the probe values the user gave, and the client chosen."""
        self.client = client
        self.api = api
        self.probes = dict(probes)
        self.writes = writes
        self.needs = needs
        #: The options of the caller (such as "--postcode"), which advice may name.
        self.accepts = accepts
        self.learned: dict[str, str] = {}
        self.definition: Any = None
        self.down: str | None = None
        self._timeouts = 0
        #: Every exchange of the run, in order, to judge the run as a whole afterwards.
        self.exchanges: list[Exchange] = []

    # -- probes and requests ---------------------------------------------------------------------

    def probe(self, name: str) -> str | None:
        """Return a probe value: given by the user, or learned from an earlier response."""
        return self.probes.get(name) or self.learned.get(name)

    def suggest(self, named: str, words: str = "") -> str:
        """Return advice naming options if the caller accepts them all, else `words`."""
        return suggest(self.accepts, named, words)

    def ask(self, probe: str, value: str, words: str) -> str:
        """Return a probe value asked for in words, with the caller's option for it if any."""
        # check-api gives its commonest probes options of their own (--uprn, --postcode);
        # verify --rerun has only --probe; the web has form fields, so words alone.
        option = self.suggest(f"--{probe} {value}", self.suggest(f"--probe {probe}={value}"))
        return f"{words} ({option})" if option else words

    def allow_writes(self, words: str) -> str:
        """Return writes to a sandbox asked for in words, with the caller's options if any."""
        # Both or neither: verify's --allow-writes only repeats a statement's recorded writes.
        option = self.suggest("--allow-writes with --sandbox URL")
        return f"{words} ({option})" if option else words

    def level(self, operation: str, level: Level) -> Level:
        """Return the level of an operation's checks: core where the chosen client needs it."""
        if self.needs is not None and operation in self.needs.core:
            return Level.CORE
        return level

    def learn(self, name: str, value: Any) -> None:
        """Remember a value from a response for later checks, unless the user gave one."""
        if isinstance(value, str) and value and name not in self.learned:
            self.learned[name] = value

    def path(self, template: str, values: Mapping[str, str] | None = None) -> str:
        """Fill a path template, escaping each value so it stays one path segment."""
        filled = template
        for name, value in (values or {}).items():
            filled = filled.replace("{" + name + "}", quote(value, safe=""))
        return filled

    def call(
        self,
        method: str,
        template: str,
        values: Mapping[str, str] | None = None,
        *,
        params: Mapping[str, str] | None = None,
        json_body: Any = None,
        form: Mapping[str, str] | None = None,
        sandbox: bool = False,
        url: str | None = None,
        anonymous: bool = False,
    ) -> Exchange:
        """Send one request for an operation, noting whether the server has stopped answering.

        `anonymous` sends it without the headers the user gave (their credentials), as anyone
        on the internet would.
        """
        target = url or self.client.url(self.path(template, values), sandbox=sandbox)
        exchange = self.client.request(method, target, params=params, json=json_body, data=form,
                                       anonymous=anonymous)
        self.exchanges.append(exchange)
        failure = exchange.failure
        if failure is not None and failure.code == "api.unreachable":
            self.down = failure.message
        elif failure is not None and failure.code == "api.timeout":
            self._timeouts += 1
            if self._timeouts >= 3:
                self.down = "three requests in a row timed out"
        else:
            self._timeouts = 0
        return exchange

    # -- outcomes ----------------------------------------------------------------------------------

    def finding(
        self,
        operation: str,
        code: str,
        level: Level,
        message: str,
        *,
        pointer: str = "",
        field: str | None = None,
        schema_path: str | None = None,
        value: Any = None,
        advice: str | None = None,
    ) -> Finding:
        """Return a finding placed on an operation."""
        return Finding(code, level.severity, message, pointer, field, schema_path,
                       SourceLocation(path=operation), value, advice)

    def outcome(self, operation: str, code: str, level: Level,
                problems: Iterable[str | tuple[str, str]], advice: str | None = None) -> Outcome:
        """Return an outcome with one finding per problem (none means it passed).

        A problem is a sentence, or a (sentence, advice) pair when what to do depends on what
        was found; `advice` applies to problems given as sentences alone.
        """
        findings = []
        for problem in problems:
            message, own = problem if isinstance(problem, tuple) else (problem, advice)
            findings.append(self.finding(operation, code, level, message, advice=own))
        return Outcome(operation, code, tuple(findings))

    def skip(self, operation: str, reason: str, advice: str | None = None) -> Outcome:
        """Return an outcome for a check that did not run, saying why and what would run it."""
        # The advice is part of the sentence: each skip says its own, and they are listed whole.
        message = f"{reason} {advice}" if advice else reason
        finding = Finding("api.skipped", Severity.INFO, message,
                          location=SourceLocation(path=operation))
        return Outcome(operation, "api.skipped", (finding,), ran=False)

    # -- the checks every response gets ----------------------------------------------------------

    def expect(
        self,
        exchange: Exchange,
        method: str,
        template: str,
        statuses: int | Sequence[int],
        level: Level,
        *,
        code: str = "api.status",
        error_body: Level | None = None,
    ) -> tuple[list[Outcome], Any]:
        """Check a response's transport, status, media type and body; return outcomes and body.

        The body is returned parsed when it is JSON (whatever its status), else None.
        `error_body` is the level of an error response's format when the standard makes it
        advice rather than a requirement (Open311 clients act on the status alone).
        """
        operation = f"{method} {template}"
        wanted = (statuses,) if isinstance(statuses, int) else tuple(statuses)
        said = " or ".join(str(s) for s in wanted)
        if exchange.failure is not None:
            failure = exchange.failure
            return [self.outcome(operation, failure.code, level,
                                 [(failure.message,
                                   failure_advice(failure.code, self.accepts))])], None
        status = exchange.status or 0
        outcomes = [
            self.outcome(
                operation, code, level,
                [] if status in wanted else
                [(f"{method} {exchange.target} answered {status}; the standard says {said}."
                  + _hint(code, status),
                  status_advice(code, status, wanted, method, self.accepts))],
            )
        ]
        key = self.api.response_key(method, template, status)
        if key is None:
            return outcomes, parse_json(exchange.body)
        is_error = status >= 400
        format_code = "api.problem-format" if is_error else "api.content-type"
        format_level = level if status in wanted or is_error else Level.EXTENDED
        if is_error and error_body is not None:
            format_level = max(format_level, error_body)  # The less serious of the two.
        documented = self.api.media_types(method, template, key)
        media = exchange.media_type
        if documented:
            outcomes.append(
                self.outcome(
                    operation, format_code, format_level,
                    [] if media in documented else
                    [(f"{method} {exchange.target} answered {status} with "
                      f"{'Content-Type ' + repr(media) if media else 'no Content-Type'}; the "
                      f"standard says {' or '.join(documented)}.",
                      _media_advice(media, documented, is_error))],
                )
            )
        json_media = [m for m in documented if m == "application/json" or m.endswith("+json")]
        if not json_media:
            return outcomes, parse_json(exchange.body)
        body_code = "api.problem-format" if is_error else "api.invalid-json"
        try:
            body = json.loads(exchange.body)
        except (ValueError, RecursionError) as exc:
            outcomes.append(
                self.outcome(operation, body_code, format_level,
                             [(f"{method} {exchange.target} answered {status} with a body that "
                               f"is not JSON ({_json_error(exc)}).",
                               _not_json_advice(exchange.body, is_error, documented))])
            )
            return outcomes, None
        outcomes.append(Outcome(operation, body_code))
        schema_media = media if media in json_media else json_media[0]
        validator = self.api.validator(method, template, key, schema_media)
        if validator is None:
            return outcomes, body
        schema_code = "api.problem-format" if is_error else "api.body-schema"
        found = [] if validator.is_valid(body) else validator.findings(body)
        findings = [self._body_finding(operation, schema_code, format_level, exchange, f,
                                       _error_advice(documented) if is_error else None)
                    for f in found[:_BODY_FINDINGS_KEPT]]
        if len(found) > _BODY_FINDINGS_KEPT:
            findings.append(
                self.finding(operation, schema_code, format_level,
                             f"{method} {exchange.target}: "
                             f"{len(found) - _BODY_FINDINGS_KEPT:,} more schema findings in this "
                             "body were not listed.")
            )
        if is_error and isinstance(body, dict) and "status" in body and body["status"] != status:
            findings.append(
                self.finding(operation, schema_code, format_level,
                             f"{method} {exchange.target}: the problem's status is "
                             f"{body['status']!r} but the response's is {status}; RFC 9457 says "
                             "they should agree.", pointer="/status", value=body["status"]
                             if isinstance(body["status"], int | str) else None,
                             advice="Repeat the response's HTTP status in the problem's status.")
            )
        outcomes.append(Outcome(operation, schema_code, tuple(findings)))
        advisor = self.api.advisor(method, template, key, schema_media)
        if advisor is not None:
            outcomes.append(self.advise(operation, exchange, advisor, body, found))
        return outcomes, body

    def _body_finding(self, operation: str, code: str, level: Level, exchange: Exchange,
                      found: Finding, advice: str | None = None) -> Finding:
        """Return a finding about a response body, placed on its operation."""
        from lgstandards.codes import describe

        info = describe(found.code)
        return self.finding(operation, code, level,
                            f"{exchange.method} {exchange.target}: {found.message} ({found.code})",
                            pointer=found.pointer, field=found.field,
                            schema_path=found.schema_path, value=found.value,
                            advice=advice or found.advice or (info.fix if info else None))

    def advise(self, operation: str, exchange: Exchange, advisor: Advisor, body: Any,
               rejected: Sequence[Finding] = ()) -> Outcome:
        """Return the extended check of a body against the standard's advice for it."""
        # A place the schema already rejected is reported once, at the core level.
        taken = {f.pointer for f in rejected}
        found = [f for f in advisor.findings(body)
                 if not any(f.pointer == p or f.pointer.startswith(p + "/") for p in taken)]
        # A finding about the whole body (a wrapped list) names no field: the schema's title
        # would be the advice's own.
        findings = [self._body_finding(operation, "api.advice", Level.EXTENDED, exchange,
                                       f if f.pointer else dataclasses.replace(f, field=None))
                    for f in found[:_BODY_FINDINGS_KEPT]]
        if len(found) > _BODY_FINDINGS_KEPT:
            findings.append(
                self.finding(operation, "api.advice", Level.EXTENDED,
                             f"{exchange.method} {exchange.target}: "
                             f"{len(found) - _BODY_FINDINGS_KEPT:,} more places in this body "
                             "are not as the standard advises.")
            )
        return Outcome(operation, "api.advice", tuple(findings))

    def expect_headers(
        self, exchange: Exchange, method: str, template: str, level: Level
    ) -> Outcome:
        """Check that the documented required headers of the response are present."""
        operation = f"{method} {template}"
        key = self.api.response_key(method, template, exchange.status or 0)
        missing = [
            name for name, header in
            (self.api.response_headers(method, template, key).items() if key else ())
            if isinstance(header, dict) and header.get("required") and not exchange.header(name)
        ]
        return self.outcome(
            operation, "api.headers", level,
            [f"{method} {exchange.target} answered {exchange.status} without the {name} header the "
             "standard requires." for name in missing],
        )

    def cors(self, exchange: Exchange, operation: str) -> Iterator[Outcome]:
        """Check that a public GET response can be read by web pages on other origins."""
        if exchange.failure is not None or exchange.status != 200:
            return  # The status check has already said what is wrong with this response.
        allowed = exchange.header("access-control-allow-origin")
        yield self.outcome(
            operation, "api.cors", Level.EXTENDED,
            [] if allowed else
            [f"{exchange.method} {exchange.target} has no Access-Control-Allow-Origin header, so "
             "web pages on other sites cannot use it; public data APIs should send "
             "'Access-Control-Allow-Origin: *'."],
            "Send 'Access-Control-Allow-Origin: *' with every public GET response (and only "
            "public ones): a browser then lets any web page read the data.",
        )


def parse_json(body: bytes) -> Any:
    """Return a body parsed as JSON, or None when it is empty or not JSON."""
    try:
        return json.loads(body) if body else None
    except (ValueError, RecursionError):
        return None


def _json_error(exc: Exception) -> str:
    """Describe why a body is not JSON."""
    if isinstance(exc, json.JSONDecodeError):
        return f"line {exc.lineno}, column {exc.colno}: {exc.msg}"
    if isinstance(exc, RecursionError):
        return "nested too deeply to read"
    return str(exc)


def status_advice(code: str, status: int, wanted: Sequence[int], method: str,
                  accepts: frozenset[str] = frozenset()) -> str:
    """Return what to do about a wrong status, naming only options the caller `accepts`."""
    said = " or ".join(str(s) for s in wanted)
    if code == "api.unknown-id":
        return ("Answer 404, with the standard's error body, when an identifier is well formed "
                "but not known: a client must be able to tell 'no such thing' from an answer.")
    if code == "api.authentication":
        return ("Refuse a request without valid credentials with 401 (and WWW-Authenticate) "
                "before reading anything: this operation returns personal data.")
    if code == "api.malformed-id":
        return ("Answer 400 when a value can never be an identifier (it breaks the identifier's "
                "format), keeping 404 for well-formed identifiers that are not known.")
    if status == 404:
        base = suggest(accepts, "--base-url", "the base URL")
        return (f"The server has nothing at this URL: check that {base} is the API's root "
                "(the standard's paths are added to it) and that the server implements this "
                "operation at this path.")
    if status in (401, 403):
        give = suggest(accepts, "give them with --header", "send them in a header")
        return (f"The server wants credentials here: {give} (such as 'Authorization: Bearer …' "
                "or 'X-Api-Key: …'), or make public data public, as the standard says.")
    if status == 405:
        return f"Implement {method} at this path: the server refused the method."
    if status >= 500:
        return (f"The server failed ({status}): look in its logs for this request. Bad input from "
                "a client deserves a 4xx answer, never a 5xx.")
    if status in wanted:
        return ""
    return f"Answer {said} to this request, as the standard says."


def failure_advice(code: str, accepts: frozenset[str] = frozenset()) -> str:
    """Return what to do when a request got no usable response, naming the caller's options."""
    if code == "api.unreachable":
        base = suggest(accepts, "--base-url", "the base URL")
        private = suggest(accepts, " (--ca-bundle FILE trusts a private certificate authority)")
        return (f"Check the host name and port of {base}, that the server is running and "
                f"reachable from here, and its TLS certificate{private}.")
    if code == "api.timeout":
        return "Make the server answer within " + suggest(
            accepts, "--timeout, or give a longer --timeout if it is known to be slow.",
            "the time limit.")
    if code == "api.too-large":
        return "Page long lists" + suggest(
            accepts, ", or give a larger --max-bytes if the body is expected to be this large.",
            ", so that no body is this large.")
    if code == "api.redirect":
        return ("Serve the API on one origin; redirects to another host or scheme are not "
                "followed, for safety.")
    return ""


def _media_advice(media: str | None, documented: Sequence[str], is_error: bool) -> str:
    """Return what to do about a response's media type."""
    wanted = " or ".join(documented)
    if media == "text/html":
        page = "an error page" if is_error else "a web page"
        return (f"The server sent {page} (text/html): send {wanted} as the standard says. A "
                "web page where JSON was expected often means the URL is not the API's.")
    if is_error:
        return _error_advice(documented)
    if media is None:
        return f"Send a Content-Type header, {wanted}, with every body."
    return f"Send Content-Type: {documented[0]} with this body, as the standard says."


def _not_json_advice(body: bytes, is_error: bool, documented: Sequence[str]) -> str:
    """Return what to do about a body that does not parse as JSON."""
    start = body.lstrip()[:1]
    if start == b"<":
        return ("The body is HTML or XML: send JSON (for Open311, ask for the .json form); a "
                "web page here often means the URL is not the API's.")
    if not body.strip():
        return "Send a JSON body; this response had none."
    if is_error:
        return _error_advice(documented)
    return "Send valid JSON: the message names the first place a JSON parser stopped."


def _error_advice(documented: Sequence[str]) -> str:
    """Return how the standard wants errors written: problem details, or Open311's list."""
    if "application/json" not in documented:
        return ("Answer errors with an RFC 9457 problem details object, Content-Type "
                "application/problem+json, such as "
                '{"type": "about:blank", "title": "Not found", "status": 404}.')
    return ("Answer errors with Open311's error list, Content-Type application/json, such as "
            '[{"code": 404, "description": "No such request"}].')


def _hint(code: str, status: int) -> str:
    """Return a sentence explaining what a wrong status usually means, or nothing."""
    if code == "api.unknown-id" and status == 200:
        return " An unknown identifier must not look like a success."
    if code == "api.malformed-id" and status == 404:
        return " A value that can never be valid is a bad request, not a missing resource."
    if status >= 500:
        return " The server failed."
    return ""
