"""Find eSCL scanners on the office network by mDNS / DNS-SD (zeroconf).

Devices announce ``_uscan._tcp`` (http) and ``_uscans._tcp`` (https) with TXT records:
``rs`` the resource path (usually ``eSCL``), ``ty`` the name a person sees, ``UUID``,
``pdl`` the page formats, ``cs`` the colour spaces, ``is`` the input sources.

Discovery is a convenience: it is bounded in time (``sohoa devices`` must not wait on
it) and any failure (no multicast route, port 5353 refused) gives an empty list, so the
scanners entered by hand and those of other drivers are still listed.
"""
from __future__ import annotations

import ipaddress
import logging
import threading
import time
from dataclasses import dataclass

log = logging.getLogger(__name__)

USCAN = "_uscan._tcp.local."
USCANS = "_uscans._tcp.local."
# A responder multicasts a record at most once a second (RFC 6762 §6), so an answer can
# be held back from the browser's first question; browsing 1.6 s spans its second one.
_RESOLVE_SHARE = 0.2  # of the time budget kept for asking devices that answered without details


@dataclass(frozen=True)
class Announced:
    """A scanner as announced: its eSCL base URL, its name, its UUID ("" if it gives none)."""

    url: str
    name: str
    uuid: str = ""
    tls: bool = False


def announced_scanner(info) -> Announced | None:
    """A zeroconf ``ServiceInfo`` → Announced, or None when it lacks an address or port."""
    if not info.port:
        return None
    props: dict[str, str] = {}
    for key, value in (info.properties or {}).items():
        name = key.decode("utf-8", "replace") if isinstance(key, bytes) else str(key)
        text = value.decode("utf-8", "replace") if isinstance(value, bytes) else (value or "")
        props[name.lower()] = text
    host = _best_address(info.parsed_scoped_addresses())
    if host is None:
        return None
    tls = info.type == USCANS
    rs = props.get("rs", "eSCL").strip("/")
    url = f"{'https' if tls else 'http'}://{host}:{info.port}" + (f"/{rs}" if rs else "")
    instance = info.name.removesuffix("." + info.type) if info.type else info.name
    return Announced(url=url, name=props.get("ty") or instance, uuid=props.get("uuid", "").lower(), tls=tls)


def _best_address(addresses: list[str]) -> str | None:
    """IPv4 first; IPv6 only when routable (a link-local one needs a zone a URL cannot carry well)."""
    v6 = []
    for text in addresses:
        try:
            address = ipaddress.ip_address(text.split("%")[0])
        except ValueError:
            continue
        if address.version == 4:
            return str(address)
        if not address.is_link_local:
            v6.append(f"[{address}]")
    return v6[0] if v6 else None


def merge(found: list[Announced]) -> list[Announced]:
    """One entry per scanner: a device announcing http and https (same UUID) is kept as https."""
    by_key: dict[str, Announced] = {}
    for item in found:
        key = item.uuid or item.url
        kept = by_key.get(key)
        if kept is None or (item.tls and not kept.tls):
            by_key[key] = item
    return sorted(by_key.values(), key=lambda a: (a.name, a.url))


class Collector:
    """A zeroconf ServiceListener that only notes names; resolving happens in ``discover``
    (zeroconf calls listeners on its own thread, which must not block)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._names: dict[tuple[str, str], None] = {}

    def add_service(self, zc, type_: str, name: str) -> None:
        with self._lock:
            self._names[(type_, name)] = None

    update_service = add_service

    def remove_service(self, zc, type_: str, name: str) -> None:
        with self._lock:
            self._names.pop((type_, name), None)

    def names(self) -> list[tuple[str, str]]:
        with self._lock:
            return list(self._names)


def resolve(zc, collector: Collector, deadline: float) -> list[Announced]:
    """Details of every noted service: from the cache when the announcement carried them
    (it usually does), else asked for until ``deadline``."""
    from zeroconf import ServiceInfo

    found = []
    for type_, name in collector.names():
        info = ServiceInfo(type_, name)
        if not info.load_from_cache(zc):
            remaining_ms = int((deadline - time.monotonic()) * 1000)
            if remaining_ms <= 0 or not info.request(zc, remaining_ms):
                continue
        announced = announced_scanner(info)
        if announced:
            found.append(announced)
    return merge(found)


def discover(timeout: float = 2.0, interfaces=None) -> list[Announced]:
    """eSCL scanners that answer within ``timeout`` seconds; [] when discovery cannot run."""
    try:
        from zeroconf import DNSQuestionType, InterfaceChoice, ServiceBrowser, Zeroconf
    except ImportError:  # pragma: no cover - a dependency, but discovery is never essential
        return []
    started = time.monotonic()
    deadline = started + timeout
    zc = None
    try:
        zc = Zeroconf(interfaces=interfaces if interfaces is not None else InterfaceChoice.All)
        collector = Collector()
        # Ask for multicast answers (QM). zeroconf's default first question asks for a unicast
        # answer (QU), which Linux hands to just one of the sockets sharing port 5353 (e.g.
        # avahi-daemon's, or an announcer's on the same host), so it is often lost.
        browser = ServiceBrowser(zc, [USCAN, USCANS], collector, question_type=DNSQuestionType.QM)
        time.sleep(max(0.0, timeout * (1 - _RESOLVE_SHARE)))
        found = resolve(zc, collector, deadline)
        browser.cancel()
        return found
    except Exception as exc:  # noqa: BLE001 - no multicast, no port 5353: still list the others
        log.warning("eSCL discovery failed: %s: %s", type(exc).__name__, exc)
        return []
    finally:
        if zc is not None:
            try:
                zc.close()
            except Exception:  # noqa: BLE001
                pass
        log.debug("eSCL discovery took %.2f s", time.monotonic() - started)
