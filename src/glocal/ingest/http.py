"""A polite, guarded HTTP fetcher: one User-Agent, timeouts, retries, per-host rate limit,
robots.txt, a response size cap, and a refusal to reach loopback or private addresses (SSRF)
unless a source explicitly allows it.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from glocal.config import Settings
from glocal.errors import ItemRejected


@dataclass(slots=True)
class Response:
    url: str  # after redirects
    status: int
    content: bytes
    content_type: str
    charset: str | None


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class GuardedTransport(httpx.HTTPTransport):
    """Checks every request, redirects included, against the address policy before connecting."""

    def __init__(self, allow_private: bool, retries: int) -> None:
        super().__init__(retries=retries)
        self.allow_private = allow_private

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if not self.allow_private:
            host = request.url.host
            try:
                infos = socket.getaddrinfo(host, request.url.port or 443, proto=socket.IPPROTO_TCP)
            except socket.gaierror as exc:
                raise httpx.ConnectError(f"cannot resolve {host}: {exc}", request=request) from exc
            if any(not _is_public(str(info[4][0])) for info in infos):
                raise ItemRejected(
                    "blocked_address",
                    f"{host} resolves to a loopback or private address, which sources may not reach",
                    hint="If this is an intranet source you trust, set allow_private = true on it.",
                )
        return super().handle_request(request)


class RateLimiter:
    """At most one request per ``interval`` seconds to each host."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._next_slot: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next_slot.get(host, now))
            self._next_slot[host] = slot + self.interval
        if slot > now:
            time.sleep(slot - now)


class Fetcher:
    """Fetches URLs for one source; create one per source so its address policy applies."""

    def __init__(self, settings: Settings, allow_private: bool = False, limiter: RateLimiter | None = None):
        self.settings = settings
        self.limiter = limiter or RateLimiter(settings.rate_limit_per_host)
        self._robots: dict[str, RobotFileParser | None] = {}
        self._client = httpx.Client(
            transport=GuardedTransport(allow_private, settings.http_retries),
            headers={"User-Agent": settings.user_agent, "Accept-Language": "ko,ja;q=0.9,en;q=0.8"},
            timeout=httpx.Timeout(settings.http_timeout),
            follow_redirects=True,
            max_redirects=5,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str) -> Response:
        """GET ``url`` or raise ItemRejected with a reason a person can act on."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise ItemRejected("bad_url", f"{url!r} is not an http(s) URL")
        if self.settings.respect_robots and not self._allowed_by_robots(url):
            raise ItemRejected(
                "robots_disallowed", f"robots.txt of {urlsplit(url).netloc} disallows {url}",
                hint="Glocal respects robots.txt; ask the site for a feed or an API instead.",
            )
        return self._get(url)

    def _get(self, url: str) -> Response:
        self.limiter.wait(urlsplit(url).netloc)
        cap = self.settings.max_item_bytes
        try:
            with self._client.stream("GET", url) as response:
                declared = int(response.headers.get("content-length") or 0)
                if declared > cap:
                    raise ItemRejected("too_large", f"{url} is {declared} bytes, over the cap of {cap}")
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > cap:
                        raise ItemRejected("too_large", f"{url} is over the cap of {cap} bytes")
                    chunks.append(chunk)
                if response.status_code >= 400:
                    error = ItemRejected(
                        "http_error", f"{url} answered HTTP {response.status_code}",
                        hint="Check the URL; 404 means it moved, 403/429 that the site refuses us.",
                    )
                    error.status = response.status_code
                    raise error
                content_type = response.headers.get("content-type", "")
                return Response(
                    url=str(response.url),
                    status=response.status_code,
                    content=b"".join(chunks),
                    content_type=content_type.split(";")[0].strip().lower(),
                    charset=response.charset_encoding,
                )
        except httpx.TimeoutException as exc:
            raise ItemRejected(
                "timeout", f"{url} did not answer within {self.settings.http_timeout:g} s",
                hint="Try again later or raise http_timeout.",
            ) from exc
        except httpx.TooManyRedirects as exc:
            raise ItemRejected("too_many_redirects", f"{url} redirects too often") from exc
        except httpx.HTTPError as exc:
            raise ItemRejected(
                "unreachable", f"{url} cannot be reached: {exc}",
                hint="Check the address and the network; the run goes on without it.",
            ) from exc

    def _allowed_by_robots(self, url: str) -> bool:
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"
        if base not in self._robots:
            self._robots[base] = self._load_robots(base)
        parser = self._robots[base]
        return True if parser is None else parser.can_fetch(self.settings.user_agent, url)

    def _load_robots(self, base: str) -> RobotFileParser | None:
        parser = RobotFileParser()
        try:
            response = self._get(base + "/robots.txt")
        except ItemRejected as exc:
            if exc.status is None:
                raise  # the host itself cannot be reached: report that, not a robots verdict
            if exc.status < 500:
                return None  # no robots.txt (4xx): everything is allowed (RFC 9309)
            parser.disallow_all = True  # server error: assume nothing is allowed (RFC 9309)
            return parser
        parser.parse(response.content.decode("utf-8", errors="replace").splitlines())
        return parser
