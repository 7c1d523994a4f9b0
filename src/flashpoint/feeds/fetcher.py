"""Fetch one URL safely: checked hops, bounded redirects, size cap, timeouts, politeness.

httpx follows no redirect by itself here: each ``Location`` is joined, re-checked (scheme and
every resolved address) and only then requested, so a public page cannot bounce the monitor to
127.0.0.1. The connection goes to the checked address (the URL's host is kept for the ``Host``
header and for TLS, via httpx's ``sni_hostname``), and connections are not kept alive, so a
pooled connection opened for one name is never reused for another name on the same address.
"""
from __future__ import annotations

import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Self

import httpx

from flashpoint.errors import FetchError
from flashpoint.feeds.addresses import Destination, Resolver, check_destination, resolve
from flashpoint.feeds.policy import FetchPolicy
from flashpoint.feeds.ratelimit import HostRateLimiter
from flashpoint.feeds.validators import Validators

REDIRECT_STATUSES = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class Fetched:
    """A response the monitor accepted: 200 with its body, or 304 (nothing changed)."""

    url: str
    status: int
    content_type: str
    body: bytes
    #: The response's ETag / Last-Modified, for the next conditional request.
    validators: Validators | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Fetcher:
    """One client for a watch run; close it (or use ``with``) when done."""

    def __init__(self, policy: FetchPolicy | None = None, *, resolver: Resolver = resolve,
                 limiter: HostRateLimiter | None = None, clock: Callable[[], float] = time.monotonic,
                 verify: ssl.SSLContext | bool = True) -> None:
        """``verify`` is httpx's: True checks certificates against certifi's CAs; an
        ``SSLContext`` brings an organisation's own CA (environment variables are ignored)."""
        self.policy = policy or FetchPolicy()
        self._resolver = resolver
        self._limiter = limiter or HostRateLimiter(self.policy.host_interval)
        self._clock = clock
        timeout = httpx.Timeout(self.policy.read_timeout, connect=self.policy.connect_timeout)
        self._client = httpx.Client(
            timeout=timeout, follow_redirects=False, trust_env=False, verify=verify,
            headers={"User-Agent": self.policy.user_agent},
            limits=httpx.Limits(max_keepalive_connections=0))

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str, validators: Validators | None = None) -> Fetched:
        """The response for ``url`` after at most ``max_redirects`` checked redirects.

        With ``validators`` the request is conditional: a 304 comes back as ``Fetched`` with
        ``not_modified`` and no body. The response's own validators are in ``Fetched``; the
        caller decides when to remember them. Anything refused or failed raises
        ``FetchError`` with a code and the URL.
        """
        try:
            current = httpx.URL(url)
        except httpx.InvalidURL as err:
            raise FetchError("E060", url, reason=err) from err
        headers = validators.request_headers() if validators else {}
        deadline = self._clock() + self.policy.total_timeout
        for _ in range(self.policy.max_redirects + 1):
            destination = check_destination(current, self.policy, self._resolver)
            self._limiter.wait(current.host)
            response = self._send(destination, headers)
            try:
                location = response.headers.get("location")
                if response.status_code in REDIRECT_STATUSES and location:
                    current = current.join(location)
                    continue
                return self._accept(response, str(current), deadline, conditional=validators is not None)
            finally:
                response.close()
        raise FetchError("E065", url, limit=self.policy.max_redirects)

    def _send(self, destination: Destination, headers: dict[str, str]) -> httpx.Response:
        """Open a streamed response from the first checked address that accepts a connection."""
        url = destination.url
        extensions = {"sni_hostname": url.host} if url.scheme == "https" else {}
        failure: Exception | None = None
        for address in destination.addresses:
            request = self._client.build_request(
                "GET", url.copy_with(host=str(address)),
                headers={**headers, "Host": url.netloc.decode("ascii")}, extensions=extensions)
            try:
                return self._client.send(request, stream=True)
            except httpx.TimeoutException as err:
                raise FetchError("E063", str(url), reason=type(err).__name__) from err
            except httpx.ConnectError as err:
                failure = err
            except httpx.HTTPError as err:
                raise FetchError("E062", str(url), reason=f"request failed: {err}") from err
        raise FetchError("E062", str(url), reason=f"cannot connect: {failure}")

    def _accept(self, response: httpx.Response, url: str, deadline: float, conditional: bool) -> Fetched:
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        found = Validators.from_headers(response.headers)
        if response.status_code == 304 and conditional:
            return Fetched(url, 304, content_type, b"", found)
        if response.status_code != 200:
            raise FetchError("E066", url, status=response.status_code, phrase=response.reason_phrase)
        return Fetched(url, 200, content_type, self._read_capped(response, url, deadline), found)

    def _read_capped(self, response: httpx.Response, url: str, deadline: float) -> bytes:
        """The body, streamed and abandoned as soon as it passes the cap or the deadline."""
        limit = self.policy.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError("E064", url, limit=limit, reason=f"{int(declared):,} bytes announced")
        chunks, size = [], 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise FetchError("E064", url, limit=limit, reason="streamed past it")
                if self._clock() > deadline:
                    raise FetchError("E063", url, reason=f"not complete after {self.policy.total_timeout:g} s")
                chunks.append(chunk)
        except httpx.TimeoutException as err:
            raise FetchError("E063", url, reason=f"{type(err).__name__} while reading") from err
        except httpx.HTTPError as err:
            raise FetchError("E062", url, reason=f"connection failed while reading: {err}") from err
        return b"".join(chunks)
