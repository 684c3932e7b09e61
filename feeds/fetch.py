"""Getting feed bodies over HTTP (or from disk) politely, within hard limits of time and size."""

from __future__ import annotations

import asyncio
import email.utils
import zlib
from collections.abc import AsyncIterator, Mapping
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from feeds import __version__
from feeds.config import Feed, FetchSettings
from feeds.lean_httpx import httpx
from feeds.units import describe_duration

USER_AGENT = (
    f"sitmon/{__version__} (terminal news monitor; polls each feed at most every few minutes)"
)
MAX_REDIRECTS = 5
Status = Literal["ok", "not_modified", "failed", "skipped"]


@dataclass(frozen=True)
class FetchOutcome:
    """What one attempt at one feed gave: a body, "not modified", a failure or a skip."""

    feed: Feed
    status: Status
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    error: str = ""
    retry_after: float | None = None


class _TooLarge(Exception):
    pass


async def fetch_all(
    feeds: list[Feed], settings: FetchSettings, states: Mapping[str, Mapping[str, Any]]
) -> AsyncIterator[FetchOutcome]:
    """Fetches every feed with bounded concurrency; yields outcomes as they finish."""
    timeout = httpx.Timeout(settings.timeout, connect=min(settings.timeout, 10.0))
    # Bodies fetched but not yet taken by the caller are capped: a slow consumer (parsing,
    # writing) holds back the fetching instead of piling up every feed's body in memory.
    window = asyncio.Semaphore(settings.concurrency * 2)
    async with AsyncExitStack() as stack:
        # httpcore's pool looks at every connection it holds (idle? closed by the server?) on
        # every request: one pool of 16 cost 2.2 s of CPU for 1,000 feeds, four pools of four
        # 0.95 s. Connections are held in small pools, and a fetch takes a free slot of one;
        # the slots are the concurrency limit.
        verify = httpx.create_ssl_context(trust_env=False)  # made once, for every pool
        free: asyncio.Queue[httpx.AsyncClient] = asyncio.Queue()
        for size in _pool_sizes(settings.concurrency):
            client = await stack.enter_async_context(_client(size, timeout, verify))
            for _ in range(size):
                free.put_nowait(client)

        async def one(feed: Feed) -> FetchOutcome:
            await window.acquire()
            client = await free.get()
            try:
                return await fetch_one(client, feed, settings, states.get(feed.name, {}))
            finally:
                free.put_nowait(client)

        for finished in asyncio.as_completed([one(feed) for feed in feeds]):
            outcome = await finished
            yield outcome
            window.release()  # the caller has taken this body: the next fetch may start


CONNECTIONS_PER_POOL = 4


def _pool_sizes(concurrency: int) -> list[int]:
    """Connections per pool, CONNECTIONS_PER_POOL at most, `concurrency` in all."""
    whole, rest = divmod(max(concurrency, 1), CONNECTIONS_PER_POOL)
    return [CONNECTIONS_PER_POOL] * whole + ([rest] if rest else [])


def _client(connections: int, timeout: httpx.Timeout, verify: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT, "Accept-Encoding": "gzip, deflate"},
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        timeout=timeout,
        limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
        trust_env=False,
        verify=verify,
    )


_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, "
    "text/xml;q=0.9, application/feed+json;q=0.8, */*;q=0.5"
)


async def fetch_one(
    client: httpx.AsyncClient, feed: Feed, settings: FetchSettings, state: Mapping[str, Any]
) -> FetchOutcome:
    """One feed, within a total deadline; every failure comes back as words, never raised."""
    wait = _backing_off(state)
    if wait:
        return FetchOutcome(feed, "skipped", error=wait)
    try:
        async with asyncio.timeout(settings.timeout):
            if feed.path is not None:
                outcome = await asyncio.to_thread(_read_file, feed, settings.max_bytes)
            else:
                outcome = await _get(client, feed, settings.max_bytes, state)
    except TimeoutError:
        outcome = FetchOutcome(
            feed, "failed", error=f"no complete answer within {settings.timeout:g}s"
        )
    except _TooLarge:
        outcome = FetchOutcome(
            feed, "failed", error=f"larger than the {_mb(settings.max_bytes)} cap"
        )
    except httpx.HTTPError as error:
        outcome = FetchOutcome(feed, "failed", error=_describe(error))
    except httpx.InvalidURL:
        outcome = FetchOutcome(
            feed, "failed", error="redirected to a non-http(s) or malformed address"
        )
    except OSError as error:
        outcome = FetchOutcome(feed, "failed", error=f"cannot read: {error.strerror or error}")
    except Exception as error:  # one feed's surprise must never stop the others
        outcome = FetchOutcome(feed, "failed", error=f"unexpected error ({type(error).__name__})")
    return outcome


def _backing_off(state: Mapping[str, Any]) -> str:
    """Why not to fetch yet (after failures or a Retry-After), or "" when it is allowed."""
    until = state.get("next_fetch_at")
    if not until:
        return ""
    moment = datetime.fromisoformat(until)
    now = datetime.now(UTC)
    if moment <= now:
        return ""
    return (
        f"backing off after errors; next try in {describe_duration((moment - now).total_seconds())}"
    )


async def _get(
    client: httpx.AsyncClient, feed: Feed, max_bytes: int, state: Mapping[str, Any]
) -> FetchOutcome:
    assert feed.url is not None
    headers = {}
    if state.get("etag"):
        headers["If-None-Match"] = state["etag"]
    if state.get("last_modified"):
        headers["If-Modified-Since"] = state["last_modified"]
    async with client.stream("GET", feed.url, headers=headers) as response:
        if response.status_code == 304:
            return FetchOutcome(feed, "not_modified", headers=_kept_headers(response, state))
        if response.status_code >= 400:
            return _http_failure(feed, response)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise _TooLarge
        body = await _read_capped(response, max_bytes)
        return FetchOutcome(feed, "ok", body, _kept_headers(response, state))


async def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    """The body, decompressed here in bounded steps: httpx would inflate a whole network chunk
    at once, and 64 KB of a gzip bomb is 64 MB of spaces."""
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("identity", "", "gzip", "x-gzip", "deflate"):
        raise httpx.DecodingError(f"unsupported content encoding {encoding!r}")
    inflater = zlib.decompressobj(47) if encoding not in ("identity", "") else None  # gzip or zlib
    body = bytearray()
    async for chunk in response.aiter_raw():
        pending = chunk
        while pending:
            if inflater is None:
                body += pending
                pending = b""
            else:
                try:
                    body += inflater.decompress(pending, max_bytes + 1 - len(body))
                except zlib.error as error:
                    raise httpx.DecodingError(str(error)) from None
                pending = inflater.unconsumed_tail
            if len(body) > max_bytes:
                raise _TooLarge
    return bytes(body)


def _kept_headers(response: httpx.Response, state: Mapping[str, Any]) -> dict[str, str]:
    """The headers the parser and the next conditional GET need."""
    kept = {
        "content-location": str(response.url),
        "content-type": response.headers.get("content-type", ""),
        "etag": response.headers.get("etag", state.get("etag") or ""),
        "last-modified": response.headers.get("last-modified", state.get("last_modified") or ""),
    }
    return {k: v for k, v in kept.items() if v}


def _http_failure(feed: Feed, response: httpx.Response) -> FetchOutcome:
    reason = f"HTTP {response.status_code} {response.reason_phrase}".strip()
    retry = _retry_after(response.headers.get("retry-after", ""))
    if retry is not None:
        reason += f" (server asks to wait {describe_duration(retry)})"
    return FetchOutcome(feed, "failed", error=reason, retry_after=retry)


def _retry_after(value: str) -> float | None:
    """Retry-After as seconds from now: either a number or an HTTP date."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


def _read_file(feed: Feed, max_bytes: int) -> FetchOutcome:
    assert feed.path is not None
    with open(feed.path, "rb") as handle:
        body = handle.read(max_bytes + 1)
    if len(body) > max_bytes:
        raise _TooLarge
    return FetchOutcome(feed, "ok", body, {"content-location": feed.path.as_uri()})


def _describe(error: httpx.HTTPError) -> str:
    """A short cause in words for a transport error."""
    kinds = [
        (httpx.TooManyRedirects, f"more than {MAX_REDIRECTS} redirects (a redirect loop?)"),
        (httpx.UnsupportedProtocol, "redirected to a non-http(s) address"),
        (httpx.ConnectTimeout, "could not connect in time"),
        (httpx.ReadTimeout, "the server stopped sending"),
        (httpx.ConnectError, "could not connect"),
        (httpx.RemoteProtocolError, "the server broke the HTTP protocol"),
        (httpx.DecodingError, "the response could not be decompressed"),
    ]
    for kind, words in kinds:
        if isinstance(error, kind):
            detail = str(error).splitlines()[0][:100] if str(error) else ""
            return f"{words} ({detail})" if detail and kind is httpx.ConnectError else words
    return f"network error: {type(error).__name__}"


def _mb(size: int) -> str:
    return f"{size / 1_000_000:g} MB"
