"""A careful HTTP client for live council APIs: read-only by default, slow, bounded and discreet.

Every request of a conformance run goes through `SafeClient`, which wraps an injected
`httpx.Client` and enforces the rules that make `check-api` safe to point at a live service:

- only GET and HEAD, unless writes are allowed, and then only to the sandbox the user named;
- only the hosts of the base URL and the sandbox, and redirects followed only within the same
  origin (scheme, host and port);
- a request rate limit, connect and read timeouts and a deadline for the whole response;
- a cap on the size of a response body, read as a stream and abandoned at the cap;
- secret header values (API keys) sent, but never recorded: `Redactor` removes them, and any
  query value that looks like a key, from everything that reaches a report.
"""

from __future__ import annotations

import contextvars
import re
import ssl
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any
from urllib.parse import (
    parse_qsl,
    quote,
    quote_plus,
    unquote,
    urlencode,
    urljoin,
    urlsplit,
    urlunsplit,
)

if "httpx" not in sys.modules:
    # httpx imports its own command-line client, and with it click, rich and pygments, whenever
    # they are installed, as they always are beside lgstandards' CLI. The library core must load
    # neither, so that import is made to fail quietly, as httpx expects when they are missing.
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

import httpcore
import httpx

from lgstandards.errors import LgstandardsError

#: Methods that never change anything on the server, and so are always allowed.
SAFE_METHODS = frozenset({"GET", "HEAD"})

#: Query parameter names whose values are treated as secrets wherever they appear.
_SECRET_PARAMS = re.compile(r"(api[_-]?key|key|token|secret|password|passwd|signature|sig|auth)",
                            re.IGNORECASE)

#: Secrets shorter than this are not searched for in text: they would match ordinary words.
_MIN_SECRET = 4

_REDACTED = "[redacted]"

#: A secret cut short inside a message is still hidden when at least this much of it shows.
_MIN_PREFIX = 8

#: Authorization schemes whose credential follows a space ('Bearer abc...').
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*\s+(?P<credential>\S.*)$")


def secret_forms(secret: str) -> set[str]:
    """Return every form of a secret value that could reach text: trimmed, unprefixed, encoded."""
    forms: set[str] = set()
    for value in {secret, secret.strip()}:
        forms.add(value)
        scheme = _SCHEME.match(value.strip())
        if scheme:
            forms.add(scheme.group("credential").strip())
    for value in list(forms):
        # A key often travels again in a URL (a Location, a next link), percent-encoded.
        forms.update({quote(value, safe=""), quote(value), quote_plus(value)})
    return {f for f in forms if len(f) >= _MIN_SECRET}


class UnsafeRequestError(LgstandardsError):
    """A request was refused before it was sent: a write without permission, or another host."""


@dataclass(frozen=True)
class Limits:
    """How gently to treat the server: request rate, timeouts and the largest body to read."""

    rate_limit: float = 5.0
    connect_timeout: float = 5.0
    timeout: float = 10.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    retry_after_cap: float = 10.0

    def __post_init__(self) -> None:
        """Reject limits that would make the client unsafe or unable to work."""
        if self.rate_limit <= 0:
            raise ValueError("the rate limit must be more than 0 requests a second")
        if self.connect_timeout <= 0 or self.timeout <= 0:
            raise ValueError("timeouts must be more than 0 seconds")
        if self.max_bytes < 1:
            raise ValueError("the response size cap must be at least 1 byte")


@dataclass(frozen=True)
class Failure:
    """Why an exchange has no usable response: a stable code and a sentence."""

    code: str
    message: str


@dataclass(frozen=True)
class Exchange:
    """One request and what came back: status, headers and body, or the failure that stopped it."""

    method: str
    url: str
    status: int | None = None
    headers: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    body: bytes = b""
    elapsed: float = 0.0
    failure: Failure | None = None

    @property
    def media_type(self) -> str | None:
        """Return the response's media type in lower case, without parameters such as charset."""
        value = self.headers.get("content-type")
        if not value:
            return None
        return value.split(";", 1)[0].strip().lower() or None

    @property
    def target(self) -> str:
        """Return the path and query of the URL, which is how messages name the request."""
        parts = urlsplit(self.url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def header(self, name: str) -> str | None:
        """Return a response header by case-insensitive name."""
        return self.headers.get(name.lower())


class Redactor:
    """Removes secret values from text, so no report ever shows an API key."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        """Remember the secret values to remove, longest first so overlapping secrets go whole."""
        forms: set[str] = set()
        for secret in secrets:
            forms |= secret_forms(secret)
        self.secrets = tuple(sorted(forms, key=len, reverse=True))

    def with_secrets(self, secrets: Iterable[str]) -> Redactor:
        """Return a redactor that also removes these secrets."""
        return Redactor((*self.secrets, *secrets))

    def text(self, value: str) -> str:
        """Return the text with every secret replaced by '[redacted]'."""
        for secret in self.secrets:
            if secret in value:
                value = value.replace(secret, _REDACTED)
        for secret in self.secrets:
            if len(secret) > _MIN_PREFIX and secret[:_MIN_PREFIX] in value:
                value = _redact_prefixes(value, secret)
        return value

    def value(self, value: Any) -> Any:
        """Return a finding's value with secrets removed from any text in it."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list | tuple):
            return [self.value(v) for v in value]
        if isinstance(value, dict):
            return {self.text(str(k)): self.value(v) for k, v in value.items()}
        return value

    def url(self, url: str) -> str:
        """Return the URL without user information and with key-like query values hidden."""
        parts = urlsplit(url)
        netloc = parts.netloc.rpartition("@")[2]
        query = [
            (name, _REDACTED if _SECRET_PARAMS.fullmatch(name) else value)
            for name, value in parse_qsl(parts.query, keep_blank_values=True)
        ]
        cleaned = urlunsplit((parts.scheme, netloc, parts.path, urlencode(query), parts.fragment))
        return self.text(cleaned)


def _redact_prefixes(text: str, secret: str) -> str:
    """Replace each start of the secret that shows at least `_MIN_PREFIX` characters of it."""
    # A message cut to a length (an error, an excerpt) may end part-way through a key.
    out: list[str] = []
    at = 0
    while True:
        found = text.find(secret[:_MIN_PREFIX], at)
        if found < 0:
            break
        end = found + _MIN_PREFIX
        while end < len(text) and end - found < len(secret) and text[end] == secret[end - found]:
            end += 1
        out.append(text[at:found] + _REDACTED)
        at = end
    out.append(text[at:])
    return "".join(out)


def url_secrets(url: str) -> tuple[str, ...]:
    """Return the secret parts of a URL: its password and key-like query values."""
    try:
        parts = urlsplit(url)
    except ValueError:  # Refused elsewhere, with a clear message; it holds nothing to find.
        return ()
    found = [parts.password] if parts.password else []
    found.extend(
        value for name, value in parse_qsl(parts.query) if _SECRET_PARAMS.fullmatch(name) and value
    )
    return tuple(found)


def origin(url: str) -> tuple[str, str, int | None]:
    """Return a URL's origin: scheme, host and port (with the scheme's default port filled in)."""
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port or default


def parse_header(text: str) -> tuple[str, str]:
    """Split a 'Name: value' header given on the command line, checking the name."""
    name, colon, value = text.partition(":")
    name = name.strip()
    if not colon or not re.fullmatch(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+", name):
        # Never echoed: a mistyped header ('Authorization Bearer KEY') holds the key itself.
        raise LgstandardsError(
            "a header must be written 'Name: value', such as 'X-Api-Key: ...'; one given was "
            "not (its text is not shown, as it may hold a key)"
        )
    value = value.strip()
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise LgstandardsError(
            f"the value of the header {name} holds a control character (a line break?); "
            "its text is not shown, as it may hold a key"
        )
    return name, value


def check_url(name: str, url: str) -> None:
    """Refuse a base or sandbox URL that is not an absolute http(s) URL with a host."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - reading it checks the port, which urlsplit leaves unchecked.
    except ValueError as exc:
        raise LgstandardsError(f"the {name} is not a valid URL ({exc})") from None
    if parts.scheme not in ("http", "https"):
        raise LgstandardsError(f"the {name} must start with http:// or https://")
    if not parts.hostname:
        raise LgstandardsError(f"the {name} has no host name")
    if any(ord(c) <= 32 or ord(c) == 127 for c in url):
        raise LgstandardsError(f"the {name} holds a space or control character")


class RateLimiter:
    """Spaces requests at least 1/rate seconds apart."""

    def __init__(self, rate: float, clock: Callable[[], float], sleep: Callable[[float], None]):
        """Allow `rate` requests a second, timed by `clock` and waiting with `sleep`."""
        self.interval = 1.0 / rate
        self.clock = clock
        self.sleep = sleep
        self._next = float("-inf")

    def wait(self) -> None:
        """Wait until the next request may be sent."""
        now = self.clock()
        if now < self._next:
            self.sleep(self._next - now)
            now = self._next
        self._next = now + self.interval


class SafeClient:
    """Sends the requests of one conformance run, enforcing every safety rule on each of them."""

    def __init__(
        self,
        client: httpx.Client,
        base_url: str,
        *,
        limits: Limits | None = None,
        headers: Mapping[str, str] | None = None,
        allow_writes: bool = False,
        sandbox_url: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        """Wrap `client` for requests under `base_url` (and `sandbox_url` for writes)."""
        if allow_writes and not sandbox_url:
            # Said in words: this guards the library, whose callers may have no options.
            raise LgstandardsError("writes need a sandbox: give a sandbox URL to write to")
        for name, url in (("base URL", base_url), ("sandbox URL", sandbox_url)):
            if url is not None:
                check_url(name, url)
        self.client = client
        self.base_url = base_url.rstrip("/") + "/"
        self.sandbox_url = sandbox_url.rstrip("/") + "/" if sandbox_url else None
        self.limits = limits or Limits()
        self.headers = dict(headers or {})
        for name, value in self.headers.items():
            if any(ord(c) < 32 or ord(c) == 127 for c in value.strip()):
                raise LgstandardsError(
                    f"the value of the header {name} holds a control character (a line break?); "
                    "its text is not shown, as it may hold a key"
                )
        self.headers = {name: value.strip() for name, value in self.headers.items()}
        self.allow_writes = allow_writes
        self.clock = clock
        self.sleep = sleep
        self.limiter = RateLimiter(self.limits.rate_limit, clock, sleep)
        self.redactor = Redactor(
            [*self.headers.values(), *url_secrets(base_url), *url_secrets(sandbox_url or "")]
        )
        self.requests_sent = 0
        self._origins = {origin(self.base_url)}
        if self.sandbox_url:
            self._origins.add(origin(self.sandbox_url))

    def url(self, path: str, *, sandbox: bool = False) -> str:
        """Return the absolute URL of a path under the base URL (or the sandbox)."""
        base = self.sandbox_url if sandbox and self.sandbox_url else self.base_url
        return urljoin(base, path.lstrip("/"))

    def _check_allowed(self, method: str, url: str) -> None:
        """Refuse, before sending, a request to another origin or an unpermitted write."""
        if origin(url) not in self._origins:
            raise UnsafeRequestError(
                f"refusing to send {method} to {self.redactor.url(url)}: it is not on the host of "
                "the base URL or the sandbox"
            )
        if method in SAFE_METHODS:
            return
        if not self.allow_writes:
            raise UnsafeRequestError(
                f"refusing to send {method} to {self.redactor.url(url)}: this run does not "
                "allow writes"
            )
        segments = unquote(urlsplit(url).path).split("/")
        # '..' would let a URL that starts with the sandbox's path leave it on the server.
        if self.sandbox_url is None or not url.startswith(self.sandbox_url) or any(
            s in (".", "..") for s in segments
        ):
            raise UnsafeRequestError(
                f"refusing to send {method} to {self.redactor.url(url)}: writes go only to the "
                f"sandbox {self.redactor.url(self.sandbox_url or '')}"
            )

    def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        json: Any = None,
        data: Mapping[str, str] | None = None,
        anonymous: bool = False,
    ) -> Exchange:
        """Send one request within the limits; raise only for a request the safety rules refuse.

        `anonymous` leaves out the headers given for every request (the user's credentials).
        """
        method = method.upper()
        if params:
            url = str(httpx.URL(url).copy_merge_params(dict(params)))
        redirects = 0
        exchange = self._send(method, url, json, data, anonymous)
        # A 429 or 503 with a short Retry-After gets one more try, so a polite server is not
        # reported for asking the client to slow down.
        retry = self._retry_after(exchange)
        if retry is not None:
            self.sleep(retry)
            exchange = self._send(method, url, json, data, anonymous)
        while (
            exchange.status in (301, 302, 303, 307, 308)
            and exchange.failure is None
            and exchange.header("location")
        ):
            target = urljoin(url, exchange.header("location") or "")
            shown = self.redactor.url(target)
            if origin(target) not in self._origins or origin(target) != origin(url):
                return Exchange(
                    method, self.redactor.url(url), exchange.status, exchange.headers, b"",
                    exchange.elapsed,
                    Failure("api.redirect",
                            f"{method} {self.redactor.url(url)} redirected to {shown}, on another "
                            "host or scheme; lgstandards does not follow redirects off the API's "
                            "own origin."),
                )
            if method not in SAFE_METHODS:
                return Exchange(
                    method, self.redactor.url(url), exchange.status, exchange.headers, b"",
                    exchange.elapsed,
                    Failure("api.redirect",
                            f"{method} {self.redactor.url(url)} redirected to {shown}; a write is "
                            "never repeated at another address."),
                )
            redirects += 1
            if redirects > self.limits.max_redirects:
                return Exchange(
                    method, self.redactor.url(url), exchange.status, exchange.headers, b"",
                    exchange.elapsed,
                    Failure("api.redirect",
                            f"{method} {self.redactor.url(url)} redirected more than "
                            f"{self.limits.max_redirects} times."),
                )
            url = target
            exchange = self._send(method, url, None, None, anonymous)
        return exchange

    def _retry_after(self, exchange: Exchange) -> float | None:
        """Return how long a 429 or 503 asks to wait, if short enough to wait once."""
        if exchange.status not in (429, 503) or exchange.failure is not None:
            return None
        value = exchange.header("retry-after")
        try:
            seconds = float(value) if value is not None else None
        except ValueError:
            return None
        if seconds is None or seconds < 0 or seconds > self.limits.retry_after_cap:
            return None
        return seconds

    def _send(self, method: str, url: str, json: Any, data: Mapping[str, str] | None,
              anonymous: bool = False) -> Exchange:
        """Send one request and read its body as a stream, within every limit."""
        self._check_allowed(method, url)
        shown = self.redactor.url(url)
        limits = self.limits
        self.limiter.wait()
        self.requests_sent += 1
        start = self.clock()
        timeout = httpx.Timeout(limits.timeout, connect=limits.connect_timeout)
        # Every socket read, headers included, ends by this moment (see DeadlineBackend).
        deadline = _DEADLINE.set(time.monotonic() + limits.timeout)
        try:
            with self.client.stream(method, url, headers={} if anonymous else self.headers,
                                    json=json, data=data,
                                    timeout=timeout, follow_redirects=False) as response:
                headers = MappingProxyType({k.lower(): v for k, v in response.headers.items()})
                status = response.status_code
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limits.max_bytes:
                    return Exchange(method, shown, status, headers, b"", self.clock() - start,
                                    _too_large(method, shown, limits.max_bytes, declared))
                chunks: list[bytes] = []
                size = 0
                decoded = (
                    # A response built in memory (a test's transport) is decoded already.
                    iter([response.content]) if response.is_stream_consumed
                    else _decode_layers(response.headers.get("content-encoding", ""),
                                        response.iter_raw(), limits.max_bytes)
                )
                for chunk in decoded:
                    size += len(chunk)
                    if size > limits.max_bytes:
                        return Exchange(method, shown, status, headers, b"", self.clock() - start,
                                        _too_large(method, shown, limits.max_bytes, None))
                    chunks.append(chunk)
                    if self.clock() - start > limits.timeout:
                        # A server trickling bytes never trips the read timeout; this does.
                        return Exchange(method, shown, status, headers, b"",
                                        self.clock() - start, _timed_out(method, shown, limits))
                return Exchange(method, shown, status, headers, b"".join(chunks),
                                self.clock() - start)
        except httpx.TimeoutException as exc:
            failure = (
                Failure("api.unreachable",
                        f"{method} {shown}: could not connect within {limits.connect_timeout:g} s.")
                if isinstance(exc, httpx.ConnectTimeout)
                else _timed_out(method, shown, limits)
            )
            return Exchange(method, shown, elapsed=self.clock() - start, failure=failure)
        except httpx.TooManyRedirects:  # Not raised with follow_redirects=False; kept for safety.
            return Exchange(method, shown, failure=Failure("api.redirect", "Too many redirects."))
        except _TooLarge:
            return Exchange(method, shown, status, headers, b"", self.clock() - start,
                            _too_large(method, shown, limits.max_bytes, None))
        except (httpx.TransportError, httpx.DecodingError) as exc:
            reason = self.redactor.text(_reason(exc))
            return Exchange(method, shown, elapsed=self.clock() - start,
                            failure=Failure("api.unreachable", f"{method} {shown}: {reason}"))
        finally:
            _DEADLINE.reset(deadline)

    def close(self) -> None:
        """Close the underlying client."""
        self.client.close()


class _TooLarge(Exception):
    """A layer of a response's content coding decoded to more than the size cap."""


#: The content codings decoded here, each as the window bits zlib needs for it.
_CODINGS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


def _decode_layers(header: str, raw: Iterator[bytes], cap: int) -> Iterator[bytes]:
    """Decode a body through every Content-Encoding layer, never letting one grow past `cap`."""
    # httpx decodes each chunk whole: 1.8 KB of 'gzip, gzip' becomes a gigabyte in one call.
    # Here each layer gives at most 64 KiB a step and counts what comes out of it.
    codings = [c.strip().lower() for c in header.split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    unknown = [c for c in codings if c not in _CODINGS]
    if unknown:
        raise httpx.DecodingError(f"unsupported Content-Encoding {unknown[0]!r}")
    layers = [zlib.decompressobj(_CODINGS[c]) for c in reversed(codings)]
    produced = [0] * len(layers)
    raw_size = 0

    def feed(index: int, data: bytes) -> Iterator[bytes]:
        if index == len(layers):
            yield data
            return
        layer = layers[index]
        while data:
            try:
                out = layer.decompress(data, 65536)
            except zlib.error as exc:
                raise httpx.DecodingError(f"{codings[-1 - index]}: {exc}") from None
            produced[index] += len(out)
            if produced[index] > cap:
                raise _TooLarge
            data = layer.unconsumed_tail
            if out:
                yield from feed(index + 1, out)
            elif not data:
                break

    for chunk in raw:
        raw_size += len(chunk)
        if raw_size > cap:
            raise _TooLarge
        yield from feed(0, chunk)


def _too_large(method: str, url: str, cap: int, declared: str | None) -> Failure:
    """Return the failure for a body over the size cap."""
    said = f" (it declared {int(declared):,} bytes)" if declared else ""
    return Failure("api.too-large",
                   f"{method} {url}: the response body is larger than the {cap:,}-byte cap{said}; "
                   "lgstandards stopped reading it.")


def _timed_out(method: str, url: str, limits: Limits) -> Failure:
    """Return the failure for a response that did not complete in time."""
    return Failure("api.timeout",
                   f"{method} {url}: no complete response within {limits.timeout:g} s.")


def _reason(exc: Exception) -> str:
    """Explain a transport error in words, with a hint for certificate failures."""
    text = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.ConnectError):
        if "CERTIFICATE_VERIFY_FAILED" in text or "certificate" in text.lower():
            # The advice, which knows the caller's options, says how to trust a private one.
            return ("the TLS certificate could not be verified, as when it is from a private "
                    f"certificate authority ({text})")
        return f"could not connect ({text})"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"the server broke the HTTP protocol ({text})"
    if isinstance(exc, httpx.DecodingError):
        return f"the response body could not be decoded ({text})"
    return text


#: When the response being read must be whole (a time.monotonic() value), or None.
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "lgstandards_deadline", default=None
)


def _within_deadline(timeout: float | None) -> float | None:
    """Return the timeout for one socket operation, cut to what is left before the deadline."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the whole-response deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the running request's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        """Wrap the real connection."""
        self.inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        """Read, giving up at the deadline however the bytes trickle in."""
        return self.inner.read(max_bytes, _within_deadline(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        """Write, giving up at the deadline."""
        self.inner.write(buffer, _within_deadline(timeout))

    def close(self) -> None:
        """Close the real connection."""
        self.inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        """Start TLS within the deadline, and keep the encrypted connection bounded too."""
        return _DeadlineStream(
            self.inner.start_tls(ssl_context, server_hostname, _within_deadline(timeout))
        )

    def get_extra_info(self, info: str) -> Any:
        """Answer from the real connection."""
        return self.inner.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """Opens connections whose reads end at the request's deadline, not one read timeout later.

    httpx's read timeout counts the silence between two reads, so a server that sends its
    status line and headers a byte at a time would never be cut off; `SafeClient` sets a
    deadline for the whole response, and this backend holds every read of it to that deadline.
    """

    def __init__(self, inner: httpcore.NetworkBackend | None = None) -> None:
        """Wrap the backend that really connects (the standard synchronous one by default)."""
        self.inner = inner or httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        """Connect within the deadline, and return a bounded connection."""
        return _DeadlineStream(self.inner.connect_tcp(
            host, port, _within_deadline(timeout), local_address, socket_options))

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        """Connect within the deadline, and return a bounded connection."""
        return _DeadlineStream(
            self.inner.connect_unix_socket(path, _within_deadline(timeout), socket_options))

    def sleep(self, seconds: float) -> None:
        """Sleep as the real backend does."""
        self.inner.sleep(seconds)


def deadline_transport(verify: bool | ssl.SSLContext = True) -> httpx.HTTPTransport:
    """Return httpx's transport with its connections held to `SafeClient`'s deadlines."""
    transport = httpx.HTTPTransport(verify=verify)
    # httpx takes no network backend; its connection pool does, and is rebuilt with the same
    # TLS settings around one that bounds every read.
    pool = transport._pool
    transport._pool = httpcore.ConnectionPool(
        ssl_context=pool._ssl_context, network_backend=DeadlineBackend()
    )
    return transport


def build_http_client(
    *, verify: bool = True, ca_bundle: str | None = None, user_agent: str | None = None
) -> httpx.Client:
    """Return the httpx client the CLI injects: TLS verified, no redirects, a clear User-Agent."""
    from lgstandards import __version__

    agent = user_agent or f"lgstandards-check-api/{__version__} (+https://schemas.lgstandards.org/)"
    tls: bool | ssl.SSLContext = verify
    if verify and ca_bundle:
        try:
            tls = ssl.create_default_context(cafile=ca_bundle)
        except (OSError, ssl.SSLError) as exc:
            raise LgstandardsError(f"cannot read the CA bundle {ca_bundle}: {exc}") from None
    # Only the codings `_decode_layers` bounds are asked for.
    return httpx.Client(transport=deadline_transport(tls), follow_redirects=False,
                        headers={"User-Agent": agent, "Accept-Encoding": "gzip, deflate"})
