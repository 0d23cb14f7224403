"""TEST DOUBLE — an eSCL (AirScan) network scanner served on 127.0.0.1.

No real network scanner can run here, so this HTTP server stands in for one. It
implements the parts of the Mopria eSCL protocol SoHoa's client uses, as devices do:
ScannerCapabilities (platen, feeder simplex and duplex), ScannerStatus (State, AdfState,
Jobs), ScanJobs POST → 201 + Location, <job>/NextDocument page by page (a sheet's front
then back in duplex) until 404, DELETE <job>, 503 while busy, 409 with the feeder state
for a jam, an open cover or an empty feeder; optionally over TLS with a certificate made
by ``make_certificate``. Faults are injected with ``Faults``: jam, open cover, busy,
connection dropped (the device "unplugged": later connections are refused), hang.

Pages are synthetic: white, with a band of 8 black/white cells encoding the sheet number
and side (``read_label`` decodes it, robust to JPEG), so tests can check page order;
``fixed_page`` serves one real page image instead (the benchmark uses a generated one).
"""
from __future__ import annotations

import io
import socket
import ssl
import struct
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

SCAN = "http://schemas.hp.com/imaging/escl/2011/05/03"
PWG = "http://www.pwg.org/schemas/2010/12/sm"
_NS = {"scan": SCAN, "pwg": PWG}
MODES = ("RGB24", "Grayscale8", "BlackAndWhite1")
_CELLS = 8


@dataclass
class Faults:
    """What goes wrong, counted in pages delivered by the current job.

    ``jam_after``/``cover_open_after``: the feeder jams / its cover opens after that many
    pages (0: before the job starts). ``drop_after``: the connection is reset instead of
    that page and the device disappears; ``cut_after``: the same halfway through the
    page. ``hang_after``: the device freezes on that NextDocument: no request is answered
    any more. ``slow_page``: seconds NextDocument takes before each page while ScannerStatus
    still answers (a slow 600 dpi scan).
    ``busy_posts``: ScanJobs answers 503 (another job is running) that many times.
    ``not_ready``: NextDocument answers 503 that many times before each page, as devices
    do while the sheet is still being read. ``refuse_dpi``: resolutions the capabilities
    claim but ScanJobs refuses with 409. ``empty_feeder_404``: a feeder job on an empty
    feeder is accepted and ends with 404 at once (some devices), instead of a 409.
    ``trickle``: seconds each page's bytes take to arrive (a slow Wi-Fi link).
    ``damaged_after``: that page arrives whole but is not a readable image (a firmware bug:
    the JPEG start marker, then zeros).
    """

    jam_after: int | None = None
    cover_open_after: int | None = None
    drop_after: int | None = None
    cut_after: int | None = None
    hang_after: int | None = None
    busy_posts: int = 0
    not_ready: int = 0
    refuse_dpi: tuple[int, ...] = ()
    empty_feeder_404: bool = False
    trickle: float = 0.0
    slow_page: float = 0.0
    damaged_after: int | None = None


@dataclass
class Job:
    id: str
    feeder: bool
    duplex: bool
    mode: str
    dpi: int
    width: int  # 1/300 inch
    height: int
    fmt: str
    delivered: int = 0
    state: str = "Processing"
    sheet: int = 0  # number of the sheet being read, from 1
    back_due: bool = False
    not_ready_left: int = 0

    @property
    def path(self) -> str:
        return f"/eSCL/ScanJobs/{self.id}"


@dataclass
class Record:
    """What the server saw, for assertions."""

    requests: list[tuple[str, str]] = field(default_factory=list)
    jobs: list[Job] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)


def make_certificate(folder: Path, host: str = "127.0.0.1") -> tuple[Path, Path]:
    """A self-signed certificate for ``host``, as a network scanner ships with: (cert.pem, key.pem)."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test eSCL scanner")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(host)),
                                                    x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = folder / "scanner-cert.pem", folder / "scanner-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def label_code(sheet: int, back: bool) -> int:
    return (sheet % 128) * 2 + int(back)


def render_page(sheet: int, back: bool, width: int, height: int, mode: str) -> Image.Image:
    """A white page whose top band of 8 cells spells the sheet number and side in binary;
    colour pages get a red disc (a seal) so colour survives the trip."""
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    code = label_code(sheet, back)
    cell = width / _CELLS
    band = max(4, height // 4)
    for i in range(_CELLS):
        if code >> i & 1:
            draw.rectangle([round(i * cell), 0, round((i + 1) * cell) - 1, band], fill="black")
    r = min(width, height) // 6
    draw.ellipse([width // 2 - r, height // 2, width // 2 + r, height // 2 + 2 * r], fill=(200, 30, 30))
    if mode == "Grayscale8":
        return image.convert("L")
    if mode == "BlackAndWhite1":
        return image.convert("L").point(lambda v: 255 if v > 127 else 0).convert("1")
    return image


def read_label(array: np.ndarray) -> tuple[int, bool]:
    """(sheet, is_back) from a page rendered by ``render_page``."""
    gray = array if array.ndim == 2 else array.mean(axis=2)
    height, width = gray.shape
    y = max(2, height // 8)
    code = 0
    for i in range(_CELLS):
        x = int((i + 0.5) * width / _CELLS)
        if gray[y, x] < 128:
            code |= 1 << i
    return code // 2, bool(code & 1)


def _encode(image: Image.Image, fmt: str, dpi: int) -> bytes:
    out = io.BytesIO()
    if fmt == "image/jpeg":
        (image.convert("L") if image.mode == "1" else image).save(out, "JPEG", quality=90, dpi=(dpi, dpi))
    elif fmt == "image/png":
        image.save(out, "PNG", compress_level=1, dpi=(dpi, dpi))
    elif fmt == "application/pdf":
        image.save(out, "PDF", resolution=float(dpi))
    else:  # pragma: no cover - only formats listed in the capabilities are accepted
        raise ValueError(fmt)
    return out.getvalue()


class EsclTestServer:
    """The test double. ``with EsclTestServer(sheets=3) as scanner: scanner.url`` → its eSCL base URL.

    ``sheets``: sheets in the feeder. ``platen``/``adf``/``duplex``: sources offered.
    ``adf_modes``: colour modes of the feeder when they differ from the platen's.
    ``platen_height``: the glass's length in 1/300 inch (3508: A4; 3300: a letter-length glass);
    the glass is 2550 wide (letter), the feeder 2550×4200 (legal). ``tls``: (cert, key) files
    to serve https. State may be changed between requests (``sheets``, ``faults``, ``adf_state``)
    under ``lock``.
    """

    def __init__(
        self,
        sheets: int = 3,
        platen: bool = True,
        adf: bool = True,
        duplex: bool = True,
        resolutions: tuple[int, ...] = (75, 150, 200, 300, 600),
        modes: tuple[str, ...] = MODES,
        adf_modes: tuple[str, ...] | None = None,
        formats: tuple[str, ...] = ("image/jpeg", "application/pdf"),
        faults: Faults | None = None,
        tls: tuple[Path, Path] | None = None,
        fixed_page: Image.Image | None = None,
        make_and_model: str = "SoHoa Test eSCL Scanner",
        platen_height: int = 3508,
    ):
        self.sheets = sheets
        self.platen, self.adf, self.duplex = platen, adf, duplex
        self.resolutions, self.modes = resolutions, modes
        self.adf_modes = adf_modes or modes
        self.formats = formats
        self.faults = faults or Faults()
        self.tls = tls
        self.fixed_page = fixed_page
        self.make_and_model = make_and_model
        self.platen_height = platen_height
        self.uuid = str(uuid.uuid4())
        self.adf_state = ""  # "" = derived from the sheets; or a fault state
        self.record = Record()
        self.lock = threading.RLock()
        self.stopped = threading.Event()
        self.gone = False
        self.frozen = False
        self._jobs: dict[str, Job] = {}
        self._cache: dict[tuple, bytes] = {}
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- life ------------------------------------------------------------------------------

    def start(self) -> EsclTestServer:
        server = self

        class Handler(_Handler):
            scanner = server

        httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        httpd.daemon_threads = True
        httpd.handle_error = lambda request, address: None  # resets and TLS refusals are expected here
        if self.tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(str(self.tls[0]), str(self.tls[1]))
            httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
        self._httpd = httpd
        self.port = httpd.server_address[1]
        self._thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopped.set()
        if self._httpd is not None:
            if not self.gone:
                self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> EsclTestServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}/eSCL"

    @property
    def device_id(self) -> str:
        return "escl:" + self.url

    def unplug(self) -> None:
        """The device disappears: the listening socket closes, so connections are refused."""
        self.gone = True
        httpd = self._httpd
        if httpd is not None:
            threading.Thread(target=lambda: (httpd.shutdown(), httpd.server_close()), daemon=True).start()

    # -- state -----------------------------------------------------------------------------

    def current_adf_state(self) -> str:
        if not self.adf:
            return ""
        return self.adf_state or ("ScannerAdfLoaded" if self.sheets > 0 else "ScannerAdfEmpty")

    def state(self) -> str:
        if self.faults.busy_posts > 0 or any(j.state == "Processing" for j in self._jobs.values()):
            return "Processing"
        return "Idle"

    def capabilities_xml(self) -> bytes:
        def profile(modes: tuple[str, ...]) -> str:
            return (
                "<scan:SettingProfiles><scan:SettingProfile><scan:ColorModes>"
                + "".join(f"<scan:ColorMode>{m}</scan:ColorMode>" for m in modes)
                + "</scan:ColorModes><scan:DocumentFormats>"
                + "".join(f"<pwg:DocumentFormat>{f}</pwg:DocumentFormat>" for f in self.formats)
                + "".join(f"<scan:DocumentFormatExt>{f}</scan:DocumentFormatExt>" for f in self.formats)
                + "</scan:DocumentFormats><scan:SupportedResolutions><scan:DiscreteResolutions>"
                + "".join(f"<scan:DiscreteResolution><scan:XResolution>{r}</scan:XResolution>"
                          f"<scan:YResolution>{r}</scan:YResolution></scan:DiscreteResolution>"
                          for r in self.resolutions)
                + "</scan:DiscreteResolutions></scan:SupportedResolutions></scan:SettingProfile></scan:SettingProfiles>"
            )

        def caps(tag: str, height: int, modes: tuple[str, ...]) -> str:
            return (f"<scan:{tag}><scan:MinWidth>16</scan:MinWidth><scan:MaxWidth>2550</scan:MaxWidth>"
                    f"<scan:MinHeight>16</scan:MinHeight><scan:MaxHeight>{height}</scan:MaxHeight>"
                    f"{profile(modes)}</scan:{tag}>")

        body = [f'<?xml version="1.0" encoding="UTF-8"?><scan:ScannerCapabilities xmlns:scan="{SCAN}" '
                f'xmlns:pwg="{PWG}"><pwg:Version>2.63</pwg:Version>'
                f"<pwg:MakeAndModel>{self.make_and_model}</pwg:MakeAndModel>"
                f"<scan:UUID>{self.uuid}</scan:UUID>"]
        if self.platen:
            body.append(f"<scan:Platen>{caps('PlatenInputCaps', self.platen_height, self.modes)}</scan:Platen>")
        if self.adf:
            body.append("<scan:Adf>" + caps("AdfSimplexInputCaps", 4200, self.adf_modes))
            if self.duplex:
                body.append(caps("AdfDuplexInputCaps", 4200, self.adf_modes))
            body.append("<scan:FeederCapacity>50</scan:FeederCapacity><scan:AdfOptions>"
                        "<scan:AdfOption>DetectPaperLoaded</scan:AdfOption>"
                        + ("<scan:AdfOption>Duplex</scan:AdfOption>" if self.duplex else "")
                        + "</scan:AdfOptions></scan:Adf>")
        body.append("</scan:ScannerCapabilities>")
        return "".join(body).encode()

    def status_xml(self) -> bytes:
        jobs = "".join(
            f"<scan:JobInfo><pwg:JobUri>{j.path}</pwg:JobUri><pwg:JobUuid>{j.id}</pwg:JobUuid>"
            f"<scan:Age>0</scan:Age><pwg:ImagesCompleted>{j.delivered}</pwg:ImagesCompleted>"
            f"<pwg:ImagesToTransfer>0</pwg:ImagesToTransfer><pwg:JobState>{j.state}</pwg:JobState>"
            "</scan:JobInfo>"
            for j in self._jobs.values()
        )
        adf = f"<scan:AdfState>{self.current_adf_state()}</scan:AdfState>" if self.adf else ""
        return (f'<?xml version="1.0" encoding="UTF-8"?><scan:ScannerStatus xmlns:scan="{SCAN}" xmlns:pwg="{PWG}">'
                f"<pwg:Version>2.63</pwg:Version><pwg:State>{self.state()}</pwg:State>{adf}"
                f"<scan:Jobs>{jobs}</scan:Jobs></scan:ScannerStatus>").encode()

    # -- requests (called with the lock held) -------------------------------------------------

    def new_job(self, body: bytes) -> tuple[int, Job | None]:
        try:
            root = ET.fromstring(body)
        except ET.ParseError:
            return 400, None

        def text(path: str, default: str = "") -> str:
            found = root.find(path, _NS)
            return (found.text or "").strip() if found is not None else default

        if self.faults.busy_posts > 0:
            self.faults.busy_posts -= 1
            return 503, None
        source = text("pwg:InputSource") or text("scan:InputSource") or "Platen"
        duplex = text("scan:Duplex", "false").lower() == "true"
        mode, fmt = text("scan:ColorMode"), text("pwg:DocumentFormat") or text("scan:DocumentFormatExt")
        dpi = int(text("scan:XResolution", "0") or 0)
        feeder = source == "Feeder"
        width = int(text("pwg:ScanRegions/pwg:ScanRegion/pwg:Width", "2550"))
        height = int(text("pwg:ScanRegions/pwg:ScanRegion/pwg:Height", "3508"))
        allowed_modes = self.adf_modes if feeder else self.modes
        valid = (
            (self.adf if feeder else self.platen and source == "Platen")
            and (not duplex or (feeder and self.duplex))
            and mode in allowed_modes and dpi in self.resolutions and dpi not in self.faults.refuse_dpi
            and fmt in self.formats and 16 <= width <= 2550 and 16 <= height <= (4200 if feeder else 3508)
            and int(text("scan:YResolution", "0") or 0) == dpi
        )
        if not valid:
            return 409, None
        if feeder:
            if self.faults.cover_open_after == 0:
                self.adf_state = "ScannerAdfHatchOpen"
            if self.faults.jam_after == 0:
                self.adf_state = "ScannerAdfJam"
            if self.adf_state:
                return 409, None
            if self.sheets == 0 and not self.faults.empty_feeder_404:
                return 409, None
        job = Job(uuid.uuid4().hex, feeder, duplex, mode, dpi, width, height, fmt,
                  not_ready_left=self.faults.not_ready)
        self._jobs[job.id] = job
        self.record.jobs.append(job)
        return 201, job

    def next_page(self, job: Job) -> tuple[str, bytes | None]:
        """("page", bytes) | ("end"|"conflict"|"not-ready"|"gone"|"drop"|"hang", None) | ("cut", bytes)."""
        if job.state == "Canceled":
            return "gone", None
        if job.state in ("Aborted",):
            return "conflict", None
        if job.state == "Completed":
            return "end", None
        f, n = self.faults, job.delivered
        if f.drop_after == n:
            return "drop", None
        if f.cut_after == n:
            return "cut", self.page_bytes(job, job.sheet + 1, False)
        if f.hang_after == n:
            return "hang", None
        if job.feeder and not job.back_due:
            if f.jam_after == n or f.cover_open_after == n:
                self.adf_state = "ScannerAdfJam" if f.jam_after == n else "ScannerAdfHatchOpen"
                job.state = "Aborted"
                return "conflict", None
        if job.not_ready_left > 0:
            job.not_ready_left -= 1
            return "not-ready", None
        if not job.feeder:
            if n > 0:
                job.state = "Completed"
                return "end", None
            sheet, back = 1, False
        elif job.back_due:
            sheet, back = job.sheet, True
        else:
            if self.sheets <= 0:
                job.state = "Completed"
                return "end", None
            self.sheets -= 1
            job.sheet += 1
            sheet, back = job.sheet, False
        job.back_due = job.duplex and not back
        job.delivered += 1
        job.not_ready_left = f.not_ready
        body = self.page_bytes(job, sheet, back)
        if f.damaged_after == n:
            body = b"\xff\xd8" + bytes(len(body) - 2)
        return "page", body

    def page_bytes(self, job: Job, sheet: int, back: bool) -> bytes:
        w, h = round(job.width * job.dpi / 300), round(job.height * job.dpi / 300)
        if self.fixed_page is not None:
            key = (w, h, job.mode, job.fmt, job.dpi)
            if key not in self._cache:
                page = Image.new("RGB", (w, h), "white")
                page.paste(self.fixed_page.convert("RGB"), (0, 0))
                if job.mode != "RGB24":
                    page = page.convert("L") if job.mode == "Grayscale8" else page.convert("1")
                self._cache[key] = _encode(page, job.fmt, job.dpi)
            return self._cache[key]
        return _encode(render_page(sheet, back, w, h, job.mode), job.fmt, job.dpi)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as devices and requests' pool use it
    scanner: EsclTestServer

    def log_message(self, format, *args) -> None:  # noqa: A002 - quiet during tests
        pass

    def _reply(self, code: int, body: bytes = b"", content_type: str = "text/xml", headers: dict | None = None):
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if body:
            self.wfile.write(body)

    def _reset(self) -> None:
        """Reset the connection (RST), as when a device loses power mid-transfer."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        try:
            self.connection.close()
        except OSError:
            pass

    def _begin(self) -> bool:
        s = self.scanner
        s.record.requests.append((self.command, self.path))
        if s.frozen:
            s.stopped.wait()
        if s.gone or s.frozen:
            self._reset()
            return False
        return True

    def do_GET(self) -> None:  # noqa: N802
        if not self._begin():
            return
        s = self.scanner
        if self.path == "/eSCL/ScannerCapabilities":
            return self._reply(200, s.capabilities_xml())
        if self.path == "/eSCL/ScannerStatus":
            with s.lock:
                return self._reply(200, s.status_xml())
        if self.path.startswith("/eSCL/ScanJobs/") and self.path.endswith("/NextDocument"):
            job_id = self.path.split("/")[3]
            with s.lock:
                job = s._jobs.get(job_id)
                outcome, body = s.next_page(job) if job else ("missing", None)
            if outcome == "page" and s.faults.slow_page:
                time.sleep(s.faults.slow_page)
            if outcome == "page" and s.faults.trickle:
                self.send_response(200)
                self.send_header("Content-Type", job.fmt)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                step = -(-len(body) // 16)
                for start in range(0, len(body), step):
                    self.wfile.write(body[start:start + step])
                    self.wfile.flush()
                    time.sleep(s.faults.trickle / 16)
                return None
            if outcome == "page":
                return self._reply(200, body, job.fmt)
            if outcome == "drop":
                s.unplug()
                return self._reset()
            if outcome == "cut":  # the whole page announced, half of it sent
                s.unplug()
                self.send_response(200)
                self.send_header("Content-Type", job.fmt)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                return self._reset()
            if outcome == "hang":
                s.frozen = True
                s.stopped.wait()
                return self._reset()
            code = {"end": 404, "missing": 404, "gone": 410, "conflict": 409, "not-ready": 503}[outcome]
            return self._reply(code)
        self._reply(404)

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
        if not self._begin():
            return
        s = self.scanner
        if self.path != "/eSCL/ScanJobs":
            return self._reply(404)
        with s.lock:
            code, job = s.new_job(body)
        if job is None:
            return self._reply(code, headers={"Retry-After": "1"} if code == 503 else None)
        scheme = "https" if s.tls else "http"
        self._reply(201, headers={"Location": f"{scheme}://127.0.0.1:{s.port}{job.path}"})

    def do_DELETE(self) -> None:  # noqa: N802
        if not self._begin():
            return
        s = self.scanner
        job_id = self.path.rstrip("/").split("/")[-1]
        with s.lock:
            job = s._jobs.get(job_id)
            if job is None or not self.path.startswith("/eSCL/ScanJobs/"):
                return self._reply(404)
            if job.state == "Processing":
                job.state = "Canceled"
            s.record.deleted.append(job_id)
        self._reply(200)
