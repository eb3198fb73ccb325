"""The web validator: a Starlette app over the library, with its pages, JSON API and limits.

`create_app(settings)` builds it; `lgstandards serve` runs it with uvicorn. Each request that
carries a file gets a private temporary folder (mode 0700) that is deleted in `finally`, whatever
happens; the file is checked in a child process with a time and memory limit (`worker`), and only
the rendered reports are kept, in memory, for a short while (`store`).
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import hashlib
import json
import re
import shutil
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Callable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import anyio
import anyio.to_thread
import httpx
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from lgstandards import __version__
from lgstandards.apicheck import ApiCheckOptions, Limits, check_api, probes_for
from lgstandards.apicheck.client import deadline_transport, url_secrets
from lgstandards.errors import LgstandardsError
from lgstandards.publish import Tree, build_tree
from lgstandards.registry import Catalogue, Status, catalogue
from lgstandards.report import Report
from lgstandards.reporters import ReportOptions, render
from lgstandards.web import pages
from lgstandards.web.netguard import GuardedTransport, RefusedAddress, Resolver, check_host
from lgstandards.web.netguard import system_resolver as _system_resolver
from lgstandards.web.openapi import openapi_document
from lgstandards.web.pages import ApiStandard, Choice, ChoiceGroup, FormErrors
from lgstandards.web.security import (
    CSRF_COOKIE,
    SecurityHeaders,
    cross_site,
    new_token,
    owner_of,
    token_is_signed,
    token_matches,
)
from lgstandards.web.settings import Settings
from lgstandards.web.store import ReportStore
from lgstandards.web.uploads import (
    FRAMING_BYTES,
    RequestRefused,
    capped,
    clean_file_name,
    read_form,
    too_large,
)
from lgstandards.web.worker import (
    DECLARED,
    FORMATS,
    Checked,
    FileJob,
    Outcome,
    Refused,
    run_limited,
)

#: The largest body of a form or JSON request that carries no file.
SMALL_BODY = 64 * 1024
#: Past a cap, the rest of the body is read and dropped for at most this long before answering.
DRAIN_SECONDS = 10.0

#: Downloads of a report, by file name: the format and the media type.
DOWNLOADS: Mapping[str, str] = {
    "report.html": "html", "report.json": "json", "report.sarif": "sarif", "report.md": "markdown",
    "report.xml": "junit",
}

#: Probes of the API suites that only writes use; the web checker never writes.
_WRITE_PROBES = frozenset({"lat", "long", "email", "api_key"})

_MEDIA = {
    ".html": "text/html; charset=utf-8", ".json": "application/json",
    ".css": "text/css; charset=utf-8", ".md": "text/markdown; charset=utf-8",
    ".csv": "text/csv; charset=utf-8", ".ndjson": "application/x-ndjson",
    ".jsonl": "application/x-ndjson", ".geojson": "application/geo+json",
    ".js": "text/javascript; charset=utf-8",
}

_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}")

_BUSY = ("The service is busy checking other files. Please try again in a minute or two.")


class Problem(Exception):
    """A refusal to answer with a status and a sentence, as a page or as problem details."""

    def __init__(self, status: int, detail: str) -> None:
        """Keep the status and the sentence."""
        super().__init__(detail)
        self.status = status
        self.detail = detail


def _private_folder(settings: Settings) -> Path:
    """Make the request's own temporary folder (mkdtemp makes it mode 0700)."""
    return Path(tempfile.mkdtemp(prefix="lgstandards-web-", dir=settings.temp_dir))


def _content_length(request: Request) -> int | None:
    """Return the declared body length, or None."""
    value = request.headers.get("content-length", "")
    return int(value) if value.isdigit() else None


class Body:
    """A request body read message by message, knowing whether its end has arrived."""

    def __init__(self, request: Request) -> None:
        """Read the body of `request`."""
        self.receive = request.receive
        self.ended = False

    async def chunks(self) -> AsyncIterator[bytes]:
        """Yield the body's bytes as they arrive."""
        while not self.ended:
            message = await self.receive()
            if message["type"] == "http.disconnect":
                raise ClientDisconnect()
            self.ended = not message.get("more_body", False)
            if message.get("body"):
                yield message["body"]

    async def discard(self, budget: int) -> None:
        """Read and drop what is left of a refused body, within a byte budget and a time limit.

        Past a cap the browser is still sending; reading a little more lets it read the
        friendly 413 page instead of a broken connection (uvicorn drops the rest itself).
        """
        with anyio.move_on_after(DRAIN_SECONDS):
            async for chunk in self.chunks():
                budget -= len(chunk)
                if budget <= 0:
                    return


def _hash_source(policy: str, tag: str, page: str) -> str:
    """Return a CSP source allowing the inline element `tag` of a page by its hash, or ''."""
    match = re.search(f"<{tag}>(.*?)</{tag}>", page, re.DOTALL)
    if match is None:
        return ""
    digest = base64.b64encode(hashlib.sha256(match.group(1).encode()).digest()).decode()
    return f" {policy} 'sha256-{digest}';"


def report_csp(page: str) -> str:
    """Return the policy of a report page: its own inline style and script only, by their hashes.

    The HTML report is self-contained (it must open from an email), so its style and script are
    inline; hashes allow exactly those two and nothing else, never 'unsafe-inline'.
    """
    return ("default-src 'none';" + _hash_source("style-src", "style", page)
            + _hash_source("script-src", "script", page)
            + " img-src data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'")


class WebValidator:
    """The app's state and request handlers: settings, catalogue, reports and the published tree."""

    def __init__(
        self,
        settings: Settings,
        cat: Catalogue,
        *,
        resolver: Resolver,
        transport: Callable[[], httpx.BaseTransport],
    ) -> None:
        """Prepare the handlers (the published tree is built on first use)."""
        self.settings = settings
        self.cat = cat
        self.resolver = resolver
        self.transport = transport
        self.store = ReportStore(seconds=settings.report_minutes * 60,
                                 capacity=settings.max_reports)
        # A thread semaphore, taken in the worker thread: the app may serve several event loops
        # (the test client starts one per request) and this limit is per process.
        self.slots = threading.Semaphore(settings.max_checks)
        self._tree_lock = threading.Lock()
        self._tree: Tree | None = None

    # -- what the forms offer ------------------------------------------------------------------

    @functools.cached_property
    def data_choices(self) -> tuple[ChoiceGroup, ...]:
        """Return what a file may be checked against, grouped.

        First what the file's own `$schema` names; then the data standards' released versions,
        newest first, grouped by standard; then the extensions' and profiles' released versions.
        """
        declared = ChoiceGroup("From the data", (Choice(
            DECLARED, "What the file's $schema names (a standard, extension or profile)"),))
        standards = tuple(
            ChoiceGroup(f"{m.title} ({m.id})", self._choices(m.id))
            for m in self.cat if not m.external and m.kind == "data" and self._choices(m.id)
        )
        layers = self._layer_choices()
        return (declared, *standards, *((ChoiceGroup("Extensions and profiles", layers),)
                                        if layers else ()))

    def _layer_choices(self) -> tuple[Choice, ...]:
        """Return the released extension and profile versions, newest of each first."""
        from lgstandards.development.extensions import extensions

        usable = {Status.PUBLISHED, Status.DEPRECATED}
        out: list[Choice] = []
        for manifest in extensions(self.cat).manifests:
            entries = sorted((e for e in manifest.versions if e.status in usable),
                             key=lambda e: e.key, reverse=True)
            out.extend(
                Choice(f"{manifest.kind}:{manifest.id}@{entry.version}",
                       f"{manifest.title}, {manifest.kind} of {manifest.base} "
                       f"{entry.compatibility}.x: "
                       + pages.version_label(entry.version, entry.status, index == 0))
                for index, entry in enumerate(entries)
            )
        return tuple(out)

    @functools.cached_property
    def api_choices(self) -> tuple[ApiStandard, ...]:
        """Return the API standards with a suite, with their versions and read-only probes."""
        out = []
        for manifest in self.cat:
            if manifest.external or manifest.kind != "api" or not self._choices(manifest.id):
                continue
            newest = self.cat.select(manifest.id)
            probes = tuple(p for p in probes_for(newest) if p.name not in _WRITE_PROBES)
            out.append(ApiStandard(manifest.id, manifest.title, self._choices(manifest.id),
                                   probes))
        return tuple(out)

    def _choices(self, standard_id: str) -> tuple[Choice, ...]:
        """Return the versions of a standard that can be checked against, newest first."""
        usable = {Status.PUBLISHED, Status.DEPRECATED, Status.CANDIDATE}
        entries = sorted((e for e in self.cat.manifest(standard_id).versions
                          if e.status in usable), key=lambda e: e.key, reverse=True)
        return tuple(
            Choice(f"{standard_id}@{entry.version}",
                   pages.version_label(entry.version, entry.status, index == 0))
            for index, entry in enumerate(entries)
        )

    def _data_values(self) -> frozenset[str]:
        """Return every version value the upload form accepts."""
        return frozenset(c.value for g in self.data_choices for c in g.choices)

    # -- pages ---------------------------------------------------------------------------------

    def _token(self, request: Request) -> tuple[str, bool]:
        """Return the browser's anti-forgery token, or a new one (and whether it is new)."""
        cookie = request.cookies.get(CSRF_COOKIE)
        if cookie and token_is_signed(self.settings.secret, cookie):
            return cookie, False
        return new_token(self.settings.secret), True

    def _with_token(self, request: Request, response: Response, token: str, fresh: bool
                    ) -> Response:
        """Set the anti-forgery cookie on a response when the browser has none of ours."""
        if fresh:
            response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="lax",
                                secure=request.url.scheme == "https", path="/")
        return response

    def page(self, title: str, message: str, status: int, *, back: str = "/",
             back_label: str = "Go to the start") -> HTMLResponse:
        """Return a page saying one thing, with a status."""
        return HTMLResponse(pages.message_page(self.settings, title, message, back=back,
                                               back_label=back_label), status_code=status)

    async def home(self, request: Request) -> Response:
        """Show the home page."""
        return HTMLResponse(pages.home_page(self.settings))

    async def check(self, request: Request) -> Response:
        """Show the upload form (GET) or check an uploaded file (POST)."""
        if request.method == "POST":
            return await self._check_upload(request)
        token, fresh = self._token(request)
        body = pages.check_page(self.settings, token, self.data_choices,
                                chosen=request.query_params.get("standard", ""))
        return self._with_token(request, HTMLResponse(body), token, fresh)

    async def _check_upload(self, request: Request) -> Response:
        """Stream the upload to a private file, check it in a child process, show the report."""
        settings = self.settings
        if cross_site(request.headers):
            return self.page("The form was refused", _CROSS_SITE, 403, back="/check")
        cookie = request.cookies.get(CSRF_COOKIE)
        body_limit = settings.max_upload_bytes + FRAMING_BYTES
        body = Body(request)
        declared = _content_length(request)
        if declared is not None and declared > body_limit:
            await body.discard(settings.max_upload_bytes)
            return self._refused(too_large(settings.max_upload_bytes))
        folder = _private_folder(settings)
        try:
            try:
                with anyio.fail_after(settings.upload_seconds):
                    form = await read_form(
                        capped(body.chunks(), body_limit, too_large(settings.max_upload_bytes)),
                        request.headers.get("content-type", ""), folder,
                        max_file_bytes=settings.max_upload_bytes,
                        token_ok=lambda value: token_matches(settings.secret, cookie, value),
                    )
            except RequestRefused as refused:
                if refused.status == 413:
                    await body.discard(settings.max_upload_bytes)
                return self._refused(refused)
            except TimeoutError:
                return self.page("The upload took too long",
                                 f"The file did not arrive within {settings.upload_seconds:g} "
                                 "seconds. Try again on a faster connection, or compress the "
                                 "file with gzip first.", 408, back="/check")
            errors = FormErrors()
            standard = form.get("standard")
            if standard not in self._data_values():
                errors.add("standard", "Choose the standard your data should meet")
            if form.file_path is None:
                errors.add("file", "Choose a file to check")
            elif form.file_size == 0:
                errors.add("file", "The file is empty: choose a file with data in it")
            if errors:
                token = cookie or ""
                return HTMLResponse(pages.check_page(settings, token, self.data_choices,
                                                     chosen=standard, mask=bool(form.get("mask")),
                                                     errors=errors), status_code=400)
            assert form.file_path is not None
            job = self._job(standard, form.file_path, form.file_name, tuple(FORMATS),
                            mask=bool(form.get("mask")))
            kind, _, layer = standard.partition(":")
            if standard == DECLARED:
                job = dataclasses.replace(job, standard="")
            elif kind == "extension":
                job = dataclasses.replace(job, standard="", extensions=(layer,))
            elif kind == "profile":
                job = dataclasses.replace(job, standard="", profile=layer)
            outcome = await anyio.to_thread.run_sync(self._run_file_check, job)
        except ClientDisconnect:
            return Response(status_code=400)  # No one is listening; the folder still goes.
        finally:
            await anyio.to_thread.run_sync(shutil.rmtree, folder, True)
        if isinstance(outcome, Refused):
            return self.page("The file could not be checked", outcome.message, outcome.status,
                             back="/check", back_label="Check another file")
        ident = self.store.add(owner_of(cookie), "file", outcome.rendered)
        return RedirectResponse(f"/reports/{ident}", status_code=303)

    def _refused(self, refused: RequestRefused) -> HTMLResponse:
        """Return the page for a request refused while it was read."""
        title = {413: "The file is too large", 403: "The form was refused"}.get(
            refused.status, "The upload could not be read")
        return self.page(title, refused.message, refused.status, back="/check",
                         back_label="Check another file")

    def _job(self, standard: str, path: Path, name: str, formats: tuple[str, ...], *,
             mask: bool, input_format: Any = None) -> FileJob:
        """Return the job for one file, carrying the operator's limits."""
        s = self.settings
        return FileJob(standard, str(path), name, formats, input_format=input_format, mask=mask,
                       max_unpacked_bytes=s.max_unpacked_bytes, max_ratio=s.max_ratio,
                       max_findings=s.max_findings, memory_bytes=s.memory_bytes)

    def _known_layers(self, layers: tuple[str, ...], profile: str | None) -> None:
        """Raise LgstandardsError unless each is a released extension or profile of the registry.

        Only the registry's ids are taken: a path would let a request read the server's files.
        """
        from lgstandards.development.extensions import extensions, is_selector

        found = extensions(self.cat)
        for text, kind in [*((layer, "extension") for layer in layers),
                           *(((profile, "profile"),) if profile is not None else ())]:
            if not is_selector(text):
                raise LgstandardsError(f"{text!r} is not an {kind} id such as "
                                       "'garden-waste-subscription@2'")
            found.select(text, "extension" if kind == "extension" else "profile")

    def _run_file_check(self, job: FileJob) -> Outcome:
        """Wait for a free slot (as long as a check may take), then check (in a worker thread)."""
        if not self.slots.acquire(timeout=self.settings.check_seconds):
            return Refused(503, _BUSY)
        try:
            return run_limited(job, self.settings.check_seconds)
        finally:
            self.slots.release()

    # -- reports -------------------------------------------------------------------------------

    async def report(self, request: Request) -> Response:
        """Show a report kept for this browser, with links to its downloads."""
        ident = request.path_params["ident"]
        stored = self.store.get(ident, owner_of(request.cookies.get(CSRF_COOKIE)))
        if stored is None:
            return self._report_gone()
        again = ("/check", "Check another file") if stored.kind == "file" else \
            ("/check-api", "Check another API")
        bar = pages.report_bar(f"/reports/{ident}", again=again[0], again_label=again[1])
        page = stored.rendered["html"].decode("utf-8").replace("<body>", "<body>" + bar, 1)
        return HTMLResponse(page, headers={"content-security-policy": report_csp(page)})

    async def download(self, request: Request) -> Response:
        """Send one format of a kept report as a file to save."""
        ident, name = request.path_params["ident"], request.path_params["name"]
        stored = self.store.get(ident, owner_of(request.cookies.get(CSRF_COOKIE)))
        fmt = DOWNLOADS.get(name)
        if stored is None or fmt is None or fmt not in stored.rendered:
            return self._report_gone()
        return Response(stored.rendered[fmt], media_type=FORMATS[fmt][0], headers={
            "content-disposition": f'attachment; filename="{name}"',
            "content-security-policy": "default-src 'none'; sandbox",
        })

    def _report_gone(self) -> HTMLResponse:
        """Return the page for a report that is not (or no longer) here."""
        return self.page(
            "Report not found",
            f"This report is not here. Reports are kept for {self.settings.report_minutes:g} "
            "minutes, and only for the browser that made them; check the file again to see a "
            "new one.", 404, back="/check", back_label="Check a file")

    # -- the API checker -----------------------------------------------------------------------

    async def check_api_form(self, request: Request) -> Response:
        """Show the API check form (GET) or run the check (POST)."""
        if not self.settings.api_check:
            raise HTTPException(404)
        if request.method == "POST":
            return await self._check_api_post(request)
        token, fresh = self._token(request)
        body = pages.check_api_page(self.settings, token, self.api_choices)
        return self._with_token(request, HTMLResponse(body), token, fresh)

    async def _check_api_post(self, request: Request) -> Response:
        """Run an API check from the form and show its report; a key typed in is then forgotten."""
        if cross_site(request.headers):
            return self.page("The form was refused", _CROSS_SITE, 403, back="/check-api")
        cookie = request.cookies.get(CSRF_COOKIE)
        try:
            # No file is allowed, so the folder given is never written to.
            form = await read_form(
                capped(Body(request).chunks(), SMALL_BODY, too_large(SMALL_BODY, "The form")),
                request.headers.get("content-type", ""), Path(self.settings.temp_dir),
                max_file_bytes=0,
                token_ok=lambda value: token_matches(self.settings.secret, cookie, value),
                allow_file=False,
            )
        except RequestRefused as refused:
            return self.page("The form was refused", refused.message, refused.status,
                             back="/check-api")
        except ClientDisconnect:
            return Response(status_code=400)
        errors = FormErrors()
        api = next((a for a in self.api_choices
                    if form.get("standard") in {c.value for c in a.choices}), None)
        if api is None:
            errors.add("standard", "Choose the API standard to check against")
        base_url = form.get("base_url").strip()
        self._check_base_url(base_url, errors)
        header_name = form.get("header_name").strip()
        header_value = form.get("header_value")
        headers = self._headers({header_name: header_value} if header_name or header_value
                                else {}, errors)
        probes = {}
        if api is not None:
            for probe in api.probes:
                value = form.get(pages.probe_field(api.id, probe.name)).strip()
                if value:
                    probes[probe.name] = value
        values = {k: v for k, v in form.fields.items() if k not in ("header_value", "csrf_token")}
        if url_secrets(base_url) or "@" in urlsplit(base_url).netloc:
            values["base_url"] = ""  # A secret typed into the address is not sent back either.
        if not errors and api is not None:
            outcome = await self._run_api_check(form.get("standard"), base_url, probes, headers)
            if isinstance(outcome, str):
                errors.add("base_url", outcome)
            else:
                rendered = await anyio.to_thread.run_sync(_render_all, outcome)
                ident = self.store.add(owner_of(cookie), "api", rendered)
                return RedirectResponse(f"/reports/{ident}", status_code=303)
        return HTMLResponse(pages.check_api_page(self.settings, cookie or "", self.api_choices,
                                                 values=values, errors=errors), status_code=400)

    def _check_base_url(self, base_url: str, errors: FormErrors) -> None:
        """Record what is wrong with a base URL, if anything."""
        parts = urlsplit(base_url)
        if not base_url:
            errors.add("base_url", "Enter the API's base URL")
        elif parts.scheme not in ("http", "https") or not parts.hostname or len(base_url) > 2000:
            errors.add("base_url", "Enter the base URL as a web address starting with https://")
        elif url_secrets(base_url) or "@" in parts.netloc:
            errors.add("base_url", "Take the key or password out of the address and give it in "
                                   "the header fields instead, so it is never shown or logged")

    def _headers(self, given: Mapping[str, str], errors: FormErrors) -> dict[str, str]:
        """Return the headers to send, recording problems with their names or values."""
        headers = {}
        for name, value in given.items():
            if not _HEADER_NAME.fullmatch(name):
                errors.add("header_name", "Enter a header name made of letters, digits and "
                                          "hyphens, such as X-Api-Key")
            elif not value or "\n" in value or "\r" in value or len(value) > 4000:
                errors.add("header_value", "Enter the header's value on one line")
            elif name.lower() in ("host", "content-length", "transfer-encoding", "connection"):
                errors.add("header_name", f"The {name} header is set by the checker itself")
            else:
                headers[name] = value
        return headers

    async def _run_api_check(self, standard: str, base_url: str, probes: Mapping[str, str],
                             headers: Mapping[str, str]) -> Report | str:
        """Run check-api's suite through the guarded transport; return the report or a refusal."""
        s = self.settings
        parts = urlsplit(base_url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            await anyio.to_thread.run_sync(
                functools.partial(check_host, parts.hostname or "", port, resolve=self.resolver,
                                  allow=s.api_allow_networks))
        except RefusedAddress as refused:
            return str(refused)[:1].upper() + str(refused)[1:] + "."
        transport = GuardedTransport(self.transport(), resolve=self.resolver,
                                     allow=s.api_allow_networks,
                                     deadline=time.monotonic() + s.api_check_seconds)
        client = httpx.Client(transport=transport, follow_redirects=False, trust_env=False,
                              headers={"User-Agent": f"lgstandards-web/{__version__}"})
        options = ApiCheckOptions(standard, base_url, probes=probes, headers=headers,
                                  limits=Limits(rate_limit=s.api_rate_limit, connect_timeout=5.0,
                                                timeout=10.0),
                                  # The form and the JSON body have fields, not options: the
                                  # advice says what to give in words.
                                  accepts=frozenset())

        def run() -> Report | str:
            """Run the check in a worker thread, within the service's slots."""
            if not self.slots.acquire(timeout=s.api_check_seconds):
                return _BUSY
            try:
                return check_api(options, http_client=client)
            except LgstandardsError as exc:
                return str(exc)
            finally:
                self.slots.release()
                client.close()

        return await anyio.to_thread.run_sync(run)

    # -- the JSON API --------------------------------------------------------------------------

    async def api_validate(self, request: Request) -> Response:
        """Check a file sent as the request body and answer with its report."""
        settings = self.settings
        query = request.query_params
        fmt = query.get("format", "json")
        if fmt not in FORMATS:
            raise Problem(400, f"format must be one of {', '.join(FORMATS)}")
        input_format = query.get("input_format") or None
        if input_format not in (None, "json", "ndjson", "csv"):
            raise Problem(400, "input_format must be json, ndjson or csv")
        standard = query.get("standard", "")
        layers, profile = tuple(query.getlist("extension")), query.get("profile") or None
        try:
            # Without a standard, extension or profile, the data's own $schema says.
            standard = self.cat.select(standard).ref if standard else ""
            self._known_layers(layers, profile)
        except LgstandardsError as exc:
            raise Problem(404, str(exc)) from None
        body = Body(request)
        declared = _content_length(request)
        if declared is not None and declared > settings.max_upload_bytes:
            await body.discard(settings.max_upload_bytes)
            raise Problem(413, too_large(settings.max_upload_bytes).message)
        folder = _private_folder(settings)
        try:
            path = folder / "upload"
            size = 0
            try:
                with anyio.fail_after(settings.upload_seconds), path.open("xb") as handle:
                    async for chunk in capped(body.chunks(), settings.max_upload_bytes,
                                              too_large(settings.max_upload_bytes)):
                        size += len(chunk)
                        handle.write(chunk)
            except RequestRefused as refused:
                await body.discard(settings.max_upload_bytes)
                raise Problem(refused.status, refused.message) from None
            except TimeoutError:
                raise Problem(408, "the body did not arrive in time") from None
            if size == 0:
                raise Problem(400, "the request body is empty: send the file as the body")
            name = clean_file_name(query.get("filename", "") or "upload")
            job = dataclasses.replace(
                self._job(standard, path, name, (fmt,), mask=_truthy(query.get("mask")),
                          input_format=input_format),
                extensions=layers, profile=profile)
            outcome = await anyio.to_thread.run_sync(self._run_file_check, job)
        finally:
            await anyio.to_thread.run_sync(shutil.rmtree, folder, True)
        if isinstance(outcome, Refused):
            raise Problem(outcome.status, outcome.message)
        assert isinstance(outcome, Checked)
        return Response(outcome.rendered[fmt], media_type=FORMATS[fmt][0], headers={
            "x-lgstandards-conforms": "true" if outcome.conforms else "false"})

    async def api_check_api(self, request: Request) -> Response:
        """Run an API check described by a JSON body and answer with its JSON report."""
        if not self.settings.api_check:
            raise Problem(404, "the API checker is turned off on this service")
        data = b""
        try:
            async for chunk in capped(Body(request).chunks(), SMALL_BODY,
                                      too_large(SMALL_BODY, "The request body")):
                data += chunk
        except RequestRefused as refused:
            raise Problem(refused.status, refused.message) from None
        try:
            given = json.loads(data)
        except (ValueError, RecursionError):
            raise Problem(400, "the body must be a JSON object") from None
        if not isinstance(given, dict) or set(given) - {"standard", "base_url", "probes",
                                                         "headers"}:
            raise Problem(400, "the body is an object with standard, base_url, probes and "
                               "headers")
        standard, base_url = given.get("standard"), given.get("base_url")
        probes, headers = given.get("probes") or {}, given.get("headers") or {}
        if not isinstance(standard, str) or not isinstance(base_url, str) or not all(
            isinstance(m, dict) and all(isinstance(v, str) for v in m.values())
            for m in (probes, headers)
        ):
            raise Problem(400, "standard and base_url are strings; probes and headers are "
                               "objects of strings")
        api = next((a for a in self.api_choices if standard.partition("@")[0] == a.id), None)
        if api is None:
            raise Problem(404, f"there is no API standard {standard!r}; the API standards are "
                               + ", ".join(a.id for a in self.api_choices))
        errors = FormErrors()
        self._check_base_url(base_url, errors)
        sent = self._headers(headers, errors)
        if errors:
            raise Problem(400, "; ".join(errors.by_field.values()))
        outcome = await self._run_api_check(standard, base_url, probes, sent)
        if isinstance(outcome, str):
            raise Problem(400, outcome)
        text = await anyio.to_thread.run_sync(render, outcome, "json")
        return Response(text, media_type="application/json")

    # -- the rest ------------------------------------------------------------------------------

    async def health(self, request: Request) -> Response:
        """Say that the service is up."""
        return JSONResponse({"status": "ok", "version": __version__})

    async def openapi(self, request: Request) -> Response:
        """Serve the OpenAPI document of the JSON API."""
        return JSONResponse(openapi_document(api_check=self.settings.api_check))

    def tree(self) -> Tree:
        """Return the published tree, built in memory once, on first use."""
        with self._tree_lock:
            if self._tree is None:
                self._tree = build_tree(self.cat)
            return self._tree

    async def standards_home(self, request: Request) -> Response:
        """Send /standards to the tree's home page."""
        return RedirectResponse("/standards/index.html", 308)

    async def standards(self, request: Request) -> Response:
        """Serve a file of the published tree: its pages, schemas and examples."""
        path = request.path_params.get("path", "")
        if path == "" or path.endswith("/"):
            path += "index.html"
        tree = await anyio.to_thread.run_sync(self.tree)
        data = tree.files.get(path)
        if data is None:
            raise HTTPException(404)
        media = _MEDIA.get(Path(path).suffix, "application/octet-stream")
        headers = {"cache-control": "public, max-age=300"}
        if path.endswith(".json"):
            headers["access-control-allow-origin"] = "*"  # As docs/publishing.md asks of hosts.
        return Response(data, media_type=media, headers=headers)

    async def static(self, request: Request) -> Response:
        """Serve the stylesheet and the upload script."""
        name = request.path_params["name"]
        if name == "site.css":
            return Response(pages.site_css(), media_type=_MEDIA[".css"])
        if name == "upload.js":
            return Response(_static_text("upload.js"), media_type=_MEDIA[".js"])
        raise HTTPException(404)


def _render_all(report: Report) -> dict[str, str]:
    """Render a report in every format the web offers."""
    return {fmt: render(report, fmt, ReportOptions()) for fmt in FORMATS}


@functools.cache
def _static_text(name: str) -> str:
    """Return a file shipped in the package's static folder."""
    return resources.files("lgstandards.web").joinpath("static", name).read_text("utf-8")


def _truthy(value: str | None) -> bool:
    """Read a query flag."""
    return (value or "").lower() in ("1", "true", "yes", "on")


_CROSS_SITE = ("The form was sent from another website, so it was not accepted. Use the form on "
               "this site's own page.")


def create_app(
    settings: Settings | None = None,
    *,
    cat: Catalogue | None = None,
    resolver: Resolver = _system_resolver,
    transport: Callable[[], httpx.BaseTransport] | None = None,
) -> Starlette:
    """Build the web validator; tests inject the resolver and transport the API checker uses."""
    settings = settings or Settings.from_environ()
    web = WebValidator(settings, cat or catalogue(), resolver=resolver,
                       transport=transport or deadline_transport)

    def wants_json(request: Request) -> bool:
        """Say whether a request is to the JSON API, which answers problems in JSON."""
        return request.url.path.startswith("/api/")

    def problem(request: Request, status: int, detail: str) -> Response:
        """Return a refusal as problem details (JSON API) or as a friendly page."""
        titles = {400: "Bad request", 403: "Forbidden", 404: "Not found",
                  405: "Method not allowed", 408: "Request timeout", 413: "Too large",
                  500: "Internal error", 503: "Unavailable"}
        title = titles.get(status, "Error")
        if wants_json(request):
            return JSONResponse({"type": "about:blank", "title": title, "status": status,
                                 "detail": detail}, status_code=status,
                                media_type="application/problem+json")
        page_title = {404: "Page not found", 405: "That cannot be done here",
                      500: "Something went wrong"}.get(status, title)
        return web.page(page_title, detail, status)

    async def on_problem(request: Request, exc: Exception) -> Response:
        """Answer a Problem raised by a handler."""
        assert isinstance(exc, Problem)
        return problem(request, exc.status, exc.detail)

    async def on_http(request: Request, exc: Exception) -> Response:
        """Answer Starlette's own HTTP errors (no route, wrong method) in the service's words."""
        assert isinstance(exc, HTTPException)
        detail = {404: "There is no page at this address. Check it, or start from the home page.",
                  405: "This address does not take that kind of request."}.get(
            exc.status_code, str(exc.detail))
        return problem(request, exc.status_code, detail)

    async def on_error(request: Request, exc: Exception) -> Response:
        """Answer a bug without a traceback or a path; the log gets the exception's kind only."""
        print(f"lgstandards serve: internal error: {type(exc).__name__}", flush=True)
        return problem(request, 500, "The service had a problem of its own. Please try again; "
                                     "if it happens again, tell the people who run it.")

    routes = [
        Route("/", web.home),
        Route("/check", web.check, methods=["GET", "POST"]),
        Route("/check-api", web.check_api_form, methods=["GET", "POST"]),
        Route("/reports/{ident:str}", web.report),
        Route("/reports/{ident:str}/{name:str}", web.download),
        Route("/standards", web.standards_home),
        Route("/standards/{path:path}", web.standards),
        Route("/static/{name:str}", web.static),
        Route("/healthz", web.health),
        Route("/openapi.json", web.openapi),
        Route("/api/validate", web.api_validate, methods=["POST"]),
        Route("/api/check-api", web.api_check_api, methods=["POST"]),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={Problem: on_problem, HTTPException: on_http, Exception: on_error},
    )
    app.add_middleware(SecurityHeaders)
    app.state.web = web
    return app


__all__ = ["DOWNLOADS", "Problem", "WebValidator", "create_app", "report_csp"]
