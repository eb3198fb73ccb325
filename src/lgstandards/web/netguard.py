"""Keeping the web API checker from reaching places it must not: private networks and the host.

A web form that sends requests wherever a visitor says is a way into the network behind it
(server-side request forgery). Every request of a web API check goes through `GuardedTransport`,
which resolves the host once, refuses it if *any* address is private, loopback, link-local,
shared, reserved or multicast (IPv4-mapped IPv6 unwrapped first) unless the operator allowed that
network, and then connects to the address it checked, keeping the Host header and the TLS server
name, so a second lookup cannot swap in another address. check-api's own client follows redirects
only within the API's origin, and each hop comes back through here.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Sequence

import httpx

from lgstandards.web.settings import Network

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Looks a host up: (host, port) -> its addresses, as text.
Resolver = Callable[[str, int], Sequence[str]]

#: Shared address space (carrier-grade NAT) is not flagged private by every Python version.
_SHARED = ipaddress.ip_network("100.64.0.0/10")


class RefusedAddress(httpx.ConnectError):
    """A request refused before connecting: its host is on a network the checker must not reach."""


def system_resolver(host: str, port: int) -> Sequence[str]:
    """Return every address the system resolves a host to."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def forbidden(address: IPAddress) -> bool:
    """Say whether an address is one a public checker must not reach."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (
        address.is_private or address.is_loopback or address.is_link_local
        or address.is_reserved or address.is_multicast or address.is_unspecified
        or (isinstance(address, ipaddress.IPv4Address) and address in _SHARED)
        or not address.is_global
    )


def _allowed(address: IPAddress, networks: Sequence[Network]) -> bool:
    """Say whether the operator allowed an address's network."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address.version == net.version and address in net for net in networks)


def check_host(host: str, port: int, *, resolve: Resolver, allow: Sequence[Network]
               ) -> IPAddress:
    """Return the address to connect to, or raise RefusedAddress naming the host and why."""
    try:
        literal: IPAddress | None = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        found: list[IPAddress] = [literal]
    else:
        try:
            found = [ipaddress.ip_address(a.split("%", 1)[0]) for a in resolve(host, port)]
        except (OSError, UnicodeError, ValueError) as exc:
            raise RefusedAddress(f"the host {host} could not be found ({exc})") from None
    if not found:
        raise RefusedAddress(f"the host {host} could not be found")
    for address in found:
        if forbidden(address) and not _allowed(address, allow):
            raise RefusedAddress(
                f"{host} is on a private or local network ({address}); this service checks only "
                "APIs on the public internet"
            )
    return found[0]


class GuardedTransport(httpx.BaseTransport):
    """An httpx transport that refuses forbidden addresses and connects to the one it checked."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        *,
        resolve: Resolver = system_resolver,
        allow: Sequence[Network] = (),
        deadline: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Wrap the transport that really connects; refuse everything after `deadline`."""
        self.inner = inner
        self.resolve = resolve
        self.allow = tuple(allow)
        self.deadline = deadline
        self.clock = clock

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Check the request's host, pin its address, and pass the request on."""
        if self.deadline is not None and self.clock() > self.deadline:
            raise httpx.ConnectError("the time allowed for this check ran out", request=request)
        url = request.url
        port = url.port or (443 if url.scheme == "https" else 80)
        address = check_host(url.host, port, resolve=self.resolve, allow=self.allow)
        if url.scheme == "https":
            # The certificate is checked against the name asked for, not the address.
            request.extensions = {**request.extensions, "sni_hostname": url.host}
        # The Host header was set from the original URL when the request was built, and stays.
        request.url = url.copy_with(host=str(address))
        return self.inner.handle_request(request)

    def close(self) -> None:
        """Close the inner transport."""
        self.inner.close()
