"""Address checks with a stub resolver: no DNS, no network."""
from __future__ import annotations

import ipaddress

import httpx
import pytest

from flashpoint.errors import FetchError
from flashpoint.feeds import FetchPolicy
from flashpoint.feeds.addresses import IPAddress, check_destination, endpoint, is_public


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
    "100.64.0.1", "0.0.0.0", "240.0.0.1", "224.0.0.1", "::1", "fe80::1", "fc00::1",
    "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::",
])
def test_non_public_addresses(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["8.8.8.8", "151.101.1.69", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8"])
def test_public_addresses(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))


def _resolver(*answers: str):  # type: ignore[no-untyped-def]
    def resolve(host: str, port: int) -> list[IPAddress]:
        return [ipaddress.ip_address(a) for a in answers]
    return resolve


def test_every_resolved_address_must_be_public() -> None:
    url = httpx.URL("https://news.example/feed")
    with pytest.raises(FetchError, match="E061 .*10.0.0.7"):
        check_destination(url, FetchPolicy(), _resolver("93.184.215.14", "10.0.0.7"))
    checked = check_destination(url, FetchPolicy(), _resolver("93.184.215.14"))
    assert [str(a) for a in checked.addresses] == ["93.184.215.14"]


def test_allowed_endpoint_is_exact_host_and_port() -> None:
    policy = FetchPolicy(allowed_endpoints=frozenset({"intranet.local:8080"}))
    private = _resolver("192.168.1.5")
    assert check_destination(httpx.URL("http://intranet.local:8080/rss"), policy, private)
    for other in ("http://intranet.local:8081/rss", "http://intranet.local/rss", "http://other.local:8080/"):
        with pytest.raises(FetchError, match="E061"):
            check_destination(httpx.URL(other), policy, private)


def test_endpoint_makes_the_port_explicit() -> None:
    assert endpoint(httpx.URL("https://Example.org/a")) == "example.org:443"
    assert endpoint(httpx.URL("http://[::1]:8000/")) == "[::1]:8000"
