"""eSCL / AirScan network scanners behind the Backend protocol.

A device id is ``escl:<base url>``, e.g. ``escl:http://192.168.1.20/eSCL``. Scanners come
from mDNS discovery (escl_discovery.py) and from addresses an administrator entered.

The protocol says little about failures, so this module follows what devices do
(sane-airscan's and NAPS2's experience): a refused or failed request is explained by
ScannerStatus (``AdfState`` ScannerAdfJam → paper jam, ScannerAdfEmpty → empty feeder,
ScannerAdfHatchOpen → cover open, ``State`` Processing → busy); 503 means "not now" and
is retried a few times; NextDocument's 404 ends a job, so an empty feeder after some
pages is the normal end of a batch and an error only before the first page. Pages are
yielded as soon as they arrive, so every failure keeps the pages already read.
"""
from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import closing, contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

from .backend import Cancel, check_settings, report_progress, split_device_id
from .decode import to_page
from .errors import (
    CoverOpen,
    DeviceBusy,
    DeviceGone,
    DriverHung,
    FeederEmpty,
    PaperJam,
    ScanError,
    UnsupportedSetting,
)
from .escl import (
    EsclCapabilities,
    EsclClient,
    EsclStatus,
    SourceCaps,
    UnreadableReply,
    decode_document,
    normalise_url,
    parse_capabilities,
    parse_status,
    scan_settings_xml,
)
from .model import Capabilities, Device, Page, ScanSettings, Side, Source

_CHUNK = 64 * 1024  # pieces of a page, each a sign of life: fed down to 8 KB/s over 8 s

ENV_SCANNERS = "SOHOA_ESCL_SCANNERS"  # addresses typed in by an administrator
ENV_CA = "SOHOA_ESCL_CA"  # CA bundle (or the scanner's own certificate) for https scanners
ENV_DISCOVERY = "SOHOA_ESCL_DISCOVERY"  # "0"/"off": no mDNS (networks where multicast is unwanted)

# Feeder states that mean a sheet is stuck (eSCL AdfState values).
_JAM_STATES = {
    "ScannerAdfJam", "ScannerAdfMispick", "ScannerAdfMultipickDetected",
    "ScannerAdfDuplexPageTooShort", "ScannerAdfDuplexPageTooLong",
}
_OPEN_STATES = {"ScannerAdfHatchOpen", "ScannerAdfDoorOpen"}  # the spec's name, and one devices use


def parse_address_list(text: str) -> tuple[str, ...]:
    """Addresses separated by commas, semicolons or spaces (not ':' — every URL has one)."""
    return tuple(part for part in re.split(r"[,;\s]+", text) if part)


def status_error(status: EsclStatus, source: Source, device_id: str, page_index: int | None) -> ScanError | None:
    """The clerk's error that a ScannerStatus explains, or None when it explains nothing."""
    where = {"device_id": device_id, "page_index": page_index}
    if source is not Source.FLATBED:
        if status.adf_state in _JAM_STATES:
            return PaperJam(**where)
        if status.adf_state in _OPEN_STATES:
            return CoverOpen("The document feeder's cover is open. Close it and try again.", **where)
        if status.adf_state == "ScannerAdfEmpty":
            return FeederEmpty(**where)
    if status.state == "Down":
        return DeviceGone("The scanner reports that it is out of service. Check its panel.", **where)
    if status.state == "Stopped":
        return ScanError("The scanner has stopped and needs attention at its panel.", **where)
    if status.state in ("Processing", "Testing"):
        return DeviceBusy(**where)
    return None


@contextmanager
def _network(device_id: str, page_index: int | None = None):
    """requests' failures as the clerk's errors: a refused or reset connection is a scanner
    gone (unplugged, switched off), silence past the timeout a scanner that hangs."""
    import requests
    from urllib3.exceptions import ReadTimeoutError

    where = {"device_id": device_id, "page_index": page_index}
    try:
        yield
    except requests.exceptions.SSLError as exc:
        raise DeviceGone(
            "The scanner's certificate is not trusted, so SoHoa will not send it anything "
            f"({_reason(exc)}). Add the scanner's certificate or its CA to {ENV_CA}.",
            details={"reason": "certificate"}, **where,
        ) from None
    except requests.exceptions.ConnectTimeout:
        raise DeviceGone("The scanner does not answer at its address. Check that it is switched on "
                         "and on the network.", **where) from None
    except requests.exceptions.ReadTimeout:
        raise DriverHung(**where) from None
    except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
        if any(isinstance(arg, ReadTimeoutError) for arg in exc.args):  # timed out inside a page body
            raise DriverHung(**where) from None
        # Refused, reset, or cut off inside a page (ChunkedEncodingError: fewer bytes than announced).
        raise DeviceGone("The connection to the scanner was lost. Check that it is switched on and "
                         "on the network, then rescan the missing pages.", **where) from None
    except requests.exceptions.RequestException as exc:
        raise ScanError(f"The scanner could not be asked ({type(exc).__name__}).", **where) from None


def _reason(exc: Exception) -> str:
    text = str(exc)
    match = re.search(r"certificate verify failed: ([^(')\]]+)", text)
    return match.group(1).strip() if match else "certificate verification failed"


@dataclass(frozen=True)
class EsclBackend:
    """eSCL scanners: ``manual`` addresses plus, when ``discover``, those announced by mDNS.

    ``ca_bundle`` is a PEM file trusted for https scanners (self-signed devices); without
    it the system's trusted CAs apply. Verification is never turned off.
    Timeouts (seconds): ``connect_timeout`` to reach the device, ``read_timeout`` for its
    XML answers. NextDocument answers only once the sheet is read (3-10 s for an A4 page
    at 300 dpi on office devices, more at 600 dpi), so while it is awaited the device is
    asked for its ScannerStatus every ``status_every``: bytes of the page or any answer
    are signs of life (and heartbeats for the worker's watchdog); ``silence_timeout``
    without one is a hang, and ``page_timeout`` bounds a page however alive the device
    looks. ``busy_retries`` answers "503 not now" are waited out ``retry_pause`` apart
    before the device is called busy.
    """

    manual: tuple[str, ...] = ()
    ca_bundle: str | None = None
    discover: bool = True
    discovery_timeout: float = 2.0
    connect_timeout: float = 3.0
    read_timeout: float = 8.0
    silence_timeout: float = 8.0  # as the worker's watchdog: a hang is reported within 10 s
    status_every: float = 1.0
    page_timeout: float = 120.0
    retry_pause: float = 1.0
    busy_retries: int = 5
    name: str = "escl"

    def __post_init__(self) -> None:
        object.__setattr__(self, "manual", tuple(normalise_url(u) for u in self.manual))

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> EsclBackend:
        """The office's settings: SOHOA_ESCL_SCANNERS, SOHOA_ESCL_CA, SOHOA_ESCL_DISCOVERY."""
        manual = parse_address_list(environ.get(ENV_SCANNERS, ""))
        discover = environ.get(ENV_DISCOVERY, "1").strip().lower() not in ("0", "off", "no", "false")
        return cls(manual=manual, ca_bundle=environ.get(ENV_CA) or None, discover=discover)

    # -- Backend protocol -------------------------------------------------------------------

    def list_devices(self) -> list[Device]:
        devices = {url: Device(f"{self.name}:{url}", f"eSCL {_host(url)}", self.name) for url in self.manual}
        if self.discover:
            from .escl_discovery import discover

            for found in discover(self.discovery_timeout):  # never raises; bounded in time
                # A typed-in address that is also announced keeps its place, with the device's name.
                devices[found.url] = Device(f"{self.name}:{found.url}", found.name, self.name)
        return list(devices.values())

    def capabilities(self, device_id: str) -> Capabilities:
        with self._client(device_id) as client:
            return self._capabilities(client, device_id).summary()

    def scan(self, device_id: str, settings: ScanSettings, cancel: Cancel) -> Iterator[Page]:
        with self._client(device_id) as client:
            caps = self._capabilities(client, device_id)
            settings = check_settings(device_id, caps.summary(), settings)
            source, settings = _source_check(device_id, caps, settings)
            fmt = source.document_format(settings.mode)
            if fmt is None:
                raise UnsupportedSetting(
                    f"This scanner offers its pages only as {', '.join(source.formats) or 'nothing'}, "
                    "which SoHoa cannot read.", device_id=device_id)
            job = self._create_job(client, device_id, settings, scan_settings_xml(settings, source, fmt, caps.version))
            yield from self._pages(client, device_id, settings, job, cancel)

    # -- internals --------------------------------------------------------------------------

    def _client(self, device_id: str) -> EsclClient:
        backend, url = split_device_id(device_id)
        if backend != self.name:
            raise UnsupportedSetting(f"'{device_id}' is not an eSCL scanner.", device_id=device_id)
        if self.ca_bundle and not os.path.isfile(self.ca_bundle):
            raise DeviceGone(f"The CA file for https scanners ({ENV_CA}) does not exist: {self.ca_bundle}.",
                             device_id=device_id)
        try:
            return EsclClient(url, self.ca_bundle or True, self.connect_timeout, self.read_timeout)
        except ScanError as exc:
            raise DeviceGone(exc.message, device_id=device_id) from None

    def _capabilities(self, client: EsclClient, device_id: str) -> EsclCapabilities:
        with _network(device_id):
            reply = client.get("ScannerCapabilities")
        if reply.status_code == 503:
            raise DeviceBusy(device_id=device_id)
        if not reply.ok:
            raise DeviceGone(f"The address does not answer as an eSCL scanner (HTTP {reply.status_code} "
                             "for ScannerCapabilities). Check the address.", device_id=device_id)
        try:
            return parse_capabilities(reply.content)
        except ScanError as exc:
            raise type(exc)(exc.message, device_id=device_id) from None

    def _status(self, client: EsclClient, device_id: str, page_index: int | None) -> EsclStatus:
        with _network(device_id, page_index):
            reply = client.get("ScannerStatus")
        if not reply.ok:
            return EsclStatus(state="")
        try:
            return parse_status(reply.content)
        except ScanError:
            return EsclStatus(state="")

    def _create_job(self, client: EsclClient, device_id: str, settings: ScanSettings, body: bytes) -> str:
        for attempt in range(self.busy_retries + 1):
            with _network(device_id, 0):
                reply = client.create_job(body)
            if reply.status_code == 201:
                location = reply.headers.get("Location", "")
                if not location:
                    raise ScanError("The scanner accepted the job but did not say where it is.", device_id=device_id)
                return client.job_path(location)
            status = self._status(client, device_id, 0)
            error = status_error(status, settings.source, device_id, 0)
            if reply.status_code == 503 or isinstance(error, DeviceBusy):
                if error is not None and not isinstance(error, DeviceBusy):
                    raise error
                if attempt < self.busy_retries:
                    report_progress()  # busy is not hung
                    time.sleep(self.retry_pause)
                    continue
                raise DeviceBusy(device_id=device_id, page_index=0)
            if error is not None:
                raise error
            if reply.status_code in (400, 409, 415, 422):
                raise UnsupportedSetting(
                    f"The scanner refused these settings ({settings.source.value}, {settings.dpi} dpi, "
                    f"{settings.mode.value}; HTTP {reply.status_code}). Choose another source, resolution or mode.",
                    device_id=device_id)
            raise ScanError(f"The scanner refused the job (HTTP {reply.status_code}).", device_id=device_id)
        raise DeviceBusy(device_id=device_id)  # pragma: no cover - the loop always returns or raises

    def _pages(self, client: EsclClient, device_id: str, settings: ScanSettings, job: str,
               cancel: Cancel) -> Iterator[Page]:
        index = 0
        job_over = False  # the device ended the job itself; nothing to delete
        try:
            while not cancel.is_set():
                document = self._next_document(client, device_id, settings, job, index)
                if document is None:
                    job_over = True
                    return
                content_type, body = document
                for image in decode_document(body, content_type, settings.dpi):
                    side = Side.BACK if settings.duplex and index % 2 else Side.FRONT
                    yield to_page(image, settings, index, side)
                    index += 1
                if settings.source is Source.FLATBED:
                    return  # one page from the glass; the job is then released below
        except (DriverHung, DeviceGone):
            job_over = True  # nothing can reach the device: a DELETE would only keep the clerk waiting
            raise
        except UnreadableReply as exc:  # decode and parse know the bytes, not which page they were
            exc.device_id, exc.page_index = device_id, index
            raise
        finally:
            if not job_over:  # cancelled, stopped early, failed, or a platen job: free the device
                client.delete_job(job, timeout=min(3.0, self.read_timeout))

    def _next_document(self, client: EsclClient, device_id: str, settings: ScanSettings, job: str,
                       index: int) -> tuple[str, bytes] | None:
        """(content type, bytes) of the next page, or None when the job has no more pages."""
        feeder = settings.source is not Source.FLATBED
        for attempt in range(self.busy_retries + 1):
            code, content_type, body = self._await_document(client, device_id, job, index)
            if code == 200:
                return content_type, body
            report_progress()  # the device answered: alive, whatever it said
            if code == 404:
                if index > 0:
                    return None  # the feeder ran out: the normal end of a batch
                if not feeder:
                    raise ScanError("The scanner ended the job without a page. Try again.",
                                    device_id=device_id, page_index=0)
                error = status_error(self._status(client, device_id, 0), settings.source, device_id, 0)
                raise error if isinstance(error, (PaperJam, CoverOpen)) else FeederEmpty(device_id=device_id,
                                                                                         page_index=0)
            if code == 410:
                raise ScanError("The job was cancelled at the scanner. Rescan the missing pages.",
                                device_id=device_id, page_index=index)
            error = status_error(self._status(client, device_id, index), settings.source, device_id, index)
            if isinstance(error, FeederEmpty) and index > 0:
                return None  # some devices answer 409/503 instead of 404 at the end of the stack
            if code == 503 and (error is None or isinstance(error, DeviceBusy)):
                # Devices answer 503 while the sheet is still being read; wait and ask again.
                if attempt < self.busy_retries:
                    time.sleep(self.retry_pause)
                    continue
                raise DeviceBusy("The scanner kept saying it is not ready. Rescan the missing pages.",
                                 device_id=device_id, page_index=index)
            if error is not None and not isinstance(error, DeviceBusy):
                raise error
            raise ScanError(f"The scanner failed to deliver the page (HTTP {code}). Rescan the missing pages.",
                            device_id=device_id, page_index=index)
        return None  # pragma: no cover - the loop always returns or raises

    def _await_document(self, client: EsclClient, device_id: str, job: str, index: int) -> tuple[int, str, bytes]:
        """One NextDocument, fetched on a helper thread while this one watches for signs of life.

        A device reading a slow sheet is silent on NextDocument but still answers
        ScannerStatus; one that answers neither, nor sends a byte of the page, for
        ``silence_timeout`` has hung. The helper thread is a daemon: if the device never
        answers, it ends with its own read timeout and nobody waits for it.
        """
        received = [0]
        outcome: Future = Future()

        def fetch() -> None:
            try:
                outcome.set_result(_fetch_document(client, job, self.page_timeout, received))
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
                outcome.set_exception(exc)

        threading.Thread(target=fetch, name="escl-next-document", daemon=True).start()
        seen, last_sign = 0, time.monotonic()
        with EsclClient(client.base_url, client.session.verify, self.connect_timeout, self.read_timeout) as watcher:
            while True:
                try:
                    with _network(device_id, index):
                        return outcome.result(timeout=self.status_every)
                except FutureTimeout:
                    pass
                if received[0] != seen or self._answers(watcher, last_sign):
                    seen, last_sign = received[0], time.monotonic()
                    report_progress()
                elif time.monotonic() - last_sign > self.silence_timeout:
                    raise DriverHung(device_id=device_id, page_index=index)

    def _answers(self, watcher: EsclClient, last_sign: float) -> bool:
        """Whether the device answers ScannerStatus at all, within what is left of the silence allowed."""
        import requests

        left = self.silence_timeout - (time.monotonic() - last_sign)
        try:
            watcher.get("ScannerStatus", timeout=max(0.2, min(self.status_every * 1.5, left))).close()
        except requests.RequestException:
            return False
        return True


def _fetch_document(client: EsclClient, job: str, timeout: float, received: list[int]) -> tuple[int, str, bytes]:
    """NextDocument → (HTTP status, content type, body), the body read in pieces and counted
    in ``received`` so the waiting thread sees the page arrive (a 600 dpi colour page over
    a slow Wi-Fi link can take longer than the watchdog allows)."""
    with closing(client.next_document(job, timeout)) as reply:
        if reply.status_code != 200:
            return reply.status_code, "", b""  # an error reply's body says nothing its status does not
        chunks = []
        for chunk in reply.iter_content(_CHUNK):
            chunks.append(chunk)
            received[0] += len(chunk)
        return 200, reply.headers.get("Content-Type", ""), b"".join(chunks)


def _source_check(device_id: str, caps: EsclCapabilities, settings: ScanSettings) -> tuple[SourceCaps, ScanSettings]:
    """check_settings against the one source used (devices often differ per source): the
    source and the settings with the page fitted to its area."""
    source = caps.sources[settings.source]
    name = {Source.FLATBED: "glass", Source.ADF: "feeder", Source.DUPLEX: "duplex feeder"}[settings.source]
    view = Capabilities((settings.source,), source.resolutions, source.modes, source.max_page_size)
    return source, check_settings(device_id, view, settings, part=name)


def _host(url: str) -> str:
    return urlsplit(url).netloc
