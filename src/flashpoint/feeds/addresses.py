"""Which URLs the fetcher may reach: http(s) only, and public addresses unless allowed.

A monitor that fetches whatever a feed links to can be turned against the network it runs in
(server-side request forgery): an item or a redirect pointing at 127.0.0.1, the cloud metadata
address 169.254.169.254 or an intranet host. So every hop's host is resolved and *every*
address it resolves to must be public; the fetcher then connects to an address that was
checked rather than looking the name up again, so a DNS answer that changes between the check
and the connection cannot slip a private address in.
"""
from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from flashpoint.errors import FetchError
from flashpoint.feeds.policy import FetchPolicy

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
#: host, port -> every address the name resolves to.
Resolver = Callable[[str, int], list[IPAddress]]

DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class Destination:
    """A URL that passed the checks, with the addresses it may be fetched from."""

    url: httpx.URL
    addresses: tuple[IPAddress, ...]


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to (an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise FetchError("E062", host, reason=f"cannot resolve: {err}") from err
    found = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    return list(dict.fromkeys(found))


def is_public(address: IPAddress) -> bool:
    """Globally routable unicast; an IPv4-mapped IPv6 address is judged as its IPv4 self."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def endpoint(url: httpx.URL) -> str:
    """``host:port`` of a URL, the port made explicit, the form ``allowed_endpoints`` uses."""
    host = url.host.lower()
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{url.port or DEFAULT_PORTS[url.scheme]}"


def check_destination(url: httpx.URL, policy: FetchPolicy, resolver: Resolver = resolve) -> Destination:
    """The URL with its checked addresses, or ``FetchError`` saying why it is refused."""
    if url.scheme not in DEFAULT_PORTS or not url.host:
        raise FetchError("E060", str(url), reason="only http and https URLs are fetched")
    addresses = resolver(url.host, url.port or DEFAULT_PORTS[url.scheme])
    if not addresses:
        raise FetchError("E062", str(url), reason="the host resolves to no address")
    if policy.allow_private or endpoint(url) in policy.allowed_endpoints:
        return Destination(url, tuple(addresses))
    refused = [str(a) for a in addresses if not is_public(a)]
    if refused:
        raise FetchError("E061", str(url), host=url.host, addresses=", ".join(refused))
    return Destination(url, tuple(addresses))
