"""What every request passes before any route sees it, as one ASGI middleware.

- **The token before the body**: a request that may write (any method but GET, HEAD and
  OPTIONS) is refused on its headers alone (403 when ingestion is disabled, 401 without
  ``Authorization: Bearer <token>``), before a byte of its body is read. Otherwise an
  unauthenticated client could make the server read, parse and answer 100 MB.
- **A body limit**: a declared ``Content-Length`` over ``ServerLimits.max_body`` is refused
  at once (413); a body sent without one is read up to the limit and refused past it.
- **A time limit**: a request (receiving its body included) that takes longer than
  ``ServerLimits.request_seconds`` is answered 503 (408 while its body is still arriving).
  Cancelling the route's task is what stops an ingest's extraction (see ``routes/articles``);
  a read runs in a worker thread that cannot be interrupted, but reads are bounded by their
  page limits.
- **Security headers** on every response: no sniffing, no framing, no referrer, and a
  Content-Security-Policy allowing only this server's own scripts (a route may set a
  stricter or more specific one, as /docs does for its inline start-up script).

Refusals are JSON ``{"detail": ...}`` and never echo the request.
"""
from __future__ import annotations

import json
import secrets
from collections.abc import Callable

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from flashpoint.settings import ServerLimits

#: Methods that only read; every other one needs the token.
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: Environment variable holding the token that enables ``POST /api/articles``.
TOKEN_ENV = "FLASHPOINT_API_TOKEN"
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                           "frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = ((b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"))


def token_refusal(authorization: str | None, token: str | None) -> tuple[int, str] | None:
    """Why a request with this Authorization header may not write, or None when it may.

    The scheme must be ``Bearer`` (any case, RFC 7235) and the token compare equal in
    constant time; a bare token without the scheme is refused.
    """
    if not token:
        return 403, f"ingestion is disabled: start the server with {TOKEN_ENV} set"
    scheme, _, given = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), token.encode()):
        return 401, "missing or wrong token (send Authorization: Bearer <token>)"
    return None


class _TooLarge(Exception):
    pass


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return None


async def _answer(send: Send, status: int, detail: str, extra: tuple[tuple[bytes, bytes], ...] = ()) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *extra]})
    await send({"type": "http.response.body", "body": body})


def _with_security_headers(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            present = {bytes(key).lower() for key, _ in headers}
            headers += [h for h in SECURITY_HEADERS if h[0] not in present]
            if b"content-security-policy" not in present:
                headers.append((b"content-security-policy", CONTENT_SECURITY_POLICY.encode()))
            message = {**message, "headers": headers}
        await send(message)

    return sending


class Guard:
    """The middleware; ``token`` gives the configured token (None: ingestion disabled)."""

    def __init__(self, app: ASGIApp, limits: ServerLimits, token: Callable[[], str | None]) -> None:
        self.app = app
        self.limits = limits
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_security_headers(send)
        if scope["method"] not in READ_METHODS:
            refusal = token_refusal(_header(scope, b"authorization"), self.token())
            if refusal is not None:
                await _answer(send, *refusal, extra=((b"www-authenticate", b"Bearer"),) if refusal[0] == 401 else ())
                return
        declared = _header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limits.max_body:
            await _answer(send, 413, f"request body over the {self.limits.max_body:,}-byte limit")
            return
        await self._within_time(scope, receive, send)

    async def _within_time(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = received = False

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        seconds = self.limits.request_seconds
        with anyio.move_on_after(seconds) as timer:
            try:
                replay = await self._body(receive)
            except _TooLarge:
                await _answer(send, 413, f"request body over the {self.limits.max_body:,}-byte limit")
                return
            received = True
            await self.app(scope, replay, sending)
        if timer.cancelled_caught and not started:
            status, detail = ((503, f"the request took over {seconds:g} s") if received else
                              (408, f"the request body did not arrive within {seconds:g} s"))
            await _answer(send, status, detail, extra=((b"retry-after", b"5"),))

    async def _body(self, receive: Receive) -> Receive:
        """Read the whole body (up to the limit; none for most reads) and give a receive that
        replays it, then passes on what the client sends next (a disconnect)."""
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limits.max_body:
                raise _TooLarge
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return replay
