"""eSCL (AirScan): the XML a driverless network scanner speaks, and an HTTP client for it.

eSCL is the scan protocol of AirPrint/Mopria devices: the scanner is an HTTP server
under a resource path (usually ``/eSCL``) with
  GET    ScannerCapabilities   sources, colour modes, resolutions, scan area (XML)
  GET    ScannerStatus         Idle/Processing, the feeder's state, the jobs (XML)
  POST   ScanJobs              a ScanSettings XML; 201 Created, ``Location:`` the job
  GET    <job>/NextDocument    the next page (JPEG, PNG, TIFF or PDF); 404 once there is none
  DELETE <job>                 cancel the job
Sizes are in 1/300 inch ("escl:ThreeHundredthsOfInches") whatever the resolution.

This module only translates and transports; escl_backend.py decides what a reply means
for the clerk. Every request has a timeout, certificates are verified, and proxies from
the environment are ignored: a scanner is on the office network, never behind a proxy.
"""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import numpy as np

from .errors import ScanError
from .model import Capabilities, ColorMode, PageSize, ScanSettings, Source
from .sane_backend import STANDARD_DPI

SCAN_NS = "http://schemas.hp.com/imaging/escl/2011/05/03"
PWG_NS = "http://www.pwg.org/schemas/2010/12/sm"
_NS = {"scan": SCAN_NS, "pwg": PWG_NS}

UNITS_PER_INCH = 300
MAX_XML_BYTES = 1 << 20  # capabilities of real devices are 5-40 KB; refuse anything absurd

ESCL_MODES = {"RGB24": ColorMode.COLOR, "Grayscale8": ColorMode.GRAY, "BlackAndWhite1": ColorMode.LINEART}
MODE_NAMES = {mode: name for name, mode in ESCL_MODES.items()}

# Formats SoHoa decodes, best first. Lossless before JPEG; for lineart a PDF usually holds a
# 1-bit CCITT image, so it comes before JPEG, which cannot carry 1-bit pixels at all.
_FORMATS = ("image/png", "image/tiff", "image/jpeg", "application/pdf")
_LINEART_FORMATS = ("image/png", "image/tiff", "application/pdf", "image/jpeg")


def mm_to_units(mm: float) -> int:
    return round(mm / 25.4 * UNITS_PER_INCH)


def units_to_mm(units: int) -> float:
    return round(units / UNITS_PER_INCH * 25.4, 1)


@dataclass(frozen=True)
class SourceCaps:
    """One input source (platen, feeder simplex or feeder duplex) as the device describes it."""

    modes: tuple[ColorMode, ...]
    resolutions: tuple[int, ...]
    formats: tuple[str, ...]
    max_width: int  # 1/300 inch
    max_height: int
    min_width: int = 1
    min_height: int = 1
    format_ext: bool = False  # the device names formats as scan:DocumentFormatExt too

    @property
    def max_page_size(self) -> PageSize:
        return PageSize(units_to_mm(self.max_width), units_to_mm(self.max_height))

    def document_format(self, mode: ColorMode) -> str | None:
        """The best format this source offers that SoHoa can decode."""
        for fmt in _LINEART_FORMATS if mode is ColorMode.LINEART else _FORMATS:
            if fmt in self.formats:
                return fmt
        return None


@dataclass(frozen=True)
class EsclCapabilities:
    make_and_model: str
    uuid: str
    version: str
    sources: dict[Source, SourceCaps] = field(default_factory=dict)

    def summary(self) -> Capabilities:
        """The device-wide view of the Backend protocol; per-source limits stay in ``sources``."""
        caps = list(self.sources.values())
        modes = {m for c in caps for m in c.modes}
        return Capabilities(
            sources=tuple(s for s in Source if s in self.sources),
            resolutions=tuple(sorted({r for c in caps for r in c.resolutions})),
            modes=tuple(m for m in ColorMode if m in modes),
            max_page_size=PageSize(
                max(c.max_page_size.width_mm for c in caps), max(c.max_page_size.height_mm for c in caps)
            ),
        )


@dataclass(frozen=True)
class EsclStatus:
    """ScannerStatus: ``state`` is Idle, Processing, Testing, Stopped or Down; ``adf_state``
    e.g. ScannerAdfLoaded, ScannerAdfEmpty, ScannerAdfJam ("" without a feeder)."""

    state: str
    adf_state: str = ""
    jobs: dict[str, str] = field(default_factory=dict)  # job path → pwg:JobState


class UnreadableReply(ScanError):
    default_message = "The scanner sent a reply SoHoa cannot read. Switch it off and on, then try again."


# -- XML ---------------------------------------------------------------------------------


def _parse(xml: bytes, root: str) -> ET.Element:
    # ElementTree never fetches external entities and Python's expat (>= 2.4) refuses
    # entity-expansion bombs; the size cap keeps a broken device from filling memory.
    if len(xml) > MAX_XML_BYTES:
        raise UnreadableReply(f"The scanner's {root} reply is too large ({len(xml)} bytes).")
    try:
        element = ET.fromstring(xml)
    except ET.ParseError as exc:
        raise UnreadableReply(f"The scanner's {root} reply is not valid XML ({exc}).") from None
    if element.tag != f"{{{SCAN_NS}}}{root}":
        raise UnreadableReply(f"The scanner answered {element.tag!r} where {root} was expected.")
    return element


def _int(element: ET.Element | None, path: str, default: int = 0) -> int:
    found = element.find(path, _NS) if element is not None else None
    try:
        return int((found.text or "").strip()) if found is not None else default
    except ValueError:
        return default


def _text(element: ET.Element, path: str) -> str:
    found = element.find(path, _NS)
    return (found.text or "").strip() if found is not None else ""


def _profile_parts(profile: ET.Element) -> tuple[set[ColorMode], set[int], list[str], bool]:
    modes = {ESCL_MODES[m.text.strip()] for m in profile.iterfind("scan:ColorModes/scan:ColorMode", _NS)
             if m.text and m.text.strip() in ESCL_MODES}
    resolutions: set[int] = set()
    for res in profile.iterfind("scan:SupportedResolutions/scan:DiscreteResolutions/scan:DiscreteResolution", _NS):
        x, y = _int(res, "scan:XResolution"), _int(res, "scan:YResolution")
        if x and x == y:  # SoHoa scans square pixels only
            resolutions.add(x)
    for ranges in profile.iterfind("scan:SupportedResolutions", _NS):
        xr, yr = ranges.find("scan:XResolutionRange", _NS), ranges.find("scan:YResolutionRange", _NS)
        if xr is not None:
            low = max(_int(xr, "scan:Min"), _int(yr, "scan:Min") if yr is not None else 0)
            high = min(_int(xr, "scan:Max"), _int(yr, "scan:Max", 1 << 30) if yr is not None else 1 << 30)
            resolutions.update(d for d in STANDARD_DPI if low <= d <= high)
    formats: list[str] = []
    ext = False
    for fmt in profile.iterfind("scan:DocumentFormats/*", _NS):
        if fmt.tag in (f"{{{PWG_NS}}}DocumentFormat", f"{{{SCAN_NS}}}DocumentFormatExt") and fmt.text:
            ext = ext or fmt.tag.endswith("DocumentFormatExt")
            name = fmt.text.strip().lower()
            if name not in formats:
                formats.append(name)
    return modes, resolutions, formats, ext


def _source_caps(element: ET.Element | None, named: dict[str, ET.Element]) -> SourceCaps | None:
    if element is None:
        return None
    modes: set[ColorMode] = set()
    resolutions: set[int] = set()
    formats: list[str] = []
    ext = False
    for profile in element.iterfind("scan:SettingProfiles/scan:SettingProfile", _NS):
        profile = named.get(profile.get("ref", ""), profile)  # <SettingProfile ref="..."/>
        m, r, f, e = _profile_parts(profile)
        modes |= m
        resolutions |= r
        formats += [x for x in f if x not in formats]
        ext = ext or e
    if not modes or not resolutions:
        return None  # a source that cannot scan in any mode SoHoa knows is no source for a clerk
    return SourceCaps(
        modes=tuple(m for m in ColorMode if m in modes),
        resolutions=tuple(sorted(resolutions)),
        formats=tuple(formats),
        max_width=_int(element, "scan:MaxWidth", 2550),
        max_height=_int(element, "scan:MaxHeight", 3508),
        min_width=max(1, _int(element, "scan:MinWidth", 1)),
        min_height=max(1, _int(element, "scan:MinHeight", 1)),
        format_ext=ext,
    )


def parse_capabilities(xml: bytes) -> EsclCapabilities:
    root = _parse(xml, "ScannerCapabilities")
    named = {p.get("name", ""): p for p in root.iterfind("scan:SettingProfiles/scan:SettingProfile", _NS)}
    sources: dict[Source, SourceCaps] = {}
    platen = _source_caps(root.find("scan:Platen/scan:PlatenInputCaps", _NS), named)
    simplex = _source_caps(root.find("scan:Adf/scan:AdfSimplexInputCaps", _NS), named)
    duplex = _source_caps(root.find("scan:Adf/scan:AdfDuplexInputCaps", _NS), named)
    if duplex is None and simplex is not None:
        # Older devices state duplex as an ADF option and share the simplex limits.
        options = {(o.text or "").strip() for o in root.iterfind("scan:Adf/scan:AdfOptions/scan:AdfOption", _NS)}
        duplex = simplex if "Duplex" in options else None
    for source, caps in ((Source.FLATBED, platen), (Source.ADF, simplex), (Source.DUPLEX, duplex)):
        if caps is not None:
            sources[source] = caps
    if not sources:
        raise UnreadableReply("The scanner states no platen and no feeder that SoHoa can use.")
    return EsclCapabilities(
        make_and_model=_text(root, "pwg:MakeAndModel") or _text(root, "pwg:ModelName"),
        uuid=_text(root, "scan:UUID"),
        version=_text(root, "pwg:Version") or "2.0",
        sources=sources,
    )


def parse_status(xml: bytes) -> EsclStatus:
    root = _parse(xml, "ScannerStatus")
    jobs = {}
    for info in root.iterfind("scan:Jobs/scan:JobInfo", _NS):
        uri = _text(info, "pwg:JobUri")
        if uri:
            jobs[urlsplit(uri).path.rstrip("/")] = _text(info, "pwg:JobState")
    return EsclStatus(state=_text(root, "pwg:State"), adf_state=_text(root, "scan:AdfState"), jobs=jobs)


def scan_settings_xml(settings: ScanSettings, caps: SourceCaps, document_format: str, version: str = "2.0") -> bytes:
    """The ScanSettings request for ``settings`` on a source with ``caps`` (already checked)."""
    size = settings.page_size
    width = min(caps.max_width, max(caps.min_width, mm_to_units(size.width_mm))) if size else caps.max_width
    height = min(caps.max_height, max(caps.min_height, mm_to_units(size.height_mm))) if size else caps.max_height
    ET.register_namespace("scan", SCAN_NS)
    ET.register_namespace("pwg", PWG_NS)
    root = ET.Element(f"{{{SCAN_NS}}}ScanSettings")

    def add(parent: ET.Element, ns: str, tag: str, text: object | None = None) -> ET.Element:
        child = ET.SubElement(parent, f"{{{ns}}}{tag}")
        if text is not None:
            child.text = str(text)
        return child

    add(root, PWG_NS, "Version", version)
    add(root, SCAN_NS, "Intent", "TextAndGraphic")  # printed text with seals and signatures
    regions = add(root, PWG_NS, "ScanRegions")
    regions.set(f"{{{PWG_NS}}}MustHonor", "true")
    region = add(regions, PWG_NS, "ScanRegion")
    add(region, PWG_NS, "ContentRegionUnits", "escl:ThreeHundredthsOfInches")
    add(region, PWG_NS, "XOffset", 0)
    add(region, PWG_NS, "YOffset", 0)
    add(region, PWG_NS, "Width", width)
    add(region, PWG_NS, "Height", height)
    add(root, PWG_NS, "InputSource", "Platen" if settings.source is Source.FLATBED else "Feeder")
    if settings.source is not Source.FLATBED:
        add(root, SCAN_NS, "Duplex", "true" if settings.duplex else "false")
    add(root, SCAN_NS, "ColorMode", MODE_NAMES[settings.mode])
    add(root, SCAN_NS, "XResolution", settings.dpi)
    add(root, SCAN_NS, "YResolution", settings.dpi)
    add(root, PWG_NS, "DocumentFormat", document_format)
    if caps.format_ext:
        add(root, SCAN_NS, "DocumentFormatExt", document_format)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# -- pages ----------------------------------------------------------------------------------


def _sniff(body: bytes, content_type: str) -> str:
    kind = content_type.split(";")[0].strip().lower()
    if kind in _FORMATS:
        return kind
    if body.startswith(b"%PDF"):
        return "application/pdf"
    if body.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if body.startswith(b"\x89PNG"):
        return "image/png"
    if body[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff"
    return kind


def decode_document(body: bytes, content_type: str, dpi: int) -> Iterator[np.ndarray]:
    """The page images in one NextDocument reply (a PDF may hold several pages), as 8-bit
    pixels for decode.to_page.

    A PDF page that is one scanned image is taken at its own pixels; anything else is
    rendered at the scan's ``dpi``."""
    from .decode import pixels
    from .files import pdf_page_images

    kind = _sniff(body, content_type)
    if kind not in _FORMATS:
        raise UnreadableReply(f"The scanner sent a page as '{content_type or 'unknown'}', which SoHoa cannot read.")
    try:
        if kind != "application/pdf":
            from PIL import Image

            with Image.open(io.BytesIO(body)) as image:
                image.load()
                yield pixels(image)
            return
        for image, _ in pdf_page_images(body, dpi):
            yield pixels(image)
    except Exception as exc:  # noqa: BLE001 - PIL and pdfium raise many kinds for a damaged page
        raise UnreadableReply(f"The scanner sent a damaged page ({type(exc).__name__}: {exc}).") from None


# -- HTTP -------------------------------------------------------------------------------------


def normalise_url(url: str) -> str:
    """A scanner address as a clerk might type it → its eSCL base URL.

    ``192.168.1.20`` → ``http://192.168.1.20/eSCL``; a given path (the TXT ``rs``) is kept.
    """
    url = url.strip()
    if "://" not in url:
        url = "http://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ScanError(f"'{url}' is not a scanner address (expected http://host/eSCL or https://host/eSCL).")
    path = parts.path.rstrip("/") or "/eSCL"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


class EsclClient:
    """The HTTP endpoints of one scanner. ``verify`` is True or a CA bundle file, never False."""

    def __init__(self, base_url: str, verify: bool | str = True, connect_timeout: float = 3.0,
                 read_timeout: float = 10.0):
        import requests

        if verify is False:
            raise ValueError("certificate verification cannot be turned off; configure a CA bundle instead")
        self.base_url = normalise_url(base_url)
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.session = requests.Session()
        self.session.trust_env = False  # no proxy, no .netrc for a device on the office network
        self.session.verify = verify
        self.session.headers["User-Agent"] = "SoHoa eSCL"

    def __enter__(self) -> EsclClient:
        return self

    def __exit__(self, *exc) -> None:
        self.session.close()

    def url(self, path: str) -> str:
        return urljoin(self.base_url + "/", path)

    def job_path(self, location: str) -> str:
        """The job's path from a Location header, kept on this scanner's host and scheme
        (some devices name themselves by a host name the workstation cannot resolve)."""
        return urlsplit(urljoin(self.base_url + "/", location)).path.rstrip("/")

    def job_url(self, job_path: str, tail: str = "") -> str:
        parts = urlsplit(self.base_url)
        return urlunsplit((parts.scheme, parts.netloc, job_path + tail, "", ""))

    def get(self, path: str, timeout: float | None = None):
        return self.session.get(self.url(path), timeout=(self.connect_timeout, timeout or self.read_timeout))

    def capabilities(self) -> EsclCapabilities:
        reply = self.get("ScannerCapabilities")
        reply.raise_for_status()
        return parse_capabilities(reply.content)

    def status(self) -> EsclStatus:
        reply = self.get("ScannerStatus")
        reply.raise_for_status()
        return parse_status(reply.content)

    def create_job(self, settings_xml: bytes):
        return self.session.post(
            self.url("ScanJobs"), data=settings_xml, headers={"Content-Type": "text/xml"},
            timeout=(self.connect_timeout, self.read_timeout), allow_redirects=False,
        )

    def next_document(self, job_path: str, timeout: float):
        """The reply with its body still to read (``iter_content``), so a large page can be
        read in pieces and the worker can tell its watchdog that data is arriving."""
        return self.session.get(self.job_url(job_path, "/NextDocument"), timeout=(self.connect_timeout, timeout),
                                stream=True)

    def delete_job(self, job_path: str, timeout: float = 3.0) -> bool:
        """Cancel the job; best effort (the device may be gone or the job already over)."""
        import requests

        try:
            reply = self.session.delete(self.job_url(job_path), timeout=(min(self.connect_timeout, timeout), timeout))
        except requests.RequestException:
            return False
        return reply.ok
